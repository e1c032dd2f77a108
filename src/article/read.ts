import { withoutFurniture } from './text/furniture.js';
import type { Article, ArticleMeta, ReadError, Result, Span } from './types.js';
import { MONTH_ABBREVIATIONS } from './lexicon/calendar.js';

/** A title is a short line: longer first lines are the lead sentence. */
const TITLE_MAX_CHARS = 200;
const TITLE_MAX_WORDS = 24;

const fail = (code: ReadError['code'], message: string): Result<Article> => ({ ok: false, error: { code, message } });

/**
 * Decodes bytes as UTF-8 and reads the article. Refuses empty, binary, non-UTF-8 and oversized
 * input with a specific error instead of producing garbage.
 */
export function readBytes(bytes: Uint8Array, meta: ArticleMeta = {}): Result<Article> {
  // The limit is the caller's (BRIEFING_MAX_BYTES in src/config.ts); the engine has none of its own
  const maxBytes = meta.maxBytes ?? Infinity;
  if (bytes.length > maxBytes) {
    return fail('TOO_LARGE', `file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} limit`);
  }
  if (bytes.includes(0)) return fail('BINARY', 'file contains NUL bytes: it is binary, not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail('INVALID_UTF8', 'file is not valid UTF-8 text');
  }
  return readText(text, meta);
}

/** Reads an already decoded text. The BOM is stripped; nothing else is rewritten. */
export function readText(raw: string, meta: ArticleMeta = {}): Result<Article> {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const maxBytes = meta.maxBytes ?? Infinity;
  // A UTF-16 code unit is at least one UTF-8 byte, so this only refuses what is surely too big.
  if (text.length > maxBytes) return fail('TOO_LARGE', `text is over the ${formatBytes(maxBytes)} limit`);
  if (text.trim() === '') return fail('EMPTY_TEXT', 'file is empty: there is no text to read');
  if (text.includes('\u0000')) return fail('BINARY', 'text contains NUL characters: it is binary, not text');

  const header = readHeader(text);
  const title = meta.title ?? header.title;
  const date = meta.date ?? header.date ?? datelineDate(text);
  const paragraphs = withoutFurniture(text, splitParagraphs(text, header.bodyStart));
  return { ok: true, value: { text, title, date, bodyStart: header.bodyStart, paragraphs } };
}

interface Header {
  date: string | null;
  title: string | null;
  bodyStart: number;
}

// " date 2018-09-17 Moscow and Ankara…" puts the header date on the first sentence's line.
const DATE_HEADER = /^\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|$)/i;

function readHeader(text: string): Header {
  let pos = 0;
  let date: string | null = null;
  let dateOnOwnLine = true;
  const m = DATE_HEADER.exec(text);
  if (m && isRealDate(m[1]!)) {
    date = m[1]!;
    pos = m[0].length;
    dateOnOwnLine = /\n\s*$/.test(m[0]) || pos >= text.length;
  }
  // The line after a same-line date is the lead sentence, never a title.
  const title = dateOnOwnLine ? readTitle(text, pos) : null;
  if (title) return { date, title: title.text, bodyStart: title.bodyStart };
  return { date, title: null, bodyStart: skipBlank(text, pos) };
}

/** A title is a short first line followed by a blank line. */
function readTitle(text: string, from: number): { text: string; bodyStart: number } | null {
  const start = skipBlank(text, from);
  const lineEnd = indexOrEnd(text, '\n', start);
  const line = text.slice(start, lineEnd).trim();
  if (!line || line.length > TITLE_MAX_CHARS) return null;
  if (line.split(/\s+/).length > TITLE_MAX_WORDS) return null;
  const next = indexOrEnd(text, '\n', lineEnd + 1);
  if (lineEnd >= text.length || text.slice(lineEnd + 1, next).trim() !== '') return null;
  return { text: line.replace(/\s+/g, ' '), bodyStart: skipBlank(text, lineEnd + 1) };
}

/** Paragraphs are separated by blank lines; a paragraph's span excludes surrounding white space. */
export function splitParagraphs(text: string, from = 0): Span[] {
  const paragraphs: Span[] = [];
  const blank = /\n[ \t\r\f\v]*\n/g;
  blank.lastIndex = from;
  let start = from;
  for (let m = blank.exec(text); ; m = blank.exec(text)) {
    const end = m ? m.index : text.length;
    pushTrimmed(text, start, end, paragraphs);
    if (!m) break;
    start = m.index + m[0].length;
  }
  return paragraphs;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2009 || code === 0x202f;
}

function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}

/**
 * A wire dateline that writes its year: "LONDON 1996-08-30" or "NICE, France 1996-08-30" on its
 * own line, or "CHICAGO, Nov. 3, 2016 (Reuters) -" opening the lead. The place starts in
 * capitals; the date follows it and ends the line or the dateline. "Nov 3 (Reuters)" has no year
 * and dates nothing.
 */
const DATELINE =
  /^\p{Lu}[\p{Lu}\p{M} .'’/-]*(?:,[ \t]*\p{Lu}[\p{L}\p{M} .'’/-]*)?,?[ \t]+(?:(\d{4}-\d{2}-\d{2})|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4}))[ \t]*(?:\(|[-–—]|$)/u;
/** "FARMINGTON HILLS, Mich." then "1996-08-30": the date on a line of its own. */
const DATE_ALONE = /^(\d{4}-\d{2}-\d{2})$/;
/** A dateline is among the first lines: after the title and a byline at most. */
const DATELINE_LINES = 5;

/** The article's date from a dateline among its first lines, when the text has no date header. */
function datelineDate(text: string): string | null {
  const lines = text
    .slice(0, 600)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, DATELINE_LINES);
  for (const line of lines) {
    const alone = DATE_ALONE.exec(line);
    const m = DATELINE.exec(line);
    const iso = alone ? alone[1]! : m ? (m[1] ?? `${m[4]}-${String(MONTH_ABBREVIATIONS.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0')}-${m[3]!.padStart(2, '0')}`) : null;
    if (iso && isRealDate(iso)) return iso;
  }
  return null;
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
