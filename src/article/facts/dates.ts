import * as chrono from 'chrono-node';
import type { DateFact, Span } from '../types.js';
import {
  AMBIGUOUS_MONTHS,
  ANAPHORIC_TIME_WORDS,
  DEICTIC_TIME_WORDS,
  RELATIVE_DATE_WORDS,
  DAY_NAME_PREFIXES,
  WEEKDAY_ABBREVIATIONS,
  MONTH_PREFIXES,
  WEEKDAY_STEMS,
  MONTH_ABBREVIATIONS,
  COUNTED_FROM_WORDS,
} from '../lexicon/calendar.js';
import { alternation, oneOf } from '../lexicon/words.js';
import { DATE_PREPOSITIONS } from '../lexicon/prepositions.js';
import { FUTURE_WORDS, FUTURE_BE_WORDS, PRESENT_BE_FORMS, PAST_FORMS } from '../lexicon/verbs.js';

/** "a week before", "two days after": the words that count a span from an event. */
const COUNTED_FROM = new RegExp(String.raw`\b(?:${alternation(COUNTED_FROM_WORDS)})$`, 'i');

/** chrono reads "may", "march", "now" and clock times as dates; a date fact needs a day, month or year word. */
/**
 * Day-level date words: "this year" or "last month" name no day, so they are no date fact;
 * "late last night" (the day before the article's) and "this morning" do.
 */
const DAY_WORD = new RegExp(
  String.raw`\b(?:${alternation(WEEKDAY_STEMS)})day\b|\b(?:${alternation(MONTH_PREFIXES)})[a-z]*\.?\s*\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${alternation(MONTH_ABBREVIATIONS)})[a-z]*|\b(?:yesterday|today|tomorrow|tonight|week)\b|\bdays?\s+ago\b|\b(?:last|this)\s+(?:night|morning|afternoon|evening)\b|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}`,
  'i',
);
// "Sat, Nov 12" is a date, "she sat down" is not: an abbreviated weekday counts only capitalised.
const SHORT_WEEKDAY = new RegExp(String.raw`\b(?:${alternation(WEEKDAY_ABBREVIATIONS)})\b\.?,?\s`);
/** A bare capitalised "May" or "March" is a name or a verb as often as a month. */
const LONE_MONTH = new RegExp(String.raw`^(?:in\s+)?(?:${alternation(AMBIGUOUS_MONTHS)})$`, 'i');
/** "on Monday", "since September 7": the preposition belongs to the sentence, not the date. */
const LEADING_PREPOSITION = new RegExp(String.raw`^(?:${alternation(DATE_PREPOSITIONS)})\s+(?=\S)`, 'i');
/** A story's date list is for reading, not an index of every mention. */
export const DATES_MAX = 12;
/** A timeline of thousands of dated lines is no news story: chrono reads this many sentences at most. */
const DATE_SENTENCES_MAX = 200;

/**
 * Finds dates in a text with chrono-node and resolves them against the article's date (noon
 * UTC, so no timezone moves the day). A weekday or a day of the month without a year resolves
 * by tense, as news is written: "said on Monday" is the last Monday on or before the article's
 * date, "will meet on Monday" the next one. With no article date, only a date that writes its
 * own year is resolved; a relative one ("today", "on Monday", "September 7") keeps its text
 * and a null date: nothing anchors it, and none is invented.
 */
export function extractDates(text: string, articleDate: string | null, from = 0, sentences: Span[] = []): DateFact[] {
  // Undated, chrono still needs an anchor to parse by; no date is taken from it unless the text writes its year.
  const anchor = articleDate ? new Date(`${articleDate}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
  const facts: DateFact[] = articleDate ? [dateLine(text, articleDate)] : [];
  const seen = new Set<string>(facts.map((f) => `${f.text.toLowerCase()}|${f.date}`));
  const { batch, pieces } = dateBatch(text, from, sentences);
  // Every date the text gives, repeats too: an anaphoric "a week later" counts from the last of them.
  const mentions: DateFact[] = [];
  for (const found of chrono.parse(batch, { instant: anchor, timezone: 0 }, { forwardDate: false })) {
    const r = ownReading(found, anchor);
    // "USA TODAY" is a paper, "MAY" a shout: a date in capitals is part of a name.
    const words = r.text.trim();
    if (!mayHoldDate(r.text) || LONE_MONTH.test(words) || !/\p{Ll}|\d/u.test(r.text)) continue;
    if (SPAN_OF_TIME.test(words) || RATE.test(words) || SHORT_WEEKDAY_ALONE.test(words)) continue;
    if (namesADay(batch, r)) continue;
    const piece = [...pieces].reverse().find((p) => p.at <= r.index)!;
    const fact = toFact(r, articleDate, piece.start - piece.at, tenseAround(batch, r.index, r.index + r.text.length));
    if (fact.date && isAnaphoric(r)) fact.date = fromStoryTime(r, batch, fact, mentions, text, sentences);
    mentions.push(fact);
    const key = `${fact.text.toLowerCase()}|${fact.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push(fact);
    if (facts.length >= DATES_MAX) break;
  }
  return facts;
}

/** "for one week", "within a week", "for about a week": how long, not when. "in a week" ahead is a day. */
const SPAN_OF_TIME =
  /^(?:for|within|over|during)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|(?:more|less)\s+than\s+|(?:up\s+to)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+few|several)\s+(?:days?|weeks?)$/i;
/** "60 hours a week", "twice a day": how often, not when. */
const RATE = /(?:\b(?:once|twice|times|hours|minutes|days|nights|shifts)\s+(?:a|each|every)|\bper)\s+(?:day|week|month|year)$/i;
/** "Sun Drink", "Wed" alone: an abbreviated weekday is a date only with the date it abbreviates ("Sat, Nov 12"). */
const SHORT_WEEKDAY_ALONE = new RegExp(String.raw`^(?:${alternation(WEEKDAY_ABBREVIATIONS)})\.?$`);
/** "23, the week before": an age or a count set off by commas, which chrono reads as an hour. */
const NUMBER_BEFORE = /^\d{1,3},\s+(?=\S)/;
/** "night of March 18, 1990", "night next Wednesday": a time word that swallowed the date after it. */
const TIME_WORD_BEFORE = /^(?:night|morning|afternoon|evening|hours?|day|early|late)\s+(?:of\s+)?(?=\S)/i;
const DAY_PARTS = ['year', 'month', 'day', 'weekday'] as const;
/** What is read of one chrono result: its words, where they start in the batch, and the date they give. */
type Reading = Pick<chrono.ParsedResult, 'text' | 'index' | 'start'>;

/**
 * chrono's reading, or the reading of the date inside it when chrono's words start with
 * something that is no date: an age set off by commas ("Carrion-Moore, 23, the week before"),
 * or a time word whose own reading names no day ("the rainy night of March 18, 1990", where
 * chrono gives the anchor's day). A phrase like "last night" is read as a whole: nothing inside
 * it names a day.
 */
function ownReading(r: Reading, anchor: Date): Reading {
  const lead = NUMBER_BEFORE.exec(r.text) ?? (DAY_PARTS.some((k) => r.start.isCertain(k)) ? null : TIME_WORD_BEFORE.exec(r.text));
  if (!lead) return r;
  const inner = chrono.parse(r.text.slice(lead[0].length), { instant: anchor, timezone: 0 }, { forwardDate: false })[0];
  if (!inner || !DAY_PARTS.some((k) => inner.start.isCertain(k))) return r;
  return { text: inner.text, index: r.index + lead[0].length + inner.index, start: inner.start };
}

/**
 * chrono is the slow part, and slower still called once per sentence: the sentences with a
 * day word go to it in one text, joined by line breaks, each remembered by where it starts.
 */
// A bare line break is not enough: chrono reads "this week.\nOn Friday" as one date across two sentences.
const PIECE_BREAK = '\n|\n';
function dateBatch(text: string, from: number, sentences: Span[]): { batch: string; pieces: { at: number; start: number }[] } {
  if (sentences.length === 0) return { batch: text.slice(from), pieces: [{ at: 0, start: from }] };
  let batch = '';
  const pieces: { at: number; start: number }[] = [];
  for (const s of sentences) {
    if (s.start < from || pieces.length >= DATE_SENTENCES_MAX || batch.length >= DATE_BATCH_MAX_CHARS) continue;
    for (const w of dateWindows(text, s)) {
      if (batch.length >= DATE_BATCH_MAX_CHARS) break;
      const piece = text.slice(w.start, w.end);
      if (!mayHoldDate(piece)) continue;
      pieces.push({ at: batch.length, start: w.start });
      batch += `${piece}${PIECE_BREAK}`;
    }
  }
  return { batch, pieces: pieces.length > 0 ? pieces : [{ at: 0, start: from }] };
}

/** chrono's refiners look back over the text before each match: its cost grows faster than the text. */
const DATE_BATCH_MAX_CHARS = 64_000;
/** Longer sentences are read only around their date words: chrono slows down on long text. */
const SENTENCE_DATE_MAX_CHARS = 1000;
/** Characters kept on each side of a date word in a long sentence: a date phrase is short. */
const DATE_WINDOW_CHARS = 120;

/** The sentence itself, or windows around its date words when it is too long to hand over. */
function dateWindows(text: string, s: Span): Span[] {
  if (s.end - s.start <= SENTENCE_DATE_MAX_CHARS) return [s];
  const windows: Span[] = [];
  const words = new RegExp(DAY_WORD.source, 'gi');
  words.lastIndex = s.start;
  for (let m = words.exec(text); m && m.index < s.end && windows.length < DATE_SENTENCES_MAX; m = words.exec(text)) {
    const start = Math.max(s.start, m.index - DATE_WINDOW_CHARS);
    const end = Math.min(s.end, m.index + m[0].length + DATE_WINDOW_CHARS);
    const last = windows[windows.length - 1];
    if (last && start <= last.end && end - last.start <= SENTENCE_DATE_MAX_CHARS) last.end = end;
    else windows.push({ start: last ? Math.max(start, last.end) : start, end });
    if (m[0].length === 0) words.lastIndex++;
  }
  return windows;
}

function mayHoldDate(s: string): boolean {
  return DAY_WORD.test(s) || SHORT_WEEKDAY.test(`${s} `);
}

/** The article's own date is its first date fact: the day the story was filed, when nothing else says when. */
function dateLine(text: string, articleDate: string): DateFact {
  const at = text.indexOf(articleDate);
  return at >= 0 && at < 64 ? { text: articleDate, date: articleDate, start: at, end: at + articleDate.length } : { text: articleDate, date: articleDate };
}

function toFact(r: Reading, articleDate: string | null, from: number, tense: Tense | null): DateFact {
  // "(on Monday)", "(for Saturday)": the brackets belong to the sentence, like the preposition.
  const open = r.text.startsWith('(') ? 1 : 0;
  const lead = LEADING_PREPOSITION.exec(r.text.slice(open));
  const cut = open + (lead && !/^(last|this)/i.test(lead[0]) ? lead[0].length : 0);
  // The trailing ", " of "on Friday, the" is cut too, but only the leading cut moves the start.
  const text = r.text.slice(cut).replace(/[\s,.;:)]+$/, '');
  const start = from + r.index + cut;
  const c = r.start;
  let date: string | null = null;
  if (articleDate) date = byTense(r, articleDate, tense) ?? isoDate(c.get('year'), c.get('month'), c.get('day'));
  else if (WRITTEN_YEAR.test(r.text)) date = isoDate(c.get('year'), c.get('month'), c.get('day'));
  return { text, date, start, end: start + text.length };
}

/**
 * "a week later", "the week before", "a week earlier", "one week after": counted from another
 * event of the story, not from the day the article was written. Words that count from the
 * article's own day ("this", "ago", "yesterday"…) make the phrase deictic, not anaphoric.
 */
const ANAPHORIC = new RegExp(String.raw`\b(?:${alternation(ANAPHORIC_TIME_WORDS)})\b`, 'i');
const DEICTIC = new RegExp(String.raw`\b(?:${alternation(DEICTIC_TIME_WORDS)})\b`, 'i');
/** "a week before Republicans hold their primary": the preposition runs on into the event it counts from. */
const RUNS_ON = /^[\s\u2019']*[\p{L}\d]/u;

/** "November 12, 2012–six days after", "May 2013 - four months after": the phrase writes its own day, month or year. */
const NAMED_DAY = new RegExp(String.raw`\b(?:${alternation(MONTH_PREFIXES)})[a-z]*\.?(?![\p{L}])|\b(?:${alternation(WEEKDAY_STEMS)})day\b|\d{4}|\d{1,2}\/\d{1,2}`, 'iu');

function isAnaphoric(r: Reading): boolean {
  return ANAPHORIC.test(r.text) && !DEICTIC.test(r.text) && !NAMED_DAY.test(r.text);
}

/**
 * The date of an anaphoric phrase, counted from the story's time: the last date the text gave,
 * in the same sentence or the one before ("discovered on October 28. … a week later" is 4
 * November). A phrase that names the event it counts from ("the week before Christmas", "a
 * week after Trump spoke") or that follows no date has nothing to count from: its date is
 * null, never the article's date moved by a week.
 */
function fromStoryTime(r: Reading, batch: string, fact: DateFact, earlier: DateFact[], text: string, sentences: Span[]): string | null {
  if (fact.start === undefined) return null;
  if (COUNTED_FROM.test(r.text.trim()) && RUNS_ON.test(batch.slice(r.index + r.text.length))) return null;
  const spans = sentences.length > 0 ? sentences : roughSentences(text);
  const at = (offset: number) => spans.findIndex((s) => s.start <= offset && offset < s.end);
  const here = at(fact.start);
  const ref = [...earlier].reverse().find((f) => f.date && f.start !== undefined && f.start < fact.start!);
  if (here < 0 || !ref?.date || here - at(ref.start!) > 1 || at(ref.start!) < 0) return null;
  const again = chrono.parse(r.text, { instant: new Date(`${ref.date}T12:00:00Z`), timezone: 0 }, { forwardDate: false })[0];
  return again ? isoDate(again.start.get('year'), again.start.get('month'), again.start.get('day')) : null;
}

/** Sentence spans when the caller gave none: ends at a full stop, question or exclamation mark. */
function roughSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?]+(?:\s+|$)/g)) {
    spans.push({ start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/**
 * "Super Tuesday", "Black Friday", "Good Friday": a day with a name of its own, whose date no
 * weekday arithmetic gives. "Saturday Night Live", "Monday Night Football": a show, written in
 * title case. Neither is the weekday nearest the article's date.
 */
const DAY_NAME_BEFORE = new RegExp(String.raw`\b(?:${alternation(DAY_NAME_PREFIXES)})\s+$`);
const TITLE_AFTER_DAY = /^(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:Night|Morning|Afternoon|Evening)$/;

function namesADay(batch: string, r: Reading): boolean {
  if (!/^(?:(?:on|by|until|since|from)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/.test(r.text)) return false;
  const lead = LEADING_PREPOSITION.exec(r.text)?.[0].length ?? 0;
  if (lead === 0 && DAY_NAME_BEFORE.test(batch.slice(Math.max(0, r.index - 20), r.index))) return true;
  return TITLE_AFTER_DAY.test(r.text.trim()) && /^\s+\p{Lu}\p{Ll}/u.test(batch.slice(r.index + r.text.length));
}

/** "March 22, 2016", "9/11/2001": a date that writes its year needs no anchor. */
const WRITTEN_YEAR = /\b\d{4}\b/;
/** "next Monday", "last Friday", "yesterday": chrono reads these words exactly; tense adds nothing. */
const EXPLICIT_RELATION = new RegExp(String.raw`\b(?:${alternation(RELATIVE_DATE_WORDS)})\b`, 'i');
const DAY_MS = 86_400_000;

/**
 * A bare weekday or a day of the month without a year, placed by the tense of its clause:
 * on or before the article's date in the past, on or after it in the future. Null leaves
 * chrono's reading (the nearest such day).
 */
function byTense(r: Reading, articleDate: string, tense: Tense | null): string | null {
  if (!tense || EXPLICIT_RELATION.test(r.text) || WRITTEN_YEAR.test(r.text)) return null;
  const c = r.start;
  const anchor = new Date(`${articleDate}T12:00:00Z`);
  const weekday = c.isCertain('weekday') && !c.isCertain('day') ? c.get('weekday') : null;
  if (weekday !== null) {
    const back = (anchor.getUTCDay() - weekday + 7) % 7;
    const ahead = (weekday - anchor.getUTCDay() + 7) % 7;
    return new Date(anchor.getTime() + (tense === 'past' ? -back : ahead) * DAY_MS).toISOString().slice(0, 10);
  }
  if (!c.isCertain('month') || !c.isCertain('day') || c.isCertain('year')) return null;
  const [month, day] = [c.get('month')!, c.get('day')!];
  const sameYear = `${articleDate.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const year = Number(articleDate.slice(0, 4));
  if (tense === 'past') return isoDate(sameYear <= articleDate ? year : year - 1, month, day);
  return isoDate(sameYear >= articleDate ? year : year + 1, month, day);
}

type Tense = 'past' | 'future';

const FUTURE_WORD = oneOf(FUTURE_WORDS);
// "said", "met", "was": the clause looks back. Regular past forms end in -ed ("announced"); of
// the -eed words ("need", "proceed"), those whose stem ends in -ee are past forms ("agreed", "freed").
const PAST_WORD = new RegExp(String.raw`^(?:${alternation(PAST_FORMS)}|\p{L}{2,}[^e]ed|(?:dis)?agreed|freed|guaranteed|decreed|refereed)$`, 'u');
const FUTURE_BE = oneOf(FUTURE_BE_WORDS);
const PRESENT_BE = oneOf(PRESENT_BE_FORMS);
/** How many words either side of a date its clause's verb is looked for. */
const TENSE_WINDOW_WORDS = 8;

/**
 * The tense of the clause around a date in its sentence (the batch line that holds it): the
 * nearest tense word before it, else after it. When nothing says ("sworn into office Jan. 20",
 * "if he finishes third on Nov 27"), chrono's nearest date stands.
 */
function tenseAround(batch: string, start: number, end: number): Tense | null {
  const lineStart = batch.lastIndexOf('\n', start) + 1;
  const lineEnd = batch.indexOf('\n', end);
  const words = (s: string): string[] =>
    s
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean);
  const before = words(batch.slice(lineStart, start));
  const after = words(batch.slice(end, lineEnd < 0 ? batch.length : lineEnd));
  // Nearest first: backwards from the date, then forwards from it; each word with the words before it in the text.
  const from = Math.max(0, before.length - TENSE_WINDOW_WORDS);
  for (let i = before.length - 1; i >= from; i--) {
    const t = tenseOf(before, i);
    if (t) return t;
  }
  const all = [...before, ...after];
  for (let i = before.length; i < Math.min(all.length, before.length + TENSE_WINDOW_WORDS); i++) {
    const t = tenseOf(all, i);
    if (t) return t;
  }
  return null;
}

/** The tense word `words[i]` marks, read with the words just before it; null when it marks none. */
function tenseOf(words: string[], i: number): Tense | null {
  const w = words[i]!;
  const [prev, prev2] = [words[i - 1] ?? '', words[i - 2] ?? ''];
  // "would have turned 80 on Monday" looks back.
  if (w === 'would' && words[i + 1] === 'have') return 'past';
  if (FUTURE_WORD.test(w)) return 'future';
  if (w === 'to' && PRESENT_BE.test(prev)) return 'future';
  if (PAST_WORD.test(w)) return prev === 'be' && FUTURE_BE.test(prev2) ? 'future' : 'past';
  return null;
}

function isoDate(y: number | null, m: number | null, d: number | null): string | null {
  if (y === null || m === null || d === null) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
