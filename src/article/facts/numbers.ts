import { lexiconTags } from '../grammar/terms.js';
import type { Span } from '../types.js';
import { MONTH_PREFIXES } from '../lexicon/calendar.js';
import { alternation, oneOf } from '../lexicon/words.js';
import { NUMBER_WORDS, UNIT_SUFFIXES, ORDINAL_SUFFIXES, DEFINITE_DETERMINERS } from '../lexicon/determiners.js';
import { VERB_GROUP_AUXILIARIES, HAVE_FORMS } from '../lexicon/verbs.js';
import { COUNTED_PHRASE_STOPS } from '../lexicon/stopwords.js';

/** The forms of "have". */
const HAVE_FORM = oneOf(HAVE_FORMS);

/** Determiners that make a count part of a noun phrase: "the five", "those three". */
const DEFINITE_BEFORE = new RegExp(String.raw`\b(?:${alternation(DEFINITE_DETERMINERS)})\s+$`, 'i');

/** Beyond this many, numbers stop being key facts and become a table. */
export const NUMBERS_MAX = 10;
/** Words of the noun phrase a count quantifies: "five [Brisbane neighbours]", "1,200 [troops]". */
const NOUN_WORDS_MAX = 3;
/** Words of the verb group and its object after the noun: "five people [were trapped]". */
const VERB_WORDS_MAX = 3;

const WORD_NUMBER = alternation(NUMBER_WORDS);
// "$3 billion", "£38,831", "40%", "1,200", "five": a figure (commas only between digits) and its scale.
const NUMBER = new RegExp(
  `(?:[$£€]\\s?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?|\\b\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?|\\b(?:${WORD_NUMBER})\\b)` +
    `(?:\\s?(?:%|percent\\b|per cent\\b|million\\b|billion\\b|trillion\\b|bn\\b|m\\b))?`,
  'gi',
);
/** "12ft", "50p", "10million": a unit written onto the figure belongs to it. */
const UNIT_SUFFIX = new RegExp(String.raw`^(?:${alternation(UNIT_SUFFIXES)})\b`, 'i');
/** "10th", "21st", "1990s": ordinals and decades are no counts. */
const ORDINAL_SUFFIX = new RegExp(String.raw`^(?:${alternation(ORDINAL_SUFFIXES)})\b`, 'i');
/** Years and days of the month belong to dates, which are listed on their own. */
const YEAR = /^(?:1[89]|20)\d\d$/;
const MONTH_BEFORE = new RegExp(String.raw`\b(?:${alternation(MONTH_PREFIXES)})[a-z]*\.?\s+$`, 'i');
/** A figure with a scale or currency says what it is: "$3 billion", "40%". */
const SELF_STANDING = /[%$£€]|\d.*(?:illion|percent|per cent|bn|m)$/;
/** Word classes that open a sentence rather than name a thing: "In", "He", "But", "Asked". */
const SENTENCE_OPENERS = /Pronoun|Determiner|Preposition|Conjunction|Tense|Infinitive|Copula|Adverb|QuestionWord|Modal/;

/**
 * Numbers as whole phrases: a figure with its scale ("$3 billion", "40%"), or a count with the
 * noun it counts and the verb group that follows ("five people were trapped", "1,200 troops").
 * Dates, years, ordinals, ages in apposition ("Smith, 56, said"), times and scores are left out,
 * and a phrase never runs over punctuation or into the next sentence.
 */
export function extractNumbers(text: string, from: number, dates: Span[]): string[] {
  const out: string[] = [];
  NUMBER.lastIndex = from;
  for (let m = NUMBER.exec(text); m && out.length < NUMBERS_MAX; m = NUMBER.exec(text)) {
    const at = m.index;
    let end = at + m[0].length;
    if (dates.some((d) => at >= d.start && at < d.end) || YEAR.test(m[0]) || /^\d$/.test(m[0])) continue;
    if (/[\p{L}\d.,]/u.test(text[at - 1] ?? '') || inDate(text, at, end) || notACount(text, at, end)) continue;
    const unit = UNIT_SUFFIX.exec(text.slice(end, end + 10));
    if (ORDINAL_SUFFIX.test(text.slice(end, end + 3)) && !unit) continue;
    if (unit) end += unit[0].length;
    // "39-year-old", "three-match": a compound adjective is the figure's own word.
    const compound = /^(?:\s?-\s?[\p{L}]+)+/u.exec(text.slice(end, end + 30));
    if (compound) end += compound[0].length;
    const phrase = wholePhrase(text, at, end, Boolean(compound));
    NUMBER.lastIndex = Math.max(NUMBER.lastIndex, end);
    if (phrase && !out.includes(phrase)) out.push(phrase);
  }
  return out;
}

// "November 8, 2016" repeated: a day with a month before it or a year after it is a date.
function inDate(text: string, start: number, end: number): boolean {
  return MONTH_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || /^,?\s*(?:1[89]|20)\d\d\b/.test(text.slice(end, end + 7));
}

/** "Smith, 56, said" (an age), "12.30 am", "29-10", "the 911 call": figures that count nothing. */
function notACount(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 6);
  if (/^\s?(?:am|pm|a\.m|p\.m)\b/i.test(after) || /^-\d/.test(after) || /\d-$/.test(text.slice(start - 2, start))) return true;
  return /,\s$/.test(text.slice(start - 2, start)) && /^,/.test(after) && /^\d+$/.test(text.slice(start, end));
}

function wholePhrase(text: string, start: number, end: number, compound: boolean): string {
  const figure = text.slice(start, end).replace(/\s*-\s*/g, '-');
  const tail = (/^[^.,;:!?()"“”‘’\n–—]*/.exec(text.slice(end, end + 80))?.[0] ?? '').split(/\s-+\s|\s-(?=\p{L})/u)[0]!;
  const words = tail.trim().split(/\s+/).filter(Boolean);
  const noun: string[] = [];
  let k = 0;
  // "1,200 troops", "two Brisbane neighbours", "eight counts of child pornography".
  // A capitalised word opens the noun or carries on a name: "eight Academy Awards", "two Brisbane neighbours".
  const inName = () => noun.length > 0 && /^\p{Lu}/u.test(noun[noun.length - 1]!) && /^\p{Lu}/u.test(words[k]!) && !COUNTED_PHRASE_STOPS.has(words[k]!.toLowerCase());
  while (k < words.length && noun.length < NOUN_WORDS_MAX && (inName() || isNounWord(words[k]!, noun.length === 0))) noun.push(words[k++]!);
  if (noun.length > 0 && words[k] === 'of' && k + 1 < words.length && isNounWord(words[k + 1]!, false)) {
    noun.push('of');
    k++;
    while (k < words.length && noun.length < NOUN_WORDS_MAX + 2 && isNounWord(words[k]!, false)) noun.push(words[k++]!);
  }
  if (SELF_STANDING.test(figure) && !compound) return figure;
  // "when the two discussed Idlib", "the three met": a count with no noun after "the" points back
  // at people already named; it counts nothing new ("the 30-second spot" is a count of its own)
  if (noun.length === 0 && !compound && DEFINITE_BEFORE.test(text.slice(Math.max(0, start - 7), start))) return '';
  const verb = verbGroup(words.slice(k));
  if (noun.length === 0 && verb.length === 0) return '';
  return [figure, ...noun, ...verb].join(' ');
}

/** A word of the noun phrase: lower-case, no function word, no verb ("Brisbane" may be capitalised). */
function isNounWord(word: string, capitalised: boolean): boolean {
  const w = word.toLowerCase();
  if (COUNTED_PHRASE_STOPS.has(w) || VERB_GROUP_AUXILIARIES.has(w) || !/^[\p{L}'’-]+$/u.test(word)) return false;
  // "$5,000 In her lawsuit", "17 Police found": a capitalised word may name something, never open a sentence.
  if (/^\p{Lu}/u.test(word) && (!capitalised || lexiconTags(word).some((t) => SENTENCE_OPENERS.test(t)))) return false;
  return !isVerb(w);
}

function isVerb(w: string): boolean {
  const tags = lexiconTags(w);
  if (tags.some((t) => /Tense|Infinitive|Gerund|Copula|Modal|Auxiliary|Participle/.test(t))) return !tags.some((t) => /Noun|Singular|Plural|Adjective/.test(t));
  return tags.length === 0 && /[^e]ed$/.test(w);
}

/** "were trapped", "had children", "died": auxiliaries, one verb and up to one word of its object. */
function verbGroup(words: string[]): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < words.length && VERB_GROUP_AUXILIARIES.has(words[k]!.toLowerCase()) && out.length < VERB_WORDS_MAX) out.push(words[k++]!);
  const verb = words[k];
  // "were trapped", "have been done": after an auxiliary a past participle is the verb.
  const participle = out.length > 0 && (/ed$/.test(verb ?? '') || (lexiconTags(verb ?? '').length === 0 && /(?:en|wn|ne)$/.test(verb ?? '')));
  const objectWord = (w: string | undefined) =>
    !!w && /^\p{Ll}/u.test(w) && !COUNTED_PHRASE_STOPS.has(w) && !VERB_GROUP_AUXILIARIES.has(w) && !isVerb(w) && !lexiconTags(w).includes('Adverb');
  // "628 had children": "have" with its object is the verb itself.
  if (out.length === 1 && HAVE_FORM.test(out[0]!) && objectWord(verb)) return [out[0]!, verb!];
  if (!verb || !/^\p{Ll}/u.test(verb) || COUNTED_PHRASE_STOPS.has(verb) || !(isVerb(verb) || participle)) return [];
  out.push(verb);
  const object = words[k + 1];
  if (objectWord(object)) out.push(object!);
  return out;
}
