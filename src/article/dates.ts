import * as chrono from 'chrono-node';
import type { DateFact, Span } from './types.js';

/** chrono reads "may", "march", "now" and clock times as dates; a date fact needs a day, month or year word. */
/** Day-level date words: "this year" or "last month" name no day, so they are no date fact. */
const DAY_WORD =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\b(?:yesterday|today|tomorrow|tonight|week)\b|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}/i;
// "Sat, Nov 12" is a date, "she sat down" is not: an abbreviated weekday counts only capitalised.
const SHORT_WEEKDAY = /\b(?:Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun)\b\.?,?\s/;
/** A bare capitalised "May" or "March" is a name or a verb as often as a month. */
const LONE_MONTH = /^(?:in\s+)?(?:may|march|june|april|august)$/i;
/** "on Monday", "since September 7": the preposition belongs to the sentence, not the date. */
const LEADING_PREPOSITION = /^(?:on|in|at|by|since|from|until|till|before|after|during|of|last|this)\s+(?=\S)/i;
/** A story's date list is for reading, not an index of every mention. */
export const DATES_MAX = 12;
/** A timeline of thousands of dated lines is no news story: chrono reads this many sentences at most. */
const DATE_SENTENCES_MAX = 200;

/**
 * Finds dates in a text with chrono-node and resolves them against the article's date
 * (noon UTC, so no timezone moves the day; `forwardDate` off, so "Monday" in an article of
 * Monday 2018-09-17 is that very day and "Friday" the Friday before). With no article date,
 * a date that names its own year, month and day is still resolved; a relative one ("on
 * Monday", "September 7") keeps its text and a null date: nothing can anchor it.
 */
export function extractDates(text: string, articleDate: string | null, from = 0, sentences: Span[] = []): DateFact[] {
  const anchor = articleDate ? new Date(`${articleDate}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
  const facts: DateFact[] = articleDate ? [dateLine(text, articleDate)] : [];
  const seen = new Set<string>(facts.map((f) => `${f.text.toLowerCase()}|${f.date}`));
  const { batch, pieces } = dateBatch(text, from, sentences);
  for (const r of chrono.parse(batch, { instant: anchor, timezone: 0 }, { forwardDate: false })) {
    // "USA TODAY" is a paper, "MAY" a shout: a date in capitals is part of a name.
    if (!mayHoldDate(r.text) || LONE_MONTH.test(r.text.trim()) || !/\p{Ll}|\d/u.test(r.text)) continue;
    const piece = [...pieces].reverse().find((p) => p.at <= r.index)!;
    const fact = toFact(r, articleDate, piece.start - piece.at);
    const key = `${fact.text.toLowerCase()}|${fact.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push(fact);
    if (facts.length >= DATES_MAX) break;
  }
  return facts;
}

/**
 * chrono is the slow part, and slower still called once per sentence: the sentences with a
 * day word go to it in one text, joined by line breaks, each remembered by where it starts.
 */
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
      batch += `${piece}\n`;
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

function toFact(r: chrono.ParsedResult, articleDate: string | null, from: number): DateFact {
  const lead = LEADING_PREPOSITION.exec(r.text);
  const text = (lead && !/^(last|this)/i.test(lead[0]) ? r.text.slice(lead[0].length) : r.text).replace(/[\s,.;:]+$/, '');
  const start = from + r.index + (r.text.length - text.length);
  const c = r.start;
  const absolute = c.isCertain('year') && c.isCertain('month') && c.isCertain('day');
  const date = articleDate || absolute ? isoDate(c.get('year'), c.get('month'), c.get('day')) : null;
  return { text, date, start, end: start + text.length };
}

function isoDate(y: number | null, m: number | null, d: number | null): string | null {
  if (y === null || m === null || d === null) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
