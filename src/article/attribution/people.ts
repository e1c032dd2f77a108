import { fold, withoutPossessives } from '../text/fold.js';
import { roleHeadIndex, type Mention } from './mentions.js';
import { partitionPoint } from '../text/partition.js';
import { isPlaceTag, lexiconTags } from '../grammar/terms.js';
import { firstNameGender } from '../grammar/wordclass.js';
import { RANKS, OFFICES, ROLE_SYNONYMS } from '../lexicon/titles.js';

/**
 * The registry's working record of a person or body a quote can be given to, with every form
 * it was named by and what resolving "he", "the senator" or "Mrs. Bush" to it needs (folded
 * words, gender, evidence of a person, where it was named). What it resolves becomes a public
 * `Speaker`, and through that an article `Entity` (entities/entity.ts, the one entity model).
 */
export interface Referent {
  index: number;
  name: string;
  /** Folded name words: compared, never shown. */
  words: string[];
  aliases: Set<string>;
  roles: Set<string>;
  organization: boolean;
  gender: 'm' | 'f' | null;
  /** Evidence that it is a person (a title, a role, a quote) rather than a place. */
  person: boolean;
  /** Offsets of the mentions that named it, in order. */
  positions: number[];
}

/**
 * A name as the registry compares it: the one fold (case, accents, punctuation; text/fold.ts)
 * of each word as written, after dropping a possessive. Only spaces part words here:
 * "Mark-Viverito" and "Trump-Clinton" are one word each, so a hyphenated surname is never taken
 * for a first name and a surname ("Erdoğan's" and "Erdogan" still compare equal).
 */
export const nameKey = (s: string): string =>
  withoutPossessives(s)
    .split(/\s+/)
    .map((w) => fold(w).replace(/ /g, ''))
    .filter((w) => w !== '')
    .join(' ');

/** How many role holders a role nominal is compared with: the most recently named ones. */
const ROLE_CANDIDATES_MAX = 64;

/** The entities of one article, built from its name mentions; the fullest form wins. */
export class Registry {
  readonly entities: Referent[] = [];
  /** Name mentions outside quotes in text order: what pronouns look back over. */
  readonly timeline: { at: number; entity: Referent }[] = [];
  private readonly byKey = new Map<string, Referent>();
  private readonly bySurname = new Map<string, Referent[]>();
  private readonly roleHolders: Referent[] = [];

  /**
   * Finds or creates the entity a name mention refers to. A gendered honorific and surname
   * that could be several people of the article ("Mrs. Bush" with Barbara and Laura Bush)
   * is a speaker of its own, under the surname: unresolved, never one of them guessed.
   */
  addName(m: Mention, personHint: boolean, quoted = false): Referent {
    const words = nameKey(m.name!).split(/\s+/);
    const byHonorific = this.byHonorific(words, m);
    if (byHonorific === 'none') return this.unresolved(m, words);
    const entity = byHonorific ?? this.lookup(words, m.organization, m.gender) ?? this.create(m, words);
    if (!m.organization && fuller(words, entity.words)) {
      entity.name = m.name!;
      entity.words = words;
      this.index(entity, words.join(' '));
    }
    this.addAlias(entity, m.name!);
    if (m.alias) this.addAlias(entity, m.alias);
    if (m.role) this.addRole(entity, m.role);
    if (m.gender && !entity.gender) entity.gender = m.gender;
    // Two words name a person unless the lexicon knows them as a place: "he" is never "San Francisco".
    entity.person ||= personHint || Boolean(m.role || m.alias) || (words.length >= 2 && !m.organization && !isPlaceName(m.name!));
    // Names inside a quote are aliases, not the narrative's subjects: "he" never means them.
    if (!quoted) entity.positions.push(m.start);
    return entity;
  }

  /**
   * "Mrs. Trump", "Mr. Clinton": the person of that surname and gender among those the
   * article names in full: the one known to be of that gender (from the article, else from
   * the first name), else the one not known either way while the others are known to be of
   * the other. 'none' when several fit: no guess is made. Null when the mention is not of this kind or no one named
   * in full fits: the plain lookup then finds the surname's own entity, of no other gender.
   */
  private byHonorific(words: string[], m: Mention): Referent | 'none' | null {
    if (!m.alias || !m.gender || words.length !== 1 || m.organization) return null;
    const people = (this.bySurname.get(words[0]!) ?? []).filter((e) => !e.organization && e.words.length > 1);
    // The one person known to be of that gender, else the only one not known not to be.
    const same = people.filter((e) => genderOf(e) === m.gender);
    if (same.length === 1) return same[0]!;
    const open = people.filter((e) => genderOf(e) === null);
    if (same.length > 1 || open.length > 1) return 'none';
    return open[0] ?? null;
  }

  private readonly ambiguous = new Map<string, Referent>();

  /** The one entity of every "Mrs. Bush" that names no one person: kept out of name lookups. */
  private unresolved(m: Mention, words: string[]): Referent {
    const key = `${m.gender ?? ''} ${words.join(' ')}`;
    let entity = this.ambiguous.get(key);
    if (!entity) {
      entity = { index: this.entities.length, name: m.name!, words, aliases: new Set(), roles: new Set(), organization: false, gender: m.gender, person: true, positions: [] };
      this.entities.push(entity);
      this.ambiguous.set(key, entity);
    }
    if (m.alias) entity.aliases.add(m.alias);
    return entity;
  }

  /** Records the pre-pass mention order (text order) for pronoun look-back. */
  mark(entity: Referent, at: number): void {
    this.timeline.push({ at, entity });
  }

  addRole(entity: Referent, role: string): void {
    if (!entity.roles.size) this.roleHolders.push(entity);
    entity.roles.add(role);
  }

  /**
   * The entity named by these folded words: same name, or a surname of one known full name;
   * never one of the other gender ("Michelle Obama" is not the "Mr. Obama" of the article).
   */
  lookup(words: string[], organization = false, gender: 'm' | 'f' | null = null): Referent | null {
    const mine = gender ?? (words.length > 1 ? firstNameGender(words[0]!) : null);
    const fits = (e: Referent): boolean => !mine || !genderOf(e) || genderOf(e) === mine;
    const exact = this.byKey.get(words.join(' '));
    if (exact && fits(exact)) return exact;
    if (organization) return null;
    const candidates = (this.bySurname.get(words[words.length - 1]!) ?? []).filter((e) => !e.organization && compatible(words, e.words) && fits(e));
    if (candidates.length === 0) return null;
    // "Clinton" with Hillary and Bill in the text: the one named most often.
    return candidates.reduce((a, b) => (b.positions.length > a.positions.length ? b : a));
  }

  private addAlias(entity: Referent, alias: string): void {
    if (entity.aliases.has(alias)) return;
    entity.aliases.add(alias);
    this.index(entity, nameKey(alias));
  }

  private index(entity: Referent, key: string): void {
    if (!this.byKey.has(key)) this.byKey.set(key, entity);
    const surname = key.split(' ').pop()!;
    const list = this.bySurname.get(surname) ?? [];
    if (!list.includes(entity)) this.bySurname.set(surname, [...list, entity]);
  }

  private create(m: Mention, words: string[]): Referent {
    const entity: Referent = {
      index: this.entities.length,
      name: m.name!,
      words,
      aliases: new Set(),
      roles: new Set(),
      organization: m.organization,
      gender: null,
      person: false,
      positions: [],
    };
    this.entities.push(entity);
    this.index(entity, words.join(' '));
    return entity;
  }

  /**
   * The person a role nominal names: "the Turkish president" is the one introduced as
   * "Turkish leader Recep Tayyip Erdogan". A conflicting modifier ("Iranian" vs "Russian")
   * rules a person out.
   */
  byRole(m: Mention, before: number): Referent | null {
    let best: { e: Referent; score: number; last: number } | null = null;
    for (const e of this.roleHolders.slice(-ROLE_CANDIDATES_MAX)) {
      if (e.organization) continue;
      const last = lastBefore(e.positions, before);
      const score = Math.max(...[...e.roles].map((r) => roleScore(m, r)), 0);
      if (score <= 0) continue;
      if (!best || score > best.score || (score === best.score && last > best.last)) best = { e, score, last };
    }
    return best?.e ?? null;
  }
}

/** A name the lexicon knows as a place and not as a person's: "San Francisco", "New Mexico". */
const isPlaceName = (name: string): boolean => {
  const tags = lexiconTags(name);
  return tags.some(isPlaceTag) && !tags.some((t) => /Name$|^Person$/.test(t));
};

/** What the article says ("his wife Melania", "Mr."), else what the first name says ("Hillary"). */
function genderOf(e: Referent): 'm' | 'f' | null {
  return e.gender ?? (e.words.length > 1 ? firstNameGender(e.words[0]!) : null);
}

/**
 * "Hillary Clinton" is not "Bill Clinton"; "Tayyip Erdogan" is "Recep Tayyip Erdogan"; middle
 * names and initials are optional: "Donald J. Trump" is "Donald Trump", and "Hillary Rodham
 * Clinton" "Hillary Clinton".
 */
function compatible(words: string[], full: string[]): boolean {
  // "Putin" in a headline, "Vladimir Putin" in the lead: the short form meets the full one.
  if (words.length === 1 || full.length === 1) return true;
  const offset = full.length - words.length;
  if (offset >= 0 && words.every((w, i) => full[i + offset] === w)) return true;
  const [short, long] = words.length <= full.length ? [words, full] : [full, words];
  return short[0] === long[0] && short[short.length - 1] === long[long.length - 1] && isSubsequence(short, long);
}

function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const w of long) if (w === short[i]) i++;
  return i === short.length;
}

const isInitial = (w: string): boolean => w.length === 1;

/**
 * The name an entity shows: the form with the most words that are not initials; between
 * forms that differ only by initials, the one without ("Donald Trump", not "Donald J Trump").
 */
function fuller(words: string[], current: string[]): boolean {
  const whole = (ws: string[]): number => ws.filter((w) => !isInitial(w)).length;
  if (whole(words) !== whole(current)) return whole(words) > whole(current);
  return words.filter(isInitial).length < current.filter(isInitial).length;
}

/** The last position before `before` (positions are in text order). */
export function lastBefore(positions: number[], before: number): number {
  const i = partitionPoint(positions, (p) => p < before);
  return i > 0 ? positions[i - 1]! : -1;
}

function roleScore(m: Mention, role: string): number {
  const roleWords = nameKey(role).split(/\s+/);
  const mine = nameKey(m.role ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const head = m.head ?? '';
  const roleAt = roleHeadIndex(roleWords);
  const mineAt = roleHeadIndex(mine);
  const roleHead = roleWords[roleAt]!;
  let score = head === roleHead ? 2 : synonyms(head, roleHead) ? 1 : 0;
  if (score === 0) return 0;
  // "the secretary of defense" is not the "Secretary of State".
  const [tail, roleTail] = [mine.slice(mineAt + 1).join(' '), roleWords.slice(roleAt + 1).join(' ')];
  // "the president of Judicial Watch" is not whoever is "President": what the role is of must be the same.
  if (tail && tail !== roleTail) return 0;
  const modifiers = mine.slice(0, mineAt);
  const roleModifiers = new Set(roleWords.slice(0, roleAt));
  // "the Prime Minister" is not the "Deputy Prime Minister", "the president" not the "Vice
  // President" nor the "former President": a rank word on one side only is another office. ("the
  // former president" may be the one the article first called "President George W. Bush".)
  if (OFFICES.has(roleHead)) {
    for (const rank of RANKS) if (modifiers.includes(rank) !== roleModifiers.has(rank)) return 0;
    if (roleModifiers.has('former') && !modifiers.includes('former')) return 0;
  }
  for (const w of modifiers) {
    if (roleModifiers.has(w)) score += 2;
    else if (isProperModifier(m, w) && [...roleModifiers].some((r) => isProperWord(role, r))) return 0;
  }
  return score;
}

const synonyms = (a: string, b: string): boolean => ROLE_SYNONYMS.some((g) => g.includes(a) && g.includes(b));

// "Russian" in "the Russian president" is a proper modifier; "senior" is not.
const isProperModifier = (m: Mention, w: string): boolean => m.text.split(/\s+/).some((t) => nameKey(t) === w && /^\p{Lu}/u.test(t));
const isProperWord = (role: string, w: string): boolean =>
  role.split(/\s+/).some((t) => nameKey(t) === w && /^\p{Lu}/u.test(t) && !/^(president|leader|minister|secretary|chief|senator|governor)$/i.test(t));
