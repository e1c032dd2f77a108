import type { QuoteSpan } from '../types.js';
import { partitionPoint } from '../text/partition.js';
import { isFunctionWord } from './wordclass.js';
import { ABBREVIATED } from '../lexicon/titles.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Starts with a capital letter. */
  cap: boolean;
  /** A word (letters or digits), not punctuation. */
  word: boolean;
  /** Index of the quote this token lies inside, or -1 outside quotes. */
  quote: number;
  /** First word of a sentence or line: its capital says nothing. */
  initial: boolean;
  /** Capitalised here, but written in lower case elsewhere in the text ("Facing", "Earlier"). */
  common: boolean;
  /** Capitalised somewhere other than at a sentence start: the text itself writes it as a name. */
  proper: boolean;
}

// Words keep inner apostrophes, hyphens and dots ("Clinton’s", "al-Sham", "U.S"), and a slash
// between digits ("9/11 widow Terry Strada", "24/7"); the pattern is linear: each alternative
// consumes at least one character and none nests a repetition.
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’\-.](?=[\p{L}\p{N}])|(?<=\p{N})\/(?=\p{N}))*|\S/gu;

const WORD_START = /[\p{L}\p{N}]/u;
const CAPITAL = /\p{Lu}/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const DOTTED_INITIALS = /^\p{Lu}(?:\.\p{Lu})+$/u;

/** A person's initials before their full stop: "John F. Kennedy", "G.K. Butterfield", "J.M. Berger". */
export const isInitials = (text: string): boolean => SINGLE_CAPITAL.test(text) || DOTTED_INITIALS.test(text);

/** Tokens of the whole text, each marked with the quote (if any) it sits inside. */
export function tokenize(text: string, quotes: QuoteSpan[]): Token[] {
  const tokens: Token[] = [];
  let q = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    while (q < quotes.length && quotes[q]!.outerEnd <= start) q++;
    const inside = q < quotes.length && quotes[q]!.outerStart <= start && start < quotes[q]!.outerEnd;
    const word = WORD_START.test(m[0][0]!);
    tokens.push({
      start,
      end: start + m[0].length,
      text: m[0],
      lower: m[0].toLowerCase(),
      cap: word && CAPITAL.test(m[0][0]!),
      word,
      quote: inside ? q : -1,
      initial: isInitial(text, tokens[tokens.length - 1], start, tokens[tokens.length - 2], m[0]),
      common: false,
      proper: false,
    });
  }
  markCommon(tokens);
  return tokens;
}

const SENTENCE_END = new Set(['.', '!', '?', ':', '\u201c', '"', '\u2018', "'", '(', '\u2014', '\u2015', '-']);

function isInitial(text: string, prev: Token | undefined, start: number, beforePrev: Token | undefined, word: string): boolean {
  if (!prev) return true;
  // Only the few characters between the two tokens are looked at: no slice for every token.
  for (let i = prev.end; i < start; i++) if (text.charCodeAt(i) === 10) return true;
  // "Sen. Mitch McConnell", "John F. Kennedy": the dot of an abbreviation ends nothing.
  if (prev.text === '.' && beforePrev && (ABBREVIATED.has(beforePrev.lower) || SINGLE_CAPITAL.test(beforePrev.text))) return false;
  // "said Rep. G.K. Butterfield": dotted initials run on to a name; "in Washington, D.C. He said" ends.
  if (prev.text === '.' && beforePrev && DOTTED_INITIALS.test(beforePrev.text) && CAPITAL.test(word[0]!) && !isFunctionWord(word.toLowerCase())) return false;
  return SENTENCE_END.has(prev.text);
}

// A word seen in lower case somewhere is a common word, whatever its capital at a sentence start;
// one capitalised mid-sentence somewhere is written as a name.
function markCommon(tokens: Token[]): void {
  const lower = new Set<string>();
  const proper = new Set<string>();
  for (const t of tokens) {
    if (t.word && !t.cap) lower.add(t.lower);
    else if (t.cap && !t.initial) proper.add(t.lower);
  }
  for (const t of tokens) {
    if (!t.cap) continue;
    t.common = lower.has(t.lower);
    t.proper = proper.has(t.lower);
  }
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenAt(tokens: Token[], offset: number): number {
  return partitionPoint(tokens, (t) => t.start < offset);
}

/** The words of the quote whose last token is `k`. */
export function quoteWords(tokens: Token[], k: number): string {
  const words: string[] = [];
  for (let j = k; j >= 0 && tokens[j]!.quote === tokens[k]!.quote; j--) if (tokens[j]!.word) words.push(tokens[j]!.text);
  return words.reverse().join(' ');
}

/** End offset of the quote that token `i` lies in (tokens of one quote are contiguous). */
export function quoteEndOf(tokens: Token[], i: number): number {
  const q = tokens[i]!.quote;
  return tokens[partitionPoint(tokens, (t) => t.quote === q, i) - 1]!.end;
}
