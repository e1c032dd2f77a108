import type { Span } from './types.js';

/** A number fact is a few words: "five people were trapped", "$3 billion", "40%". */
const CONTEXT_WORDS = 3;
/** Beyond this many, numbers stop being key facts and become a table. */
export const NUMBERS_MAX = 10;

const WORD_NUMBER = 'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds|thousands|millions|dozens|a dozen';
// "$3 billion", "40%", "1,200 troops", "five people": a figure, its scale, then up to three words.
const NUMBER = new RegExp(
  `(?:[$£€]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\b\\d[\\d,]*(?:\\.\\d+)?|\\b(?:${WORD_NUMBER})\\b)` +
    `(?:\\s?(?:%|percent\\b|per cent\\b|million\\b|billion\\b|trillion\\b|thousand\\b|bn\\b|m\\b))?`,
  'gi',
);
/** Years and days of the month belong to dates, which are listed on their own. */
const YEAR = /^(?:1[89]|20)\d\d$/;
const MONTH_BEFORE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$/i;

/**
 * Numbers with the words that say what they count, skipping those inside date spans
 * ("September 7", "2018") and bare ordinals of lists. Each phrase stops at punctuation.
 */
export function extractNumbers(text: string, from: number, dates: Span[]): string[] {
  const out: string[] = [];
  NUMBER.lastIndex = from;
  for (let m = NUMBER.exec(text); m && out.length < NUMBERS_MAX; m = NUMBER.exec(text)) {
    const at = m.index;
    if (dates.some((d) => at >= d.start && at < d.end) || YEAR.test(m[0])) continue;
    if (/[\p{L}\d]/u.test(text[at - 1] ?? '') || /^\d$/.test(m[0]) || inDate(text, at, at + m[0].length)) continue;
    const phrase = withContext(text, at, at + m[0].length);
    if (phrase && !out.includes(phrase)) out.push(phrase);
  }
  return out;
}

// "November 8, 2016" repeated: a day with a month before it or a year after it is a date.
function inDate(text: string, start: number, end: number): boolean {
  return MONTH_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || /^,?\s*(?:1[89]|20)\d\d\b/.test(text.slice(end, end + 7));
}

function withContext(text: string, start: number, end: number): string {
  const tail = /^[^.,;:!?()"“”\n]*/.exec(text.slice(end, end + 60))?.[0] ?? '';
  const words = tail.trim().split(/\s+/).filter(Boolean).slice(0, CONTEXT_WORDS);
  while (words.length > 0 && /^(?:the|a|an|and|or|of|to|in|on|at|for|by|with|who|which|that)$/i.test(words[words.length - 1]!)) words.pop();
  const figure = text.slice(start, end);
  // "the two discussed Idlib": a number word before a verb stands for people already named.
  if (/^[a-z]/i.test(figure) && /^(?:\S+ed|of|who|were|was|are|have|had)$/i.test(words[0] ?? '')) return '';
  // A scale or a percent alone says what it is: "$3 billion", "40%".
  if (/[%$£€]|illion|percent|per cent/.test(figure) && words.length === 0) return figure;
  return words.length > 0 ? `${figure} ${words.join(' ')}` : '';
}
