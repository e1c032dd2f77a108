/**
 * The quote marks of one line, each read from the characters around it. Single marks are the
 * hard part: the same character is also the apostrophe of "don't", "Jones's", "the Smiths'
 * house", "'90s" and "rock 'n' roll". A mark is an opening one when it follows a space (or an
 * opening bracket or dash) and touches a word; a closing one when it follows a non-space and is
 * not followed by a letter. Letters on both sides make an apostrophe. What stays ambiguous (a
 * closing mark that could be a plural possessive) is left to the pairing in quotes.ts.
 */
import type { Span } from '../types.js';

export type MarkKind = 'dopen' | 'dclose' | 'dstraight' | 'sopen' | 'sclose';

export interface Mark {
  at: number;
  width: number;
  kind: MarkKind;
  /**
   * A closing single mark right after a letter with a word after it: "the Smiths' house" as
   * much as "a 'fake news' story". It closes only when no later closing mark could.
   */
  weak: boolean;
}

const OPENERS_BEFORE = new Set(['(', '[', '{', '\u2014', '\u2013', '-', '/', '"', '\u201c', '\u00ab']);
// "'. " or "', " never opens a quote: an opening mark touches what it quotes.
const NOT_AFTER_OPENING = new Set([',', '.', ';', ':', '!', '?', ')', ']', '}']);

/** "'90s", "the '08 election": two digits and no third. */
const DECADE = /^\d\d(?:s|(?![\p{L}\p{N}]))/u;

const isSpaceChar = (c: string): boolean => c === '' || /\s/.test(c);
const isWordChar = (c: string): boolean => c !== '' && /[\p{L}\p{N}]/u.test(c);

/**
 * Marks of the line `[line.start, line.end)`. `wireDoubles` says the article writes double
 * quotes as two apostrophes (NYT wire copy: ''like this.''); otherwise "voters''" is a plural
 * possessive followed by a closing mark.
 */
export function lineMarks(text: string, line: Span, wireDoubles: boolean): Mark[] {
  const marks: Mark[] = [];
  const charAt = (i: number): string => (i >= line.start && i < line.end ? text[i]! : '');
  for (let i = line.start; i < line.end; i++) {
    const c = text[i]!;
    if (c === '\u201c' || c === '\u00ab') marks.push({ at: i, width: 1, kind: 'dopen', weak: false });
    else if (c === '\u201d' || c === '\u00bb') marks.push({ at: i, width: 1, kind: 'dclose', weak: false });
    else if (c === '"') marks.push({ at: i, width: 1, kind: 'dstraight', weak: false });
    else if (c === "'" && wireDoubles && charAt(i + 1) === "'") {
      marks.push({ at: i, width: 2, kind: 'dstraight', weak: false });
      i++;
    } else if (c === "'" || c === '\u2018' || c === '\u2019') {
      const mark = singleMark(text, i, charAt);
      if (mark === 'skip-elision') i += 2;
      else if (mark) marks.push(mark);
    }
  }
  return marks;
}

/** Reads one single mark: opening, closing, or an apostrophe (null). */
function singleMark(text: string, i: number, charAt: (i: number) => string): Mark | 'skip-elision' | null {
  const c = text[i]!;
  const before = charAt(i - 1);
  const after = charAt(i + 1);
  // "don't", "Jones's", "o'clock", "Clinton’s": letters on both sides.
  if (isWordChar(before) && isWordChar(after)) return null;
  const opens = (isSpaceChar(before) || OPENERS_BEFORE.has(before)) && !isSpaceChar(after) && !NOT_AFTER_OPENING.has(after);
  if (opens && c !== '\u2019') {
    // "the '90s", "‘60s radicals": a decade, not a quote.
    if (DECADE.test(text.slice(i + 1, i + 4))) return null;
    // "rock 'n' roll": a one-letter word between two marks is an elision.
    if (isWordChar(after) && (charAt(i + 2) === "'" || charAt(i + 2) === '\u2019') && !isWordChar(charAt(i + 3))) return 'skip-elision';
    return { at: i, width: 1, kind: 'sopen', weak: false };
  }
  // "’90s", "’em": a right mark that touches the word after it is an apostrophe.
  if (c === '\u2018' || isSpaceChar(before) || isWordChar(after)) return null;
  const weak = isWordChar(before) && isSpaceChar(after) && after !== '' && /^\s+[\p{L}\p{N}]/u.test(text.slice(i + 1, i + 4));
  return { at: i, width: 1, kind: 'sclose', weak };
}
