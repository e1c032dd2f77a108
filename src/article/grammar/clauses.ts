/**
 * Clause structure around a quote: where a subject's appositive or relative clause ends, and
 * where a pause or an abbreviation's full stop stands.
 */
import type { Phrase } from './phrases.js';
import { DETERMINERS } from '../lexicon/lexicon.js';
import type { Token } from './tokens.js';
import { RELATIVE_OPENERS } from '../lexicon/connectives.js';
import { PARTY_TAG } from '../lexicon/titles.js';

/** "Mr.", "U.S.", "Jason C.": a full stop that ends an abbreviation, not a sentence. */
export const abbreviationDot = (tokens: Token[], k: number): boolean =>
  tokens[k]!.text === '.' && tokens[k - 1]?.end === tokens[k]!.start && /^\p{Lu}\p{L}{0,3}$/u.test(tokens[k - 1]!.text);

/** A comma or a dash outside quotes: "For much of the performance - with sleeves rolled - Mr. Biden assured". */
export function isPause(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.quote !== -1) return false;
  if (/^[,\u2014\u2013]$/.test(t.text)) return true;
  // A hyphen standing alone between spaces is a dash.
  return t.text === '-' && (tokens[k - 1]?.end ?? -1) < t.start && t.end < (tokens[k + 1]?.start ?? 0);
}

/** The longest appositive or relative clause read between a subject and its verb. */
const APPOSITIVE_MAX_TOKENS = 30;

/**
 * "In the call, Wisconsin Rep. Reid Ribble, who was elected in 2010, casts Trump as …",
 * "Mr. Trump's campaign chairman, Paul Manafort, dismissed …": a phrase set off by commas that
 * describes the subject (a relative clause, a participle, a noun phrase) stands before its verb.
 * Returns the token after the closing comma, or `k` when none is there.
 */
export function pastAppositive(tokens: Token[], k: number, verb: number): number {
  if (tokens[k]?.text !== ',' || tokens[k].quote !== -1) return k;
  const open = tokens[k + 1];
  if (!open?.word || open.quote !== -1) return k;
  // A name set off after a role ("chairman, Paul Manafort,"), not after a name: "in Salem, New
  // Hampshire, Trump went" is a place and a clause.
  const named = open.cap && !tokens[k - 1]!.cap && tokens[k - 1]!.word;
  const describes = RELATIVE_OPENERS.has(open.lower) || DETERMINERS.has(open.lower) || named || /[a-z](?:ing|ed)$/.test(open.lower);
  if (!describes) return k;
  for (let j = k + 2; j < verb && j - k <= APPOSITIVE_MAX_TOKENS; j++) {
    const t = tokens[j]!;
    // A sentence or a clause of its own ends before any verb of the subject's is read.
    if (t.quote === -1 && /^[;:.!?]$/.test(t.text) && !(t.text === '.' && tokens[j - 1]?.end === t.start && /^\p{Lu}/u.test(tokens[j - 1]!.text))) return k;
    if (t.text === ',' && t.quote === -1) {
      const next = tokens[j + 1];
      // The verb follows: "…, casts Trump as"; a participle ("…, calling him") is no verb of a subject.
      return next?.word && !next.cap && next.quote === -1 && !/ing$/.test(next.lower) ? j + 1 : k;
    }
  }
  return k;
}

/**
 * "Mr. Trump's campaign chairman, Paul Manafort, dismissed": a role whose appositive is a name
 * reads on to the name, so the name is the speaker's.
 */
export function withNamedAppositive(tokens: Token[], p: Phrase, verb: number): Phrase {
  const last = tokens[p.to - 1];
  if (!last || last.cap || tokens[p.to]?.text !== ',') return p;
  const end = pastAppositive(tokens, p.to, verb);
  if (end === p.to) return p;
  // The appositive is all capitalised words (and initials' dots): a name.
  for (let k = p.to + 1; k < end - 1; k++) {
    const t = tokens[k]!;
    if (t.word ? !t.cap : t.text !== '.') return p;
  }
  return { from: p.from, to: end - 1 };
}

/** The most words a region after a place has: "Sweden", "New Hampshire", "N.H.". */
const REGION_MAX_TOKENS = 4;

/**
 * The comma at `k` stands between a capitalised word and a short run of capitalised words that
 * ends at the comma `end`: "Uppsala, Sweden,", "Columbus, Ohio,". ("chairman, John Podesta," is
 * a role and its name: the word before the comma is in lower case.)
 */
export function placeAndRegion(tokens: Token[], k: number, end: number): boolean {
  const before = tokens[k - 1];
  if (!before?.word || !before.cap || end - k - 1 > REGION_MAX_TOKENS || end - k < 2) return false;
  for (let j = k + 1; j < end; j++) {
    const t = tokens[j]!;
    if (t.word ? !t.cap || PARTY_TAG.test(t.text) : t.text !== '.') return false;
  }
  return true;
}
