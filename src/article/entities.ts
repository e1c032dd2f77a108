import { REPORTING_VERBS } from './lexicon.js';
import { findAcronyms } from './acronyms.js';
import { tagTerms, type Term } from './terms.js';
import type { Span } from './types.js';

export type EntityKind = 'person' | 'place' | 'organization';

/** A named entity of the article, canonical, with the other names it goes by. */
export interface Entity {
  kind: EntityKind;
  name: string;
  aliases: string[];
  /** "Turkish leader", "Kremlin spokesperson": the words that introduce a person. */
  roles: string[];
  acronym: string | null;
  /** Offset of the first mention: lists come in the order the article introduces them. */
  first: number;
  mentions: number;
}

/** A raw mention before canonical names are chosen. */
export interface Mention {
  kind: EntityKind;
  text: string;
  start: number;
  end: number;
  role: string | null;
}

// "in Sochi", "from Tehran": a capitalised name after these is a place compromise may miss.
const PLACE_CUE = new Set(['in', 'at', 'from', 'near', 'to', 'into', 'across', 'outside', 'inside', 'toward', 'towards']);
// "talks in Sochi": a sentence past the lead is tagged only when it may name a place.
const PLACED = /\b(?:in|at|from|near|into)\s+(?:the\s+)?\p{Lu}\p{Ll}/u;
/** Words that are capitalised for the calendar, not because they name anything. */
const CALENDAR = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i;
/** "Turkish", "Syrian", "Chinese": alone, a word shaped like a demonym describes; it names no body. */
const DEMONYM_LIKE = /(?:ish|ian|ese|ean|ic)$/;
/** "Mr", "Mrs": courtesy titles are how a paper addresses someone, not a role. */
const COURTESY = /^(?:mr|mrs|ms|miss|mx|sir|dame|madam|mister)\.?$/i;
/** Inside a name, only these lower-case words may join capitalised ones: "Bank of England". */
const CONNECTOR = /^(?:of|for|and|de|du|la|del|van|von|bin|al|the)$/;

/**
 * Finds people, places and organisations: compromise's tags for the lead of the article,
 * then our own layer for what it misses (acronyms with their expansions, names that only a
 * cue word reveals), then canonical names: "Putin" and "Mr Putin" join "Vladimir Putin".
 */
export function findEntities(text: string, from: number, sentences: Span[] = [], title: Span | null = null): Entity[] {
  const terms = tagTerms(text, from, sentences.filter((s) => PLACED.test(text.slice(s.start, s.end))), title);
  const acronyms = findAcronyms(text, from);
  const mentions = [...taggedMentions(text, terms), ...cuedMentions(text, terms)].filter(
    (m) => !acronyms.some((a) => m.start < a.end && a.start < m.end),
  );
  return canonical([...acronyms.map((a) => a.mention), ...mentions], acronyms);
}

/** Runs of words compromise tagged Person, Place or Organization, with the role before a person. */
function taggedMentions(text: string, terms: Term[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < terms.length; i++) {
    const kind = kindOf(terms[i]!);
    if (!kind) continue;
    let j = i;
    // "Mazar-e-Sharif": a hyphen carries the name through a lower-case particle.
    while (j + 1 < terms.length && joined(terms[j]!) && (continues(kind, terms[j + 1]!) || hyphenParticle(terms, j))) j++;
    const run = terms.slice(i, j + 1);
    const mention = toMention(text, placeByCue(kind, run, terms[i - 1]), run, terms, i);
    if (mention) out.push(mention);
    i = j;
  }
  return out;
}

/** "Al-Qaeda" is two words to compromise, joined by the hyphen after the first. */
function joined(t: Term): boolean {
  return t.post === '' || t.post === '-';
}

/**
 * A name goes on through words of its kind; a person's also through the capitalised words
 * after a first name compromise knows ("Recep[FirstName] Tayyip Erdogan").
 */
function continues(kind: EntityKind, next: Term): boolean {
  const k = kindOf(next);
  if (k === kind) return true;
  return kind === 'person' && k === null && isNameWord(next) && !next.tags.has('Actor');
}

/** "Mazar-e-Sharif" carries on through "e"; "UK-only" stops at "only". */
function hyphenParticle(terms: Term[], j: number): boolean {
  const next = terms[j + 1];
  const after = terms[j + 2];
  if (terms[j]!.post !== '-' || !next) return false;
  return /^\p{Lu}/u.test(next.text) || (next.post === '-' && !!after && /^\p{Lu}/u.test(after.text));
}

/** "into Turkey": a one-word "person" after a place cue is the place compromise mistook. */
function placeByCue(kind: EntityKind, run: Term[], before: Term | undefined): EntityKind {
  if (kind !== 'person' || run.length > 1 || !before || before.post) return kind;
  return PLACE_CUE.has(before.text.toLowerCase()) ? 'place' : kind;
}

function kindOf(t: Term): EntityKind | null {
  // "Turkish", "Syrian": a demonym describes; it names no one.
  if (!/^\p{Lu}/u.test(t.text) || CALENDAR.test(t.text) || t.tags.has('Demonym')) return null;
  if (t.tags.has('Person')) return 'person';
  if (t.tags.has('Place')) return 'place';
  if (t.tags.has('Organization')) return 'organization';
  return null;
}

/** Honorifics ("President", "Mr") leave the name and become the role. */
function toMention(text: string, kind: EntityKind, run: Term[], terms: Term[], at: number): Mention | null {
  let k = 0;
  while (kind === 'person' && k < run.length - 1 && run[k]!.tags.has('Honorific')) k++;
  const name = run.slice(k);
  const first = name[0]!;
  const last = name[name.length - 1]!;
  // A lone sentence-initial word is capitalised for the sentence, not as a name.
  if (name.length === 1 && first.sentenceStart && !first.tags.has('Person')) return null;
  const honor = run.slice(0, k).map((t) => t.text).filter((w) => !COURTESY.test(w)).join(' ');
  const role = kind === 'person' ? roleBefore(terms, at, honor) : null;
  return { kind, text: clean(text.slice(first.start, last.end)), start: first.start, end: last.end, role };
}

/** "Turkish leader Recep…", "Iranian President Hassan…", "Kremlin spokesperson Dmitry…". */
function roleBefore(terms: Term[], at: number, honor: string): string | null {
  const words: string[] = honor ? [honor] : [];
  let i = at - 1;
  if (!honor && i >= 0 && terms[i]!.tags.has('Actor') && !terms[i]!.post && !terms[i]!.tags.has('Person')) words.unshift(terms[i--]!.text);
  if (words.length === 0) return null;
  const before = terms[i];
  // "Iranian President", "Kremlin spokesperson"; "New York Mr Trump" has no role in "York".
  const qualifier = honor ? /Demonym|Adjective/ : /Demonym|Adjective|Organization|ProperNoun/;
  if (before && !before.post && qualifier.test([...before.tags].join(' ')) && !before.tags.has('Place')) words.unshift(before.text);
  return clean(words.join(' '));
}

/** Capitalised names compromise left untagged, classified by the word before or after them. */
function cuedMentions(text: string, terms: Term[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (kindOf(t) || !isNameWord(t) || t.sentenceStart) continue;
    let j = i;
    while (j + 1 < terms.length && joined(terms[j]!) && isNameWord(terms[j + 1]!) && !kindOf(terms[j + 1]!)) j++;
    const kind = cueKind(terms, i, j);
    if (kind) out.push({ kind, text: clean(text.slice(t.start, terms[j]!.end)), start: t.start, end: terms[j]!.end, role: null });
    i = j;
  }
  return out;
}

function isNameWord(t: Term): boolean {
  return /^\p{Lu}[\p{L}'’-]+$/u.test(t.text) && !CALENDAR.test(t.text) && t.tags.has('ProperNoun');
}

function cueKind(terms: Term[], i: number, j: number): EntityKind | null {
  const before = terms[i - 1];
  const after = terms[j + 1];
  if (i === j && DEMONYM_LIKE.test(terms[i]!.text)) return null;
  // "Kremlin spokesperson Dmitry Peskov", "Taliban bomber": a name that qualifies a role noun is a body.
  if (after && !terms[j]!.post && after.tags.has('Actor') && !/^\p{Lu}/u.test(after.text)) return 'organization';
  // "the Daily Sabah reported": a capitalised name that reports is a publication or a body.
  if (before?.text.toLowerCase() === 'the' && after && REPORTING_VERBS.has(after.text.toLowerCase())) return 'organization';
  if (before && !before.post && PLACE_CUE.has(before.text.toLowerCase()) && j - i < 2) return 'place';
  return null;
}

/** Strips brackets, possessives and stray punctuation: "[Putin]" → "Putin", "Turkey’s" → "Turkey". */
export function clean(name: string): string {
  return name.replace(/^[\s[("'“‘]+|[\s\])"'”’.,;:!?]+$/g, '').replace(/['’]s$/, '').replace(/\s+/g, ' ');
}

/** Merges mentions into entities: a surname or a shorter form joins the fuller name it ends. */
function canonical(mentions: Mention[], acronyms: { acronym: string; mention: Mention }[]): Entity[] {
  const entities: Entity[] = [];
  const sorted = [...mentions].sort((a, b) => b.text.split(' ').length - a.text.split(' ').length || a.start - b.start);
  for (const m of sorted) {
    if (!isName(m.text)) continue;
    const same = entities.find((e) => sameEntity(e, m));
    if (same) {
      same.mentions++;
      same.first = Math.min(same.first, m.start);
      if (!same.aliases.includes(m.text)) same.aliases.push(m.text);
      if (m.role && !same.roles.includes(m.role)) same.roles.push(m.role);
      continue;
    }
    const acronym = acronyms.find((a) => a.mention === m)?.acronym ?? null;
    entities.push({ kind: m.kind, name: m.text, aliases: [m.text], roles: m.role ? [m.role] : [], acronym, first: m.start, mentions: 1 });
  }
  return entities.filter((e) => !shadowed(e, entities)).sort((a, b) => a.first - b.first);
}

/** Every word capitalised or a name particle: "Syrian government" is a description, not a name. */
export function isName(text: string): boolean {
  const words = text.replace(/\s*\([^()]*\)$/, '').split(' ');
  if (words.length === 1 && DEMONYM_LIKE.test(words[0]!)) return false;
  return /\p{Lu}/u.test(text) && words.every((w) => /^\p{Lu}/u.test(w) || CONNECTOR.test(w) || /^\p{Ll}{1,3}-\p{Lu}/u.test(w));
}

function sameEntity(e: Entity, m: Mention): boolean {
  if (e.name === m.text || e.aliases.includes(m.text) || e.acronym === m.text) return true;
  if (e.kind !== m.kind || e.kind !== 'person') return false;
  // "Putin" is "Vladimir Putin"; "Mr Putin" was stripped to "Putin" already.
  return e.name.endsWith(` ${m.text}`);
}

/** A one-word person that is also a place or organisation is the place ("Jordan" said nothing). */
function shadowed(e: Entity, all: Entity[]): boolean {
  if (e.kind !== 'person' || e.name.includes(' ')) return false;
  return all.some((o) => o !== e && o.kind !== 'person' && o.aliases.includes(e.name));
}
