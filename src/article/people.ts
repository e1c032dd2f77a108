import { ROLE_SYNONYMS } from './lexicon.js';
import type { Mention } from './mentions.js';

/** A person or organisation of one article, with every form it was named by. */
export interface Entity {
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

/** Folds case, accents and possessives so "Erdoğan" and "Erdogan" compare equal. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim();
}

/** The entities of one article, built from its name mentions; the fullest form wins. */
export class Registry {
  readonly entities: Entity[] = [];

  /** Finds or creates the entity a name mention refers to. */
  addName(m: Mention, personHint: boolean, quoted = false): Entity {
    const words = fold(m.name!).split(/\s+/);
    const found = this.lookup(words, m.organization);
    const entity = found ?? this.create(m, words);
    if (words.length > entity.words.length && !m.organization) {
      entity.name = m.name!;
      entity.words = words;
    }
    entity.aliases.add(m.name!);
    if (m.alias) entity.aliases.add(m.alias);
    if (m.role) entity.roles.add(m.role);
    if (m.gender && !entity.gender) entity.gender = m.gender;
    entity.person ||= personHint || Boolean(m.role || m.alias) || (words.length >= 2 && !m.organization);
    // Names inside a quote are aliases, not the narrative's subjects: "he" never means them.
    if (!quoted) entity.positions.push(m.start);
    return entity;
  }

  /** The entity named by these folded words: same name, or a surname of one known full name. */
  lookup(words: string[], organization = false): Entity | null {
    const key = words.join(' ');
    const exact = this.entities.find((e) => e.words.join(' ') === key || [...e.aliases].some((a) => fold(a) === key));
    if (exact) return exact;
    if (organization) return null;
    const surname = words[words.length - 1]!;
    const candidates = this.entities.filter((e) => !e.organization && e.words[e.words.length - 1] === surname && compatible(words, e.words));
    if (candidates.length === 0) return null;
    // "Clinton" with Hillary and Bill in the text: the one named most often.
    return candidates.reduce((a, b) => (b.positions.length > a.positions.length ? b : a));
  }

  private create(m: Mention, words: string[]): Entity {
    const entity: Entity = {
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
    return entity;
  }

  /**
   * The person a role nominal names: "the Turkish president" is the one introduced as
   * "Turkish leader Recep Tayyip Erdogan". A conflicting modifier ("Iranian" vs "Russian")
   * rules a person out.
   */
  byRole(m: Mention, before: number): Entity | null {
    let best: { e: Entity; score: number; last: number } | null = null;
    for (const e of this.entities) {
      if (e.organization) continue;
      const last = lastBefore(e.positions, before);
      const score = Math.max(...[...e.roles].map((r) => roleScore(m, r)), 0);
      if (score <= 0) continue;
      if (!best || score > best.score || (score === best.score && last > best.last)) best = { e, score, last };
    }
    return best?.e ?? null;
  }
}

/** "Hillary Clinton" is not "Bill Clinton"; "Tayyip Erdogan" is "Recep Tayyip Erdogan". */
function compatible(words: string[], full: string[]): boolean {
  if (words.length === 1) return true;
  const offset = full.length - words.length;
  return offset >= 0 && words.every((w, i) => full[i + offset] === w);
}

function lastBefore(positions: number[], before: number): number {
  let last = -1;
  for (const p of positions) if (p < before) last = p;
  return last;
}

function roleScore(m: Mention, role: string): number {
  const roleWords = fold(role).split(/\s+/);
  const mine = fold(m.role ?? '').split(/\s+/).filter(Boolean);
  const head = m.head ?? '';
  const roleHead = roleWords[roleWords.length - 1]!;
  let score = head === roleHead ? 2 : synonyms(head, roleHead) ? 1 : 0;
  if (score === 0) return 0;
  const modifiers = mine.slice(0, -1);
  const roleModifiers = new Set(roleWords.slice(0, -1));
  for (const w of modifiers) {
    if (roleModifiers.has(w)) score += 2;
    else if (isProperModifier(m, w) && [...roleModifiers].some((r) => isProperWord(role, r))) return 0;
  }
  return score;
}

const synonyms = (a: string, b: string): boolean => ROLE_SYNONYMS.some((g) => g.includes(a) && g.includes(b));

// "Russian" in "the Russian president" is a proper modifier; "senior" is not.
const isProperModifier = (m: Mention, w: string): boolean => m.text.split(/\s+/).some((t) => fold(t) === w && /^\p{Lu}/u.test(t));
const isProperWord = (role: string, w: string): boolean => role.split(/\s+/).some((t) => fold(t) === w && /^\p{Lu}/u.test(t) && !/^(president|leader|minister|secretary|chief|senator|governor)$/i.test(t));
