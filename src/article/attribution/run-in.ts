/**
 * Names glued to the words before them where a photo caption runs into the text with no full
 * stop: "… his side's league encounter against Valencia Enrique said: …", "… about chest X-rays
 * Nurse B alleged …". The capitalised run is two names, each of which the article writes alone.
 */

import { describe, type Mention } from './mentions.js';
import { tokenAt, type Token } from '../grammar/tokens.js';
import { isFirstName } from '../grammar/wordclass.js';
import { HONORIFICS, TITLES } from '../lexicon/titles.js';

/**
 * The mention less a head glued to it, or the mention itself: the name's last words are written
 * alone elsewhere in the text, and so are its first words, never a first name or a title
 * ("Hillary Clinton", "Nurse B" stay whole).
 */
export function withoutRunIn(tokens: Token[], text: string, m: Mention): Mention {
  if (m.kind !== 'name' || !m.name || !text.endsWith(m.name.split(' ').pop()!, m.end)) return m;
  const words = m.name.split(' ');
  const first = words[0]!.toLowerCase();
  if (words.length < 2 || isFirstName(first) || HONORIFICS.has(first) || TITLES.has(first)) return m;
  for (let i = 1; i < words.length; i++) {
    const head = words.slice(0, i).join(' ');
    const tail = words.slice(i).join(' ');
    const tailStart = m.end - tail.length;
    if (text.slice(tailStart, m.end) !== tail) return m;
    // A name the article writes in full more than once ("Lizzi Crawford, 32, … Lizzi Crawford
    // dropped …") is one person's, not a caption's end glued to a name.
    // "The Story of Katherine of Alexandria Redwood said": a title read as an organisation, glued
    // to a surname the article gives a person ("Michael Redwood").
    if (m.organization && !surnameOfSomeone(tokens, text, tail)) continue;
    if (together(tokens, text, head, tail) > 1) return m;
    if (!alone(tokens, text, head, m, tail) || !alone(tokens, text, tail, m, '', head)) continue;
    const from = tokenAt(tokens, tailStart);
    const to = tokenAt(tokens, m.end);
    const narrowed = describe(tokens, text, { from, to });
    return narrowed.kind === 'name' ? narrowed : m;
  }
  return m;
}

/*
 * The look-ups below read the article with indexOf and a few character tests. Written as
 * regular expressions over the whole text (a look-behind at the front, Unicode classes compiled
 * afresh for every name mention's patterns) they were a third of reading an article.
 */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const CAPITAL = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** The character at `at`, whole (a letter outside the BMP is two code units). */
const charAt = (text: string, at: number): string => String.fromCodePoint(text.codePointAt(at) ?? 0);

function isWordChar(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const c = text.charCodeAt(at);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // The letter before `at` may end in a low surrogate: test the whole code point.
  const start = c >= 0xdc00 && c <= 0xdfff && at > 0 ? at - 1 : at;
  return LETTER_OR_DIGIT.test(charAt(text, start));
}

const isSpace = (text: string, at: number): boolean => at >= 0 && at < text.length && SPACE.test(text[at]!);

/** Past the white space from `at` on: where it ends, or -1 when there is none. */
function pastSpace(text: string, at: number): number {
  let j = at;
  while (isSpace(text, j)) j++;
  return j > at ? j : -1;
}

/** `words` at `at` as whole words: the end, or -1. */
const wordsAt = (text: string, at: number, words: string): number => (text.startsWith(words, at) && !isWordChar(text, at + words.length) ? at + words.length : -1);

/** Where a literal stands in the article, at the start of a word, followed as asked. */
interface Hit {
  index: number;
  end: number;
}

/**
 * Each place `literal` stands at the start of a word and `after` accepts what follows (it returns
 * the match's end, or -1), left to right and not overlapping; found once per article and `key`.
 */
const hitsByArticle = new WeakMap<Token[], Map<string, Hit[]>>();

function atWordStart(tokens: Token[], text: string, literal: string, key: string, after: (end: number) => number): Hit[] {
  let cache = hitsByArticle.get(tokens);
  if (!cache) hitsByArticle.set(tokens, (cache = new Map()));
  const cacheKey = `${literal}\u0000${key}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const hits: Hit[] = [];
  // Every caller's `after` refuses a word character after the literal, so a hit starts a word
  // whose letters are the literal's first word: only those places are tried, not every match of
  // an indexOf over the whole text (thousands of names made that quadratic).
  let lead = 0;
  while (lead < literal.length && isWordChar(literal, lead)) lead++;
  const starts = lead > 0 ? (wordStarts(tokens, text).get(literal.slice(0, lead)) ?? []) : [];
  for (let k = 0, from = 0; k < starts.length; k++) {
    const i = starts[k]!;
    if (i < from || !text.startsWith(literal, i)) continue;
    const end = after(i + literal.length);
    if (end < 0) continue;
    hits.push({ index: i, end });
    from = Math.max(end, i + 1);
  }
  cache.set(cacheKey, hits);
  return hits;
}

/** Where each word of the article starts, by its letters and digits: built once per article. */
const startsByArticle = new WeakMap<Token[], Map<string, number[]>>();

function wordStarts(tokens: Token[], text: string): Map<string, number[]> {
  let starts = startsByArticle.get(tokens);
  if (starts) return starts;
  starts = new Map();
  for (let i = 0; i < text.length;) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && isWordChar(text, j)) j++;
    const word = text.slice(i, j);
    const list = starts.get(word);
    if (list) list.push(i);
    else starts.set(word, [i]);
    i = j;
  }
  startsByArticle.set(tokens, starts);
  return starts;
}

/** The capitalised word that ends the text before `at` with white space after it ("Michael " before "Redwood"). */
function wordEndingAt(text: string, at: number): string | null {
  let j = at - 1;
  while (isSpace(text, j) && j > at - 200) j--;
  if (j === at - 1) return null;
  let k = j;
  while (k >= 0 && k > at - 200 && LOWER.test(text[k]!)) k--;
  if (k === j || k < 0 || !CAPITAL.test(charAt(text, k)) || isWordChar(text, k - 1)) return null;
  return text.slice(k, j + 1);
}

/** `tail` follows a first name somewhere: "Michael Redwood". */
const surnameOfSomeone = (tokens: Token[], text: string, tail: string): boolean =>
  atWordStart(tokens, text, tail, 'word', (end) => (isWordChar(text, end) ? -1 : end)).some((hit) => {
    const word = wordEndingAt(text, hit.index);
    return word !== null && isFirstName(word.toLowerCase());
  });

/** `head`, white space, then `tail` at `at`: the end, or -1. */
const headThenTail = (text: string, at: number, tail: string): number => {
  const j = pastSpace(text, at);
  return j < 0 ? -1 : wordsAt(text, j, tail);
};

/** How often `head` and `tail` stand together, as words. */
const together = (tokens: Token[], text: string, head: string, tail: string): number =>
  atWordStart(tokens, text, head, `then ${tail}`, (end) => headThenTail(text, end, tail)).length;

/** White space and a capital at `at`: the word runs on into another name. */
const capitalNext = (text: string, at: number): boolean => {
  const j = pastSpace(text, at);
  return j >= 0 && CAPITAL.test(charAt(text, j));
};

/**
 * `words` stand somewhere outside the mention, as words, not followed by `notFollowedBy` (white
 * space and those words) nor preceded by `notPrecededBy` (those words and white space), and ended
 * by no capitalised word, outside quote marks: "against Valencia.", "Enrique's men".
 */
function alone(tokens: Token[], text: string, words: string, m: Mention, notFollowedBy = '', notPrecededBy = ''): boolean {
  const accept = (end: number): number => (isWordChar(text, end) || (notFollowedBy && headThenTail(text, end, notFollowedBy) >= 0) || capitalNext(text, end) ? -1 : end);
  for (const hit of atWordStart(tokens, text, words, `alone ${notFollowedBy}`, accept)) {
    // Outside quote marks: "Sorry Ruud, what did you say" names the one spoken to.
    if ((hit.index >= m.start && hit.index < m.end) || tokens[tokenAt(tokens, hit.index)]!.quote !== -1) continue;
    if (notPrecededBy && precededBy(text, hit.index, notPrecededBy, hit.index - words.length - 40)) continue;
    return true;
  }
  return false;
}

/** `words` and white space end the text before `at`, starting no earlier than `from`. */
function precededBy(text: string, at: number, words: string, from: number): boolean {
  let j = at - 1;
  while (j >= Math.max(0, from) && isSpace(text, j)) j--;
  return j < at - 1 && j + 1 - words.length >= Math.max(0, from) && text.startsWith(words, j + 1 - words.length);
}
