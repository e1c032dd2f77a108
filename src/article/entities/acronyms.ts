import type { NameSpan } from './entity.js';
import { ACRONYM_INNER_WORDS } from '../lexicon/names.js';
import { alternation } from '../lexicon/words.js';
import { PLACE_TAIL_WORDS } from '../lexicon/places.js';

/** "Hayat Tahrir al-Sham (HTS)": an acronym in brackets right after the name it abbreviates. */
const BRACKETED = /\(([A-Z][A-Za-z0-9&]{1,9})\)/g;
/** A name abbreviated in brackets has at most this many words ("National Association for the Advancement of Colored People"). */
const EXPANSION_WORDS_MAX = 9;
/** Lower-case words and particles that live inside names: "al-Sham", "Bank of England". */
const INNER = new RegExp(`^(?:${alternation(ACRONYM_INNER_WORDS)}|\\p{Ll}{1,3}-\\p{Lu}[\\p{L}'’-]*)$`, 'u');
/** Expansions ending like this are places, not bodies: "Democratic Republic of Congo (DRC)". */
const PLACE_TAIL = new RegExp(String.raw`\b(?:${alternation(PLACE_TAIL_WORDS)})\b`);

/** An organisation (or place) named with its acronym, and the acronym itself. */
export interface AcronymEntity {
  acronym: string;
  mention: NameSpan;
  start: number;
  end: number;
}

/**
 * Joins acronyms to their expansions, which compromise splits or mistags ("Hayat" untagged,
 * "Tahrir al-Sham" taken for a person). The expansion is the run of capitalised words and
 * name particles before the bracket whose initials start like the acronym.
 */
export function findAcronyms(text: string, from: number): AcronymEntity[] {
  const out: AcronymEntity[] = [];
  BRACKETED.lastIndex = from;
  for (let m = BRACKETED.exec(text); m; m = BRACKETED.exec(text)) {
    const acronym = m[1]!;
    if (!/[A-Z].*[A-Z]/.test(acronym)) continue;
    const start = expansionStart(text, m.index, acronym);
    if (start < 0) continue;
    const name = text.slice(start, m.index).trim();
    const kind = PLACE_TAIL.test(name) ? 'place' : 'organization';
    const mention: NameSpan = { kind, text: `${name} (${acronym})`, start, end: m.index + m[0].length, role: null };
    out.push({ acronym, mention, start, end: mention.end });
  }
  return out;
}

/**
 * Walks back over capitalised words and name particles from the bracket and starts the name
 * at the nearest capitalised word with the acronym's initial; -1 when there is none.
 */
function expansionStart(text: string, bracket: number, acronym: string): number {
  let end = bracket;
  while (end > 0 && text[end - 1] === ' ') end--;
  let capitals = 0;
  for (let k = 0, pos = end; k < EXPANSION_WORDS_MAX && pos > 0; k++) {
    let s = pos;
    while (s > 0 && /[\p{L}\p{N}'’-]/u.test(text[s - 1]!)) s--;
    const word = text.slice(s, pos);
    const capital = /^\p{Lu}/u.test(word);
    if (!word || (!capital && !INNER.test(word))) return -1;
    if (capital) capitals++;
    if (capital && word[0] === acronym[0]) return capitals >= 2 || acronym.length <= 2 ? s : -1;
    if (s === 0 || text[s - 1] !== ' ') return -1;
    pos = s - 1;
  }
  return -1;
}
