import { foldKey, foldWords, speakerId } from '../article/text/fold.js';

/**
 * Linking the engine's per-article speakers into archive-wide speakers. Pure: the store
 * fetches the candidates (same surname, or a matching alias) and applies the decision.
 */

/** A speaker as the archive keeps it, across articles. */
export interface ArchiveSpeaker {
  id: string;
  name: string;
  aliases: string[];
  roles: string[];
  type: 'person' | 'organization';
  /** Quotes the archive holds by them, when the store read it with the speaker. */
  quotes?: number;
}

/** What the engine says about one speaker in one article. */
export interface IncomingSpeaker {
  name: string;
  aliases: string[];
  roles: string[];
  type?: 'person' | 'organization';
}

export interface SpeakerLink {
  /** The existing speaker the incoming one is, or null for a new speaker. */
  target: ArchiveSpeaker | null;
  /** The speaker after linking; its id differs from the target's when a fuller name arrived. */
  merged: ArchiveSpeaker;
}

/** The stable archive id: the engine's slug of the folded canonical name ("recep-tayyip-erdogan"). */
export { speakerId };

/** Folded keys under which the speaker is found by exact name: its name and aliases. */
export function speakerKeys(speaker: { name: string; aliases: string[] }): string[] {
  const keys = [speaker.name, ...speaker.aliases].map(foldKey).filter((k) => k !== '');
  return [...new Set(keys)];
}

/** The folded surname: the last word of the name. */
export function surnameOf(name: string): string {
  return foldWords(foldKey(name)).at(-1) ?? '';
}

/**
 * Search terms for autocomplete: every word-start suffix of the name, aliases and roles,
 * so "tayyip er" and "president" both find "Recep Tayyip Erdogan, Turkish president".
 */
export function speakerTerms(speaker: ArchiveSpeaker): string[] {
  const terms = new Set<string>();
  for (const phrase of [speaker.name, ...speaker.aliases, ...speaker.roles]) {
    const words = foldWords(foldKey(phrase));
    for (let i = 0; i < words.length; i++) terms.add(words.slice(i).join(' '));
  }
  return [...terms];
}

/** True when every word of `short` appears in `long`, in order: "Tayyip Erdogan" in "Recep Tayyip Erdogan". */
export function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const word of long) if (word === short[i]) i++;
  return i === short.length;
}

const wordsOf = (s: { name: string }): string[] => foldWords(foldKey(s.name));

/** Two person names that may be one person: same surname, one name's words inside the other's. */
function compatible(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0 || a.at(-1) !== b.at(-1)) return false;
  return a.length <= b.length ? isSubsequence(a, b) : isSubsequence(b, a);
}

/** Same folded name, or a unique alias match. */
function exactLink(key: string, candidates: ArchiveSpeaker[]): ArchiveSpeaker | null {
  const byName = candidates.find((c) => foldKey(c.name) === key);
  if (byName) return byName;
  const byAlias = candidates.filter((c) => speakerKeys(c).includes(key));
  // "Clinton" as an alias of both Hillary and Bill Clinton names neither
  return byAlias.length === 1 ? byAlias[0]! : null;
}

/** A surname alone, or a fuller form of a name, that points at exactly one person. */
function personLink(incoming: IncomingSpeaker, words: string[], candidates: ArchiveSpeaker[]): ArchiveSpeaker | null {
  const persons = candidates.filter((c) => c.type === 'person');
  const related = persons.filter((c) => compatible(words, wordsOf(c)));
  const full = related.filter((c) => wordsOf(c).length > 1);
  if (related.length === 1) {
    const only = related[0]!;
    const namesake = persons.some((c) => wordsOf(c).length > 1 && wordsOf(c).at(-1) === words.at(-1) && c !== only);
    // "Bill Clinton" must not absorb a bare "Clinton" when "Hillary Clinton" is also known
    if (wordsOf(only).length === 1 && words.length > 1 && namesake) return null;
    return only;
  }
  if (full.length === 1) return full[0]!;
  return words.length === 1 ? surnameLink(incoming, full) : null;
}

/** How many times more quotes the archive must hold by one namesake than by the next to take a bare surname. */
const DOMINANT_QUOTES_RATIO = 3;

/**
 * "Clinton" with Hillary and Bill Clinton in the archive: the one whose roles the article
 * gives too ("Democratic nominee"), else the one the archive quotes far more often; else no
 * one, and the surname stays a speaker of its own.
 */
function surnameLink(incoming: IncomingSpeaker, full: ArchiveSpeaker[]): ArchiveSpeaker | null {
  const roleWords = (roles: string[]): Set<string> => new Set(roles.flatMap((r) => foldWords(r)).filter((w) => w.length > 3 && w !== 'former'));
  const mine = roleWords(incoming.roles);
  const sharing = full.filter((c) => [...roleWords(c.roles)].some((w) => mine.has(w)));
  if (sharing.length === 1) return sharing[0]!;
  const ranked = [...(sharing.length > 1 ? sharing : full)].sort((a, b) => (b.quotes ?? 0) - (a.quotes ?? 0));
  const [first, second] = ranked;
  return first && (first.quotes ?? 0) >= DOMINANT_QUOTES_RATIO * Math.max(1, second?.quotes ?? 0) ? first : null;
}

/** Which known speaker, if any, the incoming one is. */
export function findLink(incoming: IncomingSpeaker, candidates: ArchiveSpeaker[]): ArchiveSpeaker | null {
  const key = foldKey(incoming.name);
  if (key === '') return null;
  const exact = exactLink(key, candidates);
  if (exact) return exact;
  if ((incoming.type ?? 'person') !== 'person') return null;
  return personLink(incoming, foldWords(key), candidates);
}

const isInitial = (word: string): boolean => word.length === 1;

/**
 * Whether `words` is the fuller name: more words that are not initials; between forms that
 * differ only by initials, the one without ("Donald Trump", not "Donald J. Trump").
 */
function fuller(words: string[], current: string[]): boolean {
  const whole = (ws: string[]): number => ws.filter((w) => !isInitial(w)).length;
  if (whole(words) !== whole(current)) return whole(words) > whole(current);
  return words.filter(isInitial).length < current.filter(isInitial).length;
}

/** Adds `values` not already present by folded form, keeping the first spelling seen. */
function union(base: string[], values: string[], exclude: string): string[] {
  const seen = new Set([foldKey(exclude)]);
  const out: string[] = [];
  for (const value of [...base, ...values]) {
    const key = foldKey(value);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/** The speaker after the incoming one joins `target`; the canonical name is the fullest form, initials aside. */
export function mergeSpeaker(target: ArchiveSpeaker | null, incoming: IncomingSpeaker): ArchiveSpeaker {
  const type = target?.type ?? incoming.type ?? 'person';
  if (!target) {
    const aliases = union([], incoming.aliases, incoming.name);
    const roles = union([], incoming.roles, '');
    return { id: speakerId(incoming.name), name: incoming.name, aliases, roles, type };
  }
  const name = fuller(wordsOf(incoming), wordsOf(target)) ? incoming.name : target.name;
  const aliases = union([target.name, ...target.aliases], [incoming.name, ...incoming.aliases], name);
  const roles = union(target.roles, incoming.roles, '');
  return { id: speakerId(name), name, aliases, roles, type };
}

/** Links one engine speaker against the candidates the store found for it. */
export function linkSpeaker(incoming: IncomingSpeaker, candidates: ArchiveSpeaker[]): SpeakerLink {
  const target = findLink(incoming, candidates);
  return { target, merged: mergeSpeaker(target, incoming) };
}

/** Prefixes of 1 to this many letters are bucket keys; a longer prefix is a range over the terms. */
export const PREFIX_KEY_MAX = 3;
/** Marks a tail key ('$an'): folded text never holds it. */
export const TAIL_MARK = '$';
/** Letters of a name's end that make its tail bucket. */
const TAIL_LENGTH = 2;

/** The forms "did you mean" compares a misspelt query with: the name, the aliases and the surname. */
export function typoForms(speaker: { name: string; aliases: string[] }): string[] {
  return [...new Set([...speakerKeys(speaker), surnameOf(speaker.name)].filter((f) => f !== ''))];
}

/** The tail bucket of a folded name: "erdogan" is in '$an'. */
export function tailKey(form: string): string {
  return TAIL_MARK + form.slice(-TAIL_LENGTH);
}

/**
 * The bucket keys of a speaker, each served by one index range, most quoted first: the first
 * 1-3 letters of every term (autocomplete, and the head of a misspelt name) and the tail of
 * every name form (a misspelt name whose first letters are wrong). Migration 5 computes
 * the same keys in SQL for archives written before it.
 */
export function speakerBucketKeys(speaker: ArchiveSpeaker): string[] {
  const keys = new Set<string>();
  for (const term of speakerTerms(speaker)) for (let n = 1; n <= PREFIX_KEY_MAX; n++) keys.add(term.slice(0, n));
  for (const form of typoForms(speaker)) keys.add(tailKey(form));
  return [...keys];
}

/**
 * What an autocomplete bucket ranks a speaker by: its quote count rounded down to a power of two,
 * none counting as one (a new speaker's keys are written once, before its first quotes are
 * counted). A save rewrites the speaker's bucket rows only when a count crosses a power of two,
 * not on every quote: in a large archive those rows lie scattered over the ranked indexes, and
 * rewriting them on every quote was most of a save's writes. The speakers read from a bucket are
 * then ordered by their exact counts; only which ones make the cut is ranked by rank.
 */
export function rankCount(quotes: number): number {
  return quotes > 1 ? 2 ** Math.floor(Math.log2(quotes)) : 1;
}

/** `rankCount` of an integer SQL expression, in SQLite. */
export const rankCountSqlite = (expr: string): string => `(CASE WHEN ${expr} > 1 THEN 1 << CAST(log2(${expr}) AS INTEGER) ELSE 1 END)`;
/** `rankCount` of an integer SQL expression, in PostgreSQL. */
export const rankCountPg = (expr: string): string => `(CASE WHEN ${expr} > 1 THEN 1 << floor(log(2, (${expr})::numeric))::integer ELSE 1 END)`;
