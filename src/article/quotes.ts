import { REPORTING_VERBS } from './lexicon.js';
import type { QuoteKind, QuoteSpan, Span } from './types.js';

type Mark = 'dopen' | 'dclose' | 'dstraight' | 'sopen' | 'sclose';

interface Open {
  /** Offset of the opening mark. */
  at: number;
  /** Offset just after it (where the quoted text starts). */
  inner: number;
  single: boolean;
}

/** Words after which a capitalised quote is still a whole statement: `Erdogan said, "We fight…"`, `the sign reads "…"`. */
const SPEECH_LEAD = new RegExp(`\\b(?:${[...REPORTING_VERBS, 'saying', 'reads', 'read'].join('|')})\\s*$`, 'i');

/**
 * Finds quotations: “…”, "…", the wire form ''…'', ‘…’ and «…». Pairs stay within a line;
 * a quote left open at the end of a paragraph continues when the next paragraph reopens with
 * a quote mark. Apostrophes are never quote marks, and an unbalanced mark is dropped rather
 * than allowed to swallow the rest of the article. One linear pass: no backtracking.
 */
export function findQuotes(text: string, paragraphs: Span[]): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  let carried = false;
  for (const para of paragraphs) {
    for (const line of splitLines(text, para)) {
      carried = scanLine(text, line, carried, quotes);
    }
  }
  return quotes;
}

function splitLines(text: string, para: Span): Span[] {
  const lines: Span[] = [];
  let start = para.start;
  for (let i = para.start; i <= para.end; i++) {
    if (i === para.end || text.charCodeAt(i) === 10) {
      if (i > start) lines.push({ start, end: i });
      start = i + 1;
    }
  }
  return lines;
}

/**
 * Pairs the marks of one line. `carried` says the previous line ended inside an open
 * double quote; the return value says whether this one does (and the next reopens).
 */
function scanLine(text: string, line: Span, carried: boolean, out: QuoteSpan[]): boolean {
  let open: Open | null = null;
  let continued = false;
  for (let i = line.start; i < line.end; i++) {
    const mark = markAt(text, i, line);
    if (!mark) continue;
    const width = mark.width;
    if (open && !open.single) {
      if (mark.kind === 'dclose' || (mark.kind === 'dstraight' && closesStraight(text, i, width, line))) {
        emit(text, open, i, i + width, continued, out);
        open = null;
        continued = false;
      } else if (mark.kind === 'dopen' || (mark.kind === 'dstraight' && opensStraight(text, i, width, line))) {
        // "“a “b” c": the first mark never closed; start again at the new one.
        open = { at: i, inner: i + width, single: false };
        continued = false;
      }
    } else if (open && open.single) {
      if (mark.kind === 'sclose') {
        emit(text, open, i, i + width, false, out);
        open = null;
      } else if (mark.kind === 'dopen' || (mark.kind === 'dstraight' && opensStraight(text, i, width, line))) {
        open = { at: i, inner: i + width, single: false };
      }
    } else if (mark.kind === 'dopen' || (mark.kind === 'dstraight' && !closesOnly(text, i, width, line))) {
      open = { at: i, inner: i + width, single: false };
      continued = carried && isLineStart(text, line, i);
    } else if (mark.kind === 'sopen') {
      open = { at: i, inner: i + width, single: true };
    }
    i += width - 1;
  }
  return finishLine(text, line, open, continued, out);
}

/** A double quote still open at the end of the line continues only if the next paragraph reopens. */
function finishLine(text: string, line: Span, open: Open | null, continued: boolean, out: QuoteSpan[]): boolean {
  if (!open || open.single) return false;
  if (!nextParagraphReopens(text, line.end)) return false;
  emit(text, open, line.end, line.end, continued, out);
  return true;
}

function nextParagraphReopens(text: string, from: number): boolean {
  let i = from;
  let newlines = 0;
  while (i < text.length && /\s/.test(text[i]!)) {
    if (text.charCodeAt(i) === 10) newlines++;
    i++;
  }
  if (newlines < 1 || i >= text.length) return false;
  const c = text[i];
  return c === '\u201c' || c === '"' || c === '\u00ab' || (c === "'" && text[i + 1] === "'");
}

function isLineStart(text: string, line: Span, i: number): boolean {
  return text.slice(line.start, i).trim() === '';
}

interface FoundMark {
  kind: Mark;
  width: number;
}

function markAt(text: string, i: number, line: Span): FoundMark | null {
  switch (text[i]) {
    case '\u201c':
    case '\u00ab':
      return { kind: 'dopen', width: 1 };
    case '\u201d':
    case '\u00bb':
      return { kind: 'dclose', width: 1 };
    case '"':
      return { kind: 'dstraight', width: 1 };
    case "'":
      // NYT wire copy writes double quotes as two apostrophes: ''like this.''
      return text[i + 1] === "'" && i + 1 < line.end ? { kind: 'dstraight', width: 2 } : null;
    case '\u2018':
      return isAlnum(text, i - 1, line) ? null : { kind: 'sopen', width: 1 };
    case '\u2019':
      // "don’t", "Clinton’s": an apostrophe between letters is not a closing mark.
      return isAlnum(text, i + 1, line) ? null : { kind: 'sclose', width: 1 };
    default:
      return null;
  }
}

function isAlnum(text: string, i: number, line: Span): boolean {
  if (i < line.start || i >= line.end) return false;
  return /[\p{L}\p{N}]/u.test(text[i]!);
}

const OPENERS_BEFORE = new Set(['(', '[', '{', '\u2014', '\u2013', '-', '/']);

function opensStraight(text: string, i: number, width: number, line: Span): boolean {
  const before = i > line.start ? text[i - 1]! : '';
  const after = i + width < line.end ? text[i + width]! : '';
  return (before === '' || /\s/.test(before) || OPENERS_BEFORE.has(before)) && after !== '' && !/\s/.test(after);
}

function closesStraight(text: string, i: number, width: number, line: Span): boolean {
  const before = i > line.start ? text[i - 1]! : '';
  const after = i + width < line.end ? text[i + width]! : '';
  const closes = before !== '' && !/\s/.test(before) && (after === '' || !/[\p{L}\p{N}]/u.test(after));
  return closes || !opensStraight(text, i, width, line);
}

function closesOnly(text: string, i: number, width: number, line: Span): boolean {
  return !opensStraight(text, i, width, line) && closesStraight(text, i, width, line);
}

function emit(text: string, open: Open, closeAt: number, outerEnd: number, continued: boolean, out: QuoteSpan[]): void {
  let start = open.inner;
  let end = closeAt;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const inner = text.slice(start, end);
  if (!/[\p{L}\p{N}]/u.test(inner)) return;
  out.push({ text: inner, start, end, outerStart: open.at, outerEnd, continued, kind: classify(text, open.at, inner, continued) });
}

/**
 * `direct` for a whole statement, `partial` for a fragment woven into reported speech:
 * `Erdogan said Moscow must work out a “positive approach”` is partial.
 */
export function classify(text: string, openAt: number, inner: string, continued: boolean): QuoteKind {
  if (continued) return 'direct';
  const first = /[\p{L}\p{N}[]/u.exec(inner)?.[0] ?? '';
  const capital = first === '[' || /\p{Lu}|\p{N}/u.test(first);
  if (!capital) return 'partial';
  const before = text.slice(Math.max(0, openAt - 60), openAt);
  const trimmed = before.trimEnd();
  const prev = trimmed.slice(-1);
  if (trimmed === '' || /[.!?:,;\u2014\u2013(\n]/.test(prev) || /\n\s*$/.test(before)) return 'direct';
  if (/["\u201d\u2019]/.test(prev) && /[.!?,]["\u201d\u2019]$/.test(trimmed)) return 'direct';
  return SPEECH_LEAD.test(trimmed) ? 'direct' : 'partial';
}
