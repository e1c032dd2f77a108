import { REPORTING_VERBS } from './lexicon/lexicon.js';
import { lineMarks, type Mark } from './text/marks.js';
import type { QuoteKind, QuoteSpan, Span } from './types.js';

interface Open {
  /** Offset of the opening mark. */
  at: number;
  /** Offset just after it (where the quoted text starts). */
  inner: number;
  single: boolean;
  /** The piece continues a quote from the previous paragraph. */
  continued: boolean;
}

/** Words after which a capitalised quote is still a whole statement: `Erdogan said, "We fight…"`, `the sign reads "…"`. */
const SPEECH_LEAD = new RegExp(`\\b(?:${[...REPORTING_VERBS, 'saying', 'reads', 'read'].join('|')})\\s*$`, 'i');

/**
 * Finds quotations: “…”, "…", the wire form ''…'', ‘…’, '…' and «…». Pairs stay within a line;
 * a quote left open at the end of a paragraph continues when the next paragraph reopens with
 * a mark of its kind. Quotes nest both ways (British '… "…" …', US "… '…' …"): the outer one
 * is the quotation. Apostrophes are never quote marks, and an unbalanced mark is dropped
 * rather than allowed to swallow the rest of the article. Linear: no backtracking.
 */
export function findQuotes(text: string, paragraphs: Span[]): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  const wireDoubles = WIRE_DOUBLE_OPEN.test(text);
  const lines = paragraphs.flatMap((para) => splitLines(text, para)).map((line) => ({ line, marks: lineMarks(text, line, wireDoubles) }));
  const singleStyle = quotesInSingles(
    text,
    lines.map((l) => l.marks),
  );
  let carried: Carried = null;
  for (const { line, marks } of lines) {
    const from = quotes.length;
    carried = scanLine(text, line, marks, carried, singleStyle, quotes);
    if (quotes.length === from + 1 && isHeading(text, line, quotes[from]!)) quotes.pop();
  }
  return quotes;
}

/**
 * A text quotes in one style. British copy opens its quotations with single marks and nests
 * double ones; American copy does the reverse, and a single mark outside its double quotes is
 * a headline's quote, a title or an elision ("'bout"), not a quotation. Counted over the
 * straight marks only: a curly ‘ is never an elision.
 */
function quotesInSingles(text: string, lines: Mark[][]): boolean {
  let singles = 0;
  let doubles = 0;
  for (const marks of lines) {
    for (const m of marks) {
      if (m.kind === 'sopen') singles += text[m.at] === "'" ? 1 : 0;
      else if (m.kind === 'dopen') doubles++;
      // A straight double mark opens one quote in two.
      else if (m.kind === 'dstraight') doubles += 0.5;
    }
  }
  return singles > 0 && singles >= doubles;
}

// NYT wire copy opens its quotes with two apostrophes: `said, ''We will…`.
const WIRE_DOUBLE_OPEN = /(?:^|[\s([\u2014\u2013-])''(?=[^\s'])/m;

/** A subheading is a short line. */
const HEADING_MAX_WORDS = 8;

/** NYT sets subheadings in quote marks on a line of their own: "'Legend in the Coal Fields.'". */
function isHeading(text: string, line: Span, q: QuoteSpan): boolean {
  if (q.continued || text.slice(line.start, q.outerStart).trim() !== '' || text.slice(q.outerEnd, line.end).trim() !== '') return false;
  const words = q.text.split(/\s+/);
  return words.length >= 2 && words.length <= HEADING_MAX_WORDS && words.every((w) => !/^\p{Ll}[\p{L}'’]{3,}/u.test(w));
}

/** The kind of quote the previous line left open, to be continued by the next paragraph. */
type Carried = 'double' | 'single' | null;

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

/** An inner quote closed inside an outer one: a quotation of its own only if the outer never closes. */
interface Closed {
  open: Open;
  at: number;
  end: number;
}

/**
 * Pairs the marks of one line on a stack at most two deep: an outer quote and one nested in
 * it, either way round. Returns the kind of quote left open for the next paragraph to
 * continue, if any.
 */
function scanLine(text: string, line: Span, marks: Mark[], carried: Carried, singleStyle: boolean, out: QuoteSpan[]): Carried {
  const stack: Open[] = [];
  const inner: Closed[] = [];
  const after = closesAfter(marks);
  for (let k = 0; k < marks.length; k++) {
    const mark = marks[k]!;
    const top = stack[stack.length - 1];
    if (!top) {
      // A curly ‘ says what it is; a straight ' opens a quotation only in a text that quotes in singles.
      const single = mark.kind === 'sopen' && (singleStyle || text[mark.at] === '\u2018');
      if (single || opensDouble(text, mark, line, true)) stack.push(openAt(mark, single, carried !== null && isLineStart(text, line, mark.at)));
      continue;
    }
    const outer = stack[0]!;
    // "“He said ‘we’ll see,” she said": a close of the outer kind ends an inner single that never closed.
    if (stack.length === 2 && top.single && !outer.single && closesDouble(text, mark, line)) stack.pop();
    const open = stack[stack.length - 1]!;
    if (reopensFlattened(text, line, mark, stack, after.strong[k]!)) {
      // "…unbeatable is. 'I know I feel…": copy that lost its paragraph breaks reopens each
      // paragraph of a long quotation mid-line; the open quote ends with its sentence.
      if (stack.length === 2) {
        // "…I'm worse. Race winner Hamilton celebrates … in Bahrain 'There was a point … tyres.
        // 'I tick…": the single quote taken for a nested one, opened after a caption, was the
        // next paragraph; the outer one ends with its last sentence, leaving the caption out.
        const nested = stack[1]!;
        emit(text, outer, lastSentenceEnd(text, outer.inner, nested.at), nested.at, out);
        emit(text, { ...nested, continued: true }, mark.at, mark.at, out);
        stack.length = 1;
      } else emit(text, open, mark.at, mark.at, out);
      stack[0] = openAt(mark, true, true);
      inner.length = 0;
      continue;
    }
    if (open.single ? closesSingle(mark, after.net[k]!, stack.length) : closesDouble(text, mark, line)) {
      stack.pop();
      // "…‘I’ll be able to do that’. Frankie…": with fewer closing marks left in the line than
      // opening ones, the outer single quote can never close; it ends with the inner one.
      const closed = stack.length === 1 && open.single && stack[0]!.single && after.net[k]! < 1 ? stack.pop()! : open;
      const last = stack.length === 0 && open.single ? lastTouchingClose(text, marks, k) : k;
      if (stack.length === 0) emit(text, closed, marks[last]!.at, marks[last]!.at + marks[last]!.width, out);
      else inner.push({ open, at: mark.at, end: mark.at + mark.width });
      if (stack.length === 0) inner.length = 0;
      k = last;
    } else if (!open.single && opensDouble(text, mark, line, false)) {
      // "“a “b” c": the first mark never closed; start again at the new one.
      stack[stack.length - 1] = openAt(mark, false, false);
    } else if (stack.length === 1 && opensNested(text, mark, after.closes[k]!, line, open)) {
      stack.push(openAt(mark, mark.kind === 'sopen', false));
    }
  }
  return finishLine(text, line, stack, inner, out);
}

/**
 * Single quotes open (one, or one taken for nested in another), and a single mark opening a
 * sentence with too few closing marks after it to be a quote nested in these: the writer
 * reopened a new paragraph of the same quotation where the line break was lost ("is. 'I know…
 * it. 'I also…"). Only closing marks that cannot be a plural possessive count ("David Moyes'
 * Real Sociedad" closes nothing).
 */
function reopensFlattened(text: string, line: Span, mark: Mark, stack: Open[], netAfter: number): boolean {
  if (!stack.every((o) => o.single) || mark.kind !== 'sopen' || netAfter >= 2) return false;
  if (!/[\p{Lu}\p{N}]/u.test(text[mark.at + 1] ?? '')) return false;
  const before = text.slice(Math.max(line.start, mark.at - 4), mark.at);
  return /[.!?]["'\u201d\u2019)]?\s+$/.test(before);
}

/**
 * Where the last sentence of `[from, to)` ends (after its full stop and any closing marks), or
 * `to` when none does: "…I'm worse.| Race winner Hamilton celebrates…".
 */
function lastSentenceEnd(text: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    if (!/\s/.test(text[i]!)) continue;
    const m = /[.!?][\])"'\u201d\u2019]*$/.exec(text.slice(Math.max(from, i - 4), i));
    if (m) return i;
  }
  return to;
}

/**
 * Closing single marks after each mark of a line, less the opening ones: how many quotes the
 * rest of the line can still close. Counted once per line, so pairing stays linear.
 */
function closesAfter(marks: Mark[]): { net: number[]; strong: number[]; closes: number[] } {
  const net = new Array<number>(marks.length).fill(0);
  const strong = new Array<number>(marks.length).fill(0);
  const closes = new Array<number>(marks.length).fill(0);
  for (let k = marks.length - 2; k >= 0; k--) {
    const next = marks[k + 1]!;
    const opens = next.kind === 'sopen' ? 1 : 0;
    const close = next.kind === 'sclose' ? 1 : 0;
    net[k] = net[k + 1]! + close - opens;
    strong[k] = strong[k + 1]! + (next.weak ? 0 : close) - opens;
    closes[k] = closes[k + 1]! + close;
  }
  return { net, strong, closes };
}

/**
 * A single mark closes the quote open on top, unless it may be a plural possessive ("the
 * Smiths' house") and the rest of the line has closing marks enough for every open quote.
 */
function closesSingle(mark: Mark, netAfter: number, depth: number): boolean {
  return mark.kind === 'sclose' && (!mark.weak || netAfter < depth);
}

/**
 * A quote inside a quote. A single mark opens one only when enough closing marks follow for
 * both: "'Let 'em eat cake,' she said" has one, so "'em" is an apostrophe.
 */
function opensNested(text: string, mark: Mark, closesAfter: number, line: Span, outer: Open): boolean {
  if (mark.kind !== 'sopen') return outer.single && opensDouble(text, mark, line, false);
  return closesAfter >= (outer.single ? 2 : 1);
}

const openAt = (mark: Mark, single: boolean, continued: boolean): Open => ({ at: mark.at, inner: mark.at + mark.width, single, continued });

function opensDouble(text: string, mark: Mark, line: Span, fresh: boolean): boolean {
  if (mark.kind === 'dopen') return true;
  if (mark.kind !== 'dstraight') return false;
  return fresh ? !closesOnly(text, mark.at, mark.width, line) : opensStraight(text, mark.at, mark.width, line);
}

function closesDouble(text: string, mark: Mark, line: Span): boolean {
  return mark.kind === 'dclose' || (mark.kind === 'dstraight' && closesStraight(text, mark.at, mark.width, line));
}

/** "'He called it 'fake news',' he said", "the voters''": the last of closing marks that touch. */
function lastTouchingClose(text: string, marks: Mark[], k: number): number {
  let last = k;
  while (marks[last + 1]?.kind === 'sclose' && /^[^\s\p{L}\p{N}]*$/u.test(text.slice(marks[last]!.at + 1, marks[last + 1]!.at))) last++;
  return last;
}

/**
 * A quote still open at the end of the line continues only if the next paragraph reopens. A
 * quote that never closed was no quote (a stray mark, an apostrophe): the quotes inside it
 * stand on their own.
 */
function finishLine(text: string, line: Span, stack: Open[], inner: Closed[], out: QuoteSpan[]): Carried {
  const [outer, nested] = stack;
  if (!outer) return null;
  const reopens = nextParagraphReopens(text, line.end);
  // A single quote continues into a paragraph reopened with either mark; a double one (the
  // common case, and the safe one) only with a double mark.
  if (outer.single ? reopens !== null : reopens === 'double') {
    emit(text, outer, line.end, line.end, out);
    return reopens;
  }
  for (const q of inner) emit(text, q.open, q.at, q.end, out);
  const open = outer.single ? nested : null;
  if (!open || open.single || reopens !== 'double') return null;
  emit(text, open, line.end, line.end, out);
  return 'double';
}

function nextParagraphReopens(text: string, from: number): Carried {
  let i = from;
  let newlines = 0;
  while (i < text.length && /\s/.test(text[i]!)) {
    if (text.charCodeAt(i) === 10) newlines++;
    i++;
  }
  if (newlines < 1 || i >= text.length) return null;
  const c = text[i];
  if (c === '\u201c' || c === '"' || c === '\u00ab' || (c === "'" && text[i + 1] === "'")) return 'double';
  return (c === "'" || c === '\u2018') && /\S/.test(text[i + 1] ?? ' ') ? 'single' : null;
}

function isLineStart(text: string, line: Span, i: number): boolean {
  return text.slice(line.start, i).trim() === '';
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

function emit(text: string, open: Open, closeAt: number, outerEnd: number, out: QuoteSpan[]): void {
  let start = open.inner;
  let end = closeAt;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const inner = text.slice(start, end);
  if (!/[\p{L}\p{N}]/u.test(inner)) return;
  out.push({ text: inner, start, end, outerStart: open.at, outerEnd, continued: open.continued, kind: classify(text, open.at, inner, open.continued) });
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
  if (/["'\u201d\u2019]/.test(prev) && /[.!?,]["'\u201d\u2019]$/.test(trimmed)) return 'direct';
  return SPEECH_LEAD.test(trimmed) ? 'direct' : 'partial';
}
