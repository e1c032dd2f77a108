/**
 * Names glued to the words before them where a photo caption runs into the text with no full
 * stop: "… his side's league encounter against Valencia Enrique said: …", "… about chest X-rays
 * Nurse B alleged …". The capitalised run is two names, each of which the article writes alone.
 */
import { HONORIFICS, TITLES } from './lexicon.js';
import { describe, type Mention } from './mentions.js';
import { tokenAt, type Token } from './tokens.js';
import { isFirstName } from './wordclass.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    if (m.organization && !surnameOfSomeone(text, tail)) continue;
    if (count(text, `${escape(head)}\\s+${escape(tail)}`) > 1) return m;
    if (!alone(tokens, text, head, `\\s+${escape(tail)}(?![\\p{L}\\p{N}])`, m) || !alone(tokens, text, tail, '', m, `${escape(head)}\\s+$`)) continue;
    const from = tokenAt(tokens, tailStart);
    const to = tokenAt(tokens, m.end);
    const narrowed = describe(tokens, text, { from, to });
    return narrowed.kind === 'name' ? narrowed : m;
  }
  return m;
}

/** `tail` follows a first name somewhere: "Michael Redwood". */
const surnameOfSomeone = (text: string, tail: string): boolean =>
  [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(\\p{Lu}\\p{Ll}+)\\s+${escape(tail)}(?![\\p{L}\\p{N}])`, 'gu'))].some((hit) => isFirstName(hit[1]!.toLowerCase()));

const count = (text: string, words: string): number => [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'gu'))].length;

/**
 * `words` stand somewhere outside the mention not followed by `notAfter` and not preceded by
 * `notBefore`, ended by no capitalised word, outside quote marks: "against Valencia.", "Enrique's men".
 */
function alone(tokens: Token[], text: string, words: string, notAfter: string, m: Mention, notBefore = ''): boolean {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(words)}(?![\\p{L}\\p{N}])${notAfter ? `(?!${notAfter})` : ''}(?!\\s+\\p{Lu})`, 'gu');
  const before = notBefore ? new RegExp(notBefore, 'u') : null;
  for (const hit of text.matchAll(re)) {
    // Outside quote marks: "Sorry Ruud, what did you say" names the one spoken to.
    if ((hit.index >= m.start && hit.index < m.end) || tokens[tokenAt(tokens, hit.index)]!.quote !== -1) continue;
    if (before && before.test(text.slice(Math.max(0, hit.index - words.length - 40), hit.index))) continue;
    return true;
  }
  return false;
}
