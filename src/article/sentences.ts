import type { Sentence, Span } from './types.js';
import { ABBREVIATIONS } from './lexicon/abbreviations.js';
import { RESTART_WORDS } from './lexicon/connectives.js';

/** Characters that may follow a sentence-final mark before the gap: closing quotes and brackets. */
const CLOSERS = new Set(['"', '\u201d', '\u2019', "'", ')', ']', '\u00bb']);

/**
 * Splits each paragraph into sentences. A boundary inside a quote span is not taken,
 * so a quoted statement of several sentences stays whole ("a quote is never cut in half").
 */
export function splitSentences(text: string, paragraphs: Span[], quotes: Span[] = []): Sentence[] {
  const sentences: Sentence[] = [];
  let q = 0;
  paragraphs.forEach((para, index) => {
    let start = para.start;
    for (let i = para.start; i < para.end; i++) {
      const found = boundaryAt(text, i, para.end);
      if (found < 0) continue;
      while (q < quotes.length && quotes[q]!.end <= i) q++;
      if (insideQuote(quotes, q, i)) continue;
      const end = beforeOpeningMark(text, quotes, q, i, found);
      pushSentence(text, start, end, index, sentences);
      start = end;
      i = end - 1;
    }
    pushSentence(text, start, para.end, index, sentences);
  });
  return sentences;
}

/**
 * "at Anfield.\"If you start…": in copy that lost its spaces, a straight mark after a full stop
 * may close this sentence's quote or open the next one's. When a quote starts there, the mark
 * opens it and the sentence ends before it.
 */
function beforeOpeningMark(text: string, quotes: Span[], from: number, mark: number, end: number): number {
  for (let k = from; k < quotes.length && quotes[k]!.start <= end; k++) {
    // A span is the quote's text, inside its marks: the sentence ends before the opening mark
    let open = quotes[k]!.start;
    while (open - 1 > mark && OPENING_MARKS.has(text[open - 1]!)) open--;
    if (open > mark && open < end) return open;
  }
  return end;
}

const OPENING_MARKS = new Set(['"', '\u201c', '\u2018', "'"]);

function insideQuote(quotes: Span[], from: number, i: number): boolean {
  for (let k = from; k < quotes.length && quotes[k]!.start <= i; k++) {
    if (quotes[k]!.start <= i && i < quotes[k]!.end - 1) return true;
  }
  return false;
}

/**
 * If a sentence ends at the mark at `i`, returns the offset just after the mark and its
 * closers; otherwise -1.
 */
function boundaryAt(text: string, i: number, limit: number): number {
  const ch = text[i];
  if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '\n') return -1;
  if (ch === '\n') return i + 1 < limit && text[i + 1] === '\n' ? i + 1 : lineBreakBoundary(text, i);
  let j = i + 1;
  while (j < limit && CLOSERS.has(text[j]!)) j++;
  if (j >= limit) return -1;
  const next = text[j]!;
  // "isolation.In 1987", "he said.\"I…", "in 2013.The": copy that lost the space after a full stop.
  if (next !== ' ' && next !== '\n' && next !== '\t' && next !== '\u00a0') {
    return ch === '.' && isGluedBoundary(text, i, j, limit) && !isAbbreviation(text, i) ? j : -1;
  }
  if (ch === '.' && isAbbreviation(text, i)) return -1;
  const k = skipSpaces(text, j, limit);
  if (k >= limit) return -1;
  return startsSentence(text, k) ? j : -1;
}

// A single line break inside a paragraph ends a sentence only after a line that looks finished.
function lineBreakBoundary(text: string, i: number): number {
  const prev = text[i - 1];
  return prev === ':' ? i + 1 : -1;
}

/**
 * A full stop with no space after it ends a sentence when what precedes it ends a word
 * (two lower-case letters, a year or number, a closing quote or bracket, an acronym) and
 * what follows starts one: a capitalised word, "A" or "I", or an opening quote before one.
 * "3.5", "bbc.co.uk", "ASP.NET" and "U.S.Army" stay whole.
 */
function isGluedBoundary(text: string, dot: number, next: number, limit: number): boolean {
  const lower = (c: number) => c >= 97 && c <= 122;
  const upper = (c: number) => c >= 65 && c <= 90;
  const digit = (c: number) => c >= 48 && c <= 57;
  const at = (k: number) => (k >= 0 && k < limit ? text.charCodeAt(k) : 0);
  let k = next;
  if (k === dot + 1 && (text[k] === '"' || text[k] === '\u201c')) k++;
  const n = at(k);
  const n2 = at(k + 1);
  const opensWord = upper(n) && (lower(n2) || ((n === 65 || n === 73) && (n2 === 32 || n2 === 39 || n2 === 0x2019)));
  if (!opensWord) return false;
  const a = at(dot - 1);
  const b = at(dot - 2);
  if (lower(a)) return lower(b);
  if (digit(a)) return digit(b) || lower(b) || upper(b);
  if (upper(a)) {
    let s = dot - 1;
    while (s > 0 && upper(at(s - 1))) s--;
    return dot - s >= 2 && at(s - 1) !== 46;
  }
  return CLOSERS.has(text[dot - 1]!) && (lower(b) || digit(b) || upper(b));
}

/** Abbreviations are short: looking further back would make "a.a.a.a…" quadratic. */
const ABBREVIATION_MAX_CHARS = 12;

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && dot - s < ABBREVIATION_MAX_CHARS && /[A-Za-z.]/.test(text[s - 1]!)) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // Initials: "George W. Bush", "J.K. Rowling".
  if (/^[a-z]$/.test(word) && /[A-Z]/.test(text[dot - 1]!)) return true;
  return /^([a-z]\.)+[a-z]$/.test(word);
}

function startsSentence(text: string, k: number): boolean {
  const c = text[k]!;
  if (/[A-Z0-9\u00c0-\u00de"\u201c\u2018'([]/.test(c)) return true;
  return c === '\u2014' || c === '-';
}

function skipSpaces(text: string, from: number, limit: number): number {
  let k = from;
  while (k < limit && /\s/.test(text[k]!)) k++;
  return k;
}

function pushSentence(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push({ start: s, end: e, paragraph });
}

/** The white space before a restart on one of `words` and a lower-case word, or also (`quote`) on a quote mark and a capital. */
export function restartPattern(words: readonly string[], flags: string, quote = false): RegExp {
  const opening = `(?:${words.join('|')})\\s+\\p{Ll}`;
  return new RegExp(`(?<=[\\p{Ll}\\d)])\\s+(?=${quote ? `(?:${opening}|['"\\u2018\\u201c]\\p{Lu})` : opening})`, flags);
}

export const RESTART = restartPattern(RESTART_WORDS, 'gu', true);

/** A restart by its words alone: "… on Wednesday He said"; a quote after a word ("of 'A-list' stars") may be a term. */
const RUN_IN_END = restartPattern(RESTART_WORDS, 'gu');

/**
 * Where the sentence's own words begin, for a reader at `before`: after the last restart in it
 * that is not past `before`. "… pictured with Erik Durm in Dortmund on Wednesday He said: …": the
 * caption run into the sentence is not part of it.
 */
export function afterRunIn(text: string, sentence: Sentence, before: number): number {
  let start = sentence.start;
  for (const m of text.slice(sentence.start, sentence.end).matchAll(RUN_IN_END)) {
    const at = sentence.start + m.index + m[0].length;
    if (at > before) break;
    start = at;
  }
  return start;
}
