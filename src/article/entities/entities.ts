import { REPORTING_VERBS } from '../lexicon/lexicon.js';
import { findAcronyms } from './acronyms.js';
import { clubs } from './clubs.js';
import { clean, structuralMentions } from './structural-mentions.js';
import { isDemonymOfPlace, lexiconTags, tagTerms, type Term } from '../grammar/terms.js';
import type { Span } from '../types.js';
import type { Entity, EntityKind, NameSpan } from './entity.js';
import { NAME_JOINING_WORDS } from '../lexicon/names.js';
import { oneOf, alternation } from '../lexicon/words.js';
import { COURTESY_TITLES, ROLE_NOUNS, TITLES } from '../lexicon/titles.js';
import { CALENDAR_WORDS } from '../lexicon/calendar.js';
import { PLACE_CUE_PREPOSITIONS, PLACING_PREPOSITIONS } from '../lexicon/prepositions.js';
import { NOUN_BEFORE_VERBS } from '../lexicon/verbs.js';
import { CLUB_WORDS } from '../lexicon/sports.js';
import { COMPASS, COUNTRY_ABBREVIATIONS, EVENT_WORDS, FACILITY_NOUNS, PLACE_ABBREVIATIONS } from '../lexicon/places.js';
import { DESIGNATORS, ORG_WORDS } from '../lexicon/organizations.js';

// "talks in Sochi", "two bars in the UK": a sentence past the lead is tagged only when it may name a place.
const PLACED = new RegExp(String.raw`\b(?:${alternation(PLACING_PREPOSITIONS)})\s+(?:the\s+)?\p{Lu}(?:\p{Ll}|\.?\p{Lu}\b)`, 'u');
const NOUN_BEFORE_VERB = oneOf(NOUN_BEFORE_VERBS, 'i');
const CALENDAR = oneOf(CALENDAR_WORDS, 'i');
/** "Turkish", "Syrian", "Chinese": alone, a word shaped like a demonym describes; it names no body. */
const DEMONYM_LIKE = /(?:ish|ian|ese|ean|ic)$/;
const COURTESY = new RegExp(`^(?:${alternation(COURTESY_TITLES)})\\.?$`, 'i');
const CONNECTOR = oneOf(NAME_JOINING_WORDS);

/**
 * Finds people, places and organisations: compromise's tags for the lead of the article,
 * then our own layer for what it misses (acronyms with their expansions, names that only a
 * cue word reveals), then canonical names: "Putin" and "Mr Putin" join "Vladimir Putin".
 */
export function findEntities(text: string, from: number, sentences: Span[] = [], title: Span | null = null): Entity[] {
  const terms = tagTerms(
    text,
    from,
    sentences.filter((s) => PLACED.test(text.slice(s.start, s.end))),
    title,
  );
  const acronyms = findAcronyms(text, from);
  const structural = structuralMentions(text, from);
  const tagged = [...taggedMentions(text, terms), ...cuedMentions(text, terms)].filter((m) => !structural.some((s) => m.start < s.end && s.start < m.end));
  const mentions = [...structural, ...tagged].filter((m) => !acronyms.some((a) => m.start < a.end && a.start < m.end));
  const found = [...acronyms.map((a) => a.mention), ...mentions];
  const places = found.filter((m) => m.kind === 'place').map((m) => m.text);
  // "Serb officials", "the Yugoslav news agency": the people of a place are no body.
  const all = joinOf(text, found)
    .map(countryAbbreviation)
    .filter((m) => !fragment(text, m) && !(m.kind !== 'person' && !m.text.includes(' ') && isDemonymOfPlace(m.text, places)));
  const clubNames = clubs(text, all, terms);
  return canonical(all, acronyms).map((e) => (e.kind === 'place' && e.aliases.some((a) => clubNames.has(a.toLowerCase())) ? { ...e, kind: 'organization' } : e));
}

/** "National Bank" + "of" + "Poland": a body's name runs on through "of" and the place it is of. */
function joinOf(text: string, mentions: NameSpan[]): NameSpan[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const out: NameSpan[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    const next = sorted[i + 1];
    const head = m.text.split(' ').pop()!.toLowerCase();
    const body = m.kind !== 'person' && ORG_WORDS.has(head) && !DESIGNATORS.has(head);
    if (body && next && next.kind !== 'person' && /^ of (?:the )?$/.test(text.slice(m.end, next.start))) {
      out.push({ kind: 'organization', text: clean(text.slice(m.start, next.end)), start: m.start, end: next.end, role: null });
      i++;
      continue;
    }
    // "Chicago Board of Trade", "League of Women Voters": the words after "of" need not be a name of their own.
    const of = body ? /^ of (?:the )?(?:\p{Lu}[\p{L}'’-]+)(?: \p{Lu}[\p{L}'’-]+){0,2}/u.exec(text.slice(m.end, m.end + 60)) : null;
    const end = of ? m.end + of[0].length : m.end;
    out.push(of && !(next && next.start < end) ? { kind: 'organization', text: clean(text.slice(m.start, end)), start: m.start, end, role: null } : m);
  }
  return out;
}

/** "U.S. Treasuries": compromise makes a body of the country that qualifies one. */
function countryAbbreviation(m: NameSpan): NameSpan {
  // "West Bank", "Northern Ireland": a name that opens on a direction is a place.
  if (m.kind === 'organization' && COMPASS.has(m.text.split(' ')[0]!.toLowerCase()) && m.text.includes(' ')) return { ...m, kind: 'place' };
  return m.kind === 'organization' && COUNTRY_ABBREVIATIONS.has(m.text.replace(/\./g, '').toLowerCase()) ? { ...m, kind: 'place' } : m;
}

/**
 * Pieces of a longer name cut by punctuation compromise split on: "Co" and "Inc" of
 * "A.G. Edwards & Sons Co Inc", a lone "St" or "East".
 */
function fragment(text: string, m: NameSpan): boolean {
  const words = m.text.toLowerCase().replace(/\./g, '').split(/[ -]/);
  // "Toronto Bond Traders' Association", "the State Department": the generic head of a name split before it.
  if (words.length === 1 && ORG_WORDS.has(words[0]!) && /\p{Lu}[\p{L}'’]*\s+$/u.test(text.slice(Math.max(0, m.start - 30), m.start))) return true;
  if (m.kind === 'organization' && DESIGNATORS.has(words[0]!)) return true;
  // "Kia | Motor Corp": a body's name right after another capitalised word inside a sentence is the tail of a name split in two.
  const before = /[\p{Ll},] (\p{Lu}[\p{L}.'’-]*) $/u.exec(text.slice(Math.max(0, m.start - 30), m.start))?.[1];
  const qualifier = (w: string) => DEMONYM_LIKE.test(w) || CALENDAR.test(w) || /-\p{Ll}+$|^\p{Lu}+$/u.test(w) || lexiconTags(w).includes('Demonym');
  if (m.kind === 'organization' && before && !qualifier(before)) return true;
  return words.length === 1 && (PLACE_ABBREVIATIONS.has(words[0]!) || COMPASS.has(words[0]!) || DESIGNATORS.has(words[0]!));
}

/** Runs of words compromise tagged Person, Place or Organization, with the role before a person. */
function taggedMentions(text: string, terms: Term[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (let i = 0; i < terms.length; i++) {
    const kind = kindOf(terms[i]!);
    if (!kind) continue;
    let j = i;
    // "Mazar-e-Sharif": a hyphen carries the name through a lower-case particle.
    // "India's Leander Paes": a possessive ends the name.
    while (j + 1 < terms.length && joined(terms[j]!) && !/['’]s$/.test(terms[j]!.text) && (continues(kind, terms[j]!, terms[j + 1]!) || hyphenParticle(terms, j))) j++;
    // "East Jerusalem": a capitalised direction before a place is part of its name.
    const before = terms[i - 1];
    const opener = before && joined(before) && /^\p{Lu}/u.test(before.text) && (COMPASS.has(before.text.toLowerCase()) || CLUB_WORDS.has(before.text.toLowerCase()));
    // "European Union", "Russian Federation", "British Transport Police": a people's name before a body's
    // name of one or two words that ends on its generic head is part of the name.
    const people =
      before &&
      joined(before) &&
      (isDemonym(before) || DEMONYM_LIKE.test(before.text)) &&
      /^\p{Lu}/u.test(before.text) &&
      j - i <= 1 &&
      ORG_WORDS.has(terms[j]!.text.toLowerCase());
    // "Nasser Hussain", "Payne Stewart": an untagged capitalised word before a name compromise knows is its first name.
    const given =
      kind === 'person' &&
      before &&
      joined(before) &&
      !kindOf(before) &&
      isNameWord(before) &&
      !before.tags.has('Actor') &&
      !isDemonym(before) &&
      !TITLES.has(before.text.toLowerCase()) &&
      !plainWord(before.text);
    let from = (kind === 'place' && opener) || people || given ? i - 1 : i;
    // "TD Securities Inc", "California Avocado Commission": a firm's name begins before the words compromise knew.
    while (kind === 'organization' && from > 0 && i - from < 3 && firmWord(terms[from - 1]!)) from--;
    const run = terms.slice(from, j + 1);
    const mention = toMention(text, placeByCue(kind, run, terms[i - 1]), run, terms, i);
    if (mention) out.push(mention);
    i = j;
  }
  return out;
}

/** "Al-Qaeda" is two words to compromise, joined by the hyphen after the first. */
function joined(t: Term): boolean {
  // "St. Louis": the full stop of an abbreviation that opens a place does not end it.
  return t.post === '' || t.post === '-' || (t.post === '.' && PLACE_ABBREVIATIONS.has(t.text.toLowerCase()));
}

/**
 * A name goes on through words of its kind; a person's also through the capitalised words
 * after a first name compromise knows ("Recep[FirstName] Tayyip Erdogan").
 */
function continues(kind: EntityKind, current: Term, next: Term): boolean {
  const k = kindOf(next);
  if (k === kind) return true;
  // "Manchester United", "Norwich City": a club goes on through the word that makes it one.
  if (kind === 'place' && /^\p{Lu}/u.test(next.text) && CLUB_WORDS.has(next.text.toLowerCase())) return true;
  // "Mark Butcher", "Alain Juppe's government": after a first name a capitalised word is the surname, whatever else it may be.
  if (kind === 'person' && current.tags.has('FirstName') && isNameWord(next) && !next.tags.has('Honorific')) return true;
  // "Las Vegas": a place goes on through a capitalised noun compromise left untagged ("Hong Kong Financial" does not).
  // A place compromise knows whole ("Washington") ends there: "Washington View Photos" is no place.
  if (kind === 'place') {
    const whole = lexiconTags(current.text).some((t) => t === 'City' || t === 'Country' || t === 'Region');
    return !whole && k === null && isNameWord(next) && ![...next.tags].some((t) => t !== 'Noun' && t !== 'ProperNoun' && t !== 'Singular');
  }
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
  return PLACE_CUE_PREPOSITIONS.has(before.text.toLowerCase()) ? 'place' : kind;
}

function kindOf(t: Term): EntityKind | null {
  // "Turkish", "Syrian": a demonym describes; it names no one.
  if (!/^\p{Lu}/u.test(t.text) || CALENDAR.test(t.text) || isDemonym(t)) return null;
  if (t.tags.has('Person')) return 'person';
  if (t.tags.has('Place')) return 'place';
  if (t.tags.has('Organization')) return 'organization';
  return null;
}

/** "German government": compromise's lexicon knows "German" as a demonym even where its tagger made it a body. */
function isDemonym(t: Term): boolean {
  return t.tags.has('Demonym') || lexiconTags(t.text.replace(/['’]s$/, '')).includes('Demonym');
}

/** Honorifics ("President", "Mr") leave the name and become the role. */
function toMention(text: string, kind: EntityKind, run: Term[], terms: Term[], at: number): NameSpan | null {
  let k = 0;
  while (kind === 'person' && k < run.length - 1 && run[k]!.tags.has('Honorific')) k++;
  // "Jewish West Bank", "American Olympic": a people's adjective before a name is no part of it, unless the rest is a bare head ("European Union").
  // "British Transport Police" too: a body's name of two words after it, ending on its head.
  // (Not "Jewish West Bank": a compass word makes the rest a place.)
  const bareHead = (run.length - k === 2 || run.length - k === 3) && ORG_WORDS.has(run[run.length - 1]!.text.toLowerCase()) && !run.some((t) => COMPASS.has(t.text.toLowerCase()));
  // "Mo.-based Commerce Bancshares": a compound that qualifies the name is no part of it.
  while (k < run.length - 1 && /-\p{Ll}+$/u.test(run[k]!.text)) k++;
  while (kind !== 'person' && k < run.length - 1 && !bareHead && (isDemonym(run[k]!) || DEMONYM_LIKE.test(run[k]!.text))) k++;
  const name = run.slice(k);
  const first = name[0]!;
  const last = name[name.length - 1]!;
  // A lone sentence-initial word is capitalised for the sentence, not as a name.
  if (name.length === 1 && first.sentenceStart && !first.tags.has('Person')) return null;
  // "Hector "Macho" Camacho", "Gov." on its own: a first name or a title alone is a piece of a name.
  const cut = /^\s*["“(]|^\s+\p{Lu}/u.test(text.slice(last.end, last.end + 3));
  if (kind === 'person' && name.length === 1 && ((onlyFirstName(first) && cut) || TITLES.has(first.text.toLowerCase()))) return null;
  // "Moscow-based", "pro-Moscow", "Amman-bound": a name inside a compound word describes something else.
  if (/^-\p{Ll}/u.test(text.slice(last.end, last.end + 2)) || /(?:^|[^\p{L}])\p{Ll}+-$/u.test(text.slice(Math.max(0, first.start - 8), first.start))) return null;
  // "State Department", "Central Jakarta District Court": a place's name that ends on a body's word is the body.
  // (Not "White House", which compromise knows as a place word by word.)
  if (kind === 'place' && name.length > 1 && ORG_WORDS.has(last.text.toLowerCase()) && !name.every((t) => t.tags.has('Place'))) kind = 'organization';
  // "Texas Open", "Atlanta Games": an event, which the lists do not hold.
  // (Also when compromise stopped the name before the event's word: "the 1994 Texas | Open".)
  const nextWord = /^ (\p{Lu}\p{Ll}+)/u.exec(text.slice(last.end, last.end + 20))?.[1]?.toLowerCase();
  if (kind !== 'person' && ((name.length > 1 && EVENT_WORDS.has(last.text.toLowerCase())) || (nextWord && EVENT_WORDS.has(nextWord)))) return null;
  const honor = run
    .slice(0, k)
    .map((t) => t.text)
    .filter((w) => !COURTESY.test(w))
    .join(' ');
  const role = kind === 'person' ? roleBefore(terms, at, honor) : null;
  const whole = clean(text.slice(first.start, last.end));
  const trimmed = kind === 'person' ? trimPersonName(whole) : whole;
  const start = first.start + Math.max(0, whole.indexOf(trimmed));
  return { kind, text: trimmed, start, end: start + trimmed.length, role };
}

/** A capitalised word that may open a firm's name: no people's adjective, title, person or sentence opener. */
function firmWord(t: Term): boolean {
  if (!joined(t) || /['’]s$/.test(t.text) || isDemonym(t) || TITLES.has(t.text.toLowerCase()) || t.tags.has('Person')) return false;
  // "TD Securities": capitals are an acronym unless they spell a function word ("FOR FIFA" in a headline).
  if (/^\p{Lu}{2,5}$/u.test(t.text)) return !lexiconTags(t.text).some((x) => /Preposition|Determiner|Conjunction|Pronoun|Tense|Copula|Adverb/.test(x));
  return isNameWord(t) && !t.sentenceStart && !t.tags.has('Actor');
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'Person', 'LastName', 'ProperNoun', 'Place', 'Country', 'City', 'Region', 'Organization', 'Honorific']);

/** "Did", "And", "Comedian": a word compromise's lexicon knows, and not as a name. */
function plainWord(word: string): boolean {
  const tags = lexiconTags(word.replace(/['’]s$/, ''));
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}

/** Word classes that never open a person's name ("Max", "Rose", "Will" may). */
const STRAY_TAGS = new Set([
  'Conjunction',
  'Preposition',
  'Determiner',
  'Pronoun',
  'PastTense',
  'PresentTense',
  'Infinitive',
  'Gerund',
  'Copula',
  'Adverb',
  'Actor',
  'Adjective',
  'QuestionWord',
]);

/** Word classes that never close a person's name. */
const TRAILING_TAGS = new Set(['Pronoun', 'Determiner', 'Conjunction', 'Preposition', 'Infinitive', 'PresentTense', 'PastTense', 'Gerund', 'Copula']);

/**
 * A person's name without the stray words glued before it: "Did Hillary Clinton", "GETTY
 * Obama", "Comedian Ricky Gervais", "Mark Smith They" → "Hillary Clinton", "Obama",
 * "Ricky Gervais", "Mark Smith". Only words that cannot be names go, and never the last one.
 */
export function trimPersonName(name: string): string {
  const words = name.split(' ');
  let a = 0;
  let b = words.length;
  const stray = (w: string) => lexiconTags(w).some((t) => STRAY_TAGS.has(t)) || (/^\p{Lu}{3,}$/u.test(w) && words.some((x) => /\p{Ll}/u.test(x)));
  while (b - a > 1 && stray(words[a]!) && !TITLES.has(words[a]!.toLowerCase())) a++;
  // "Mark Smith They", "Barbara Kingsolver Read": a pronoun or a verb after the name is the sentence going on.
  while (b - a > 1 && lexiconTags(words[b - 1]!).some((t) => TRAILING_TAGS.has(t))) b--;
  return words.slice(a, b).join(' ');
}

/** "Jim", "Hector": compromise knows the word only as a first name. */
function onlyFirstName(t: Term): boolean {
  return t.tags.has('FirstName') && !lexiconTags(t.text).some((x) => x !== 'FirstName' && x !== 'MaleName' && x !== 'FemaleName');
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
function cuedMentions(text: string, terms: Term[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (kindOf(t) || !isNameWord(t) || t.sentenceStart) continue;
    let j = i;
    // "Mazar-i-Sharif": a hyphen carries the name through a lower-case particle here too.
    while (j + 1 < terms.length && joined(terms[j]!) && ((isNameWord(terms[j + 1]!) && !kindOf(terms[j + 1]!)) || hyphenParticle(terms, j))) j++;
    const kind = cueKind(text, terms, i, j);
    if (kind) out.push({ kind, text: clean(text.slice(t.start, terms[j]!.end)), start: t.start, end: terms[j]!.end, role: null });
    i = j;
  }
  return out;
}

function isNameWord(t: Term): boolean {
  return /^\p{Lu}[\p{L}'’-]+$/u.test(t.text) && !CALENDAR.test(t.text) && t.tags.has('ProperNoun');
}

function cueKind(text: string, terms: Term[], i: number, j: number): EntityKind | null {
  const before = terms[i - 1];
  const after = terms[j + 1];
  if (i === j && (DEMONYM_LIKE.test(terms[i]!.text) || isDemonym(terms[i]!))) return null;
  // "Kremlin spokesperson Dmitry Peskov", "Taliban bomber": a name that qualifies a role noun is a body.
  const adjacent = after && !terms[j]!.post && /^\s+$/.test(text.slice(terms[j]!.end, after.start));
  // ("Moslem nationalist party": "nationalist" is no office, and "Moslem" no body.)
  const office = after && (ROLE_NOUNS.has(after.text.toLowerCase()) || TITLES.has(after.text.toLowerCase()));
  if (adjacent && office && after.tags.has('Actor') && !/^\p{Lu}/u.test(after.text)) return 'organization';
  // "the Daily Sabah reported": a capitalised name that reports is a publication or a body.
  // "The Taliban has claimed", "the Sutton Trust warns": a name after "the" that acts is a body.
  if (before?.text.toLowerCase() === 'the' && after && (REPORTING_VERBS.has(after.text.toLowerCase()) || NOUN_BEFORE_VERB.test(after.text))) return 'organization';
  if (before && !before.post && PLACE_CUE_PREPOSITIONS.has(before.text.toLowerCase()) && !/\s\S+\s/.test(text.slice(terms[i]!.start, terms[j]!.end))) return 'place';
  return facilityOf(terms, i, j) ? 'place' : null;
}

/**
 * "near the Sandilands stop", "at the Sandilands commuter train stop": a name between "the"
 * after a place cue and a facility noun, with at most two plain nouns between, names a place.
 */
function facilityOf(terms: Term[], i: number, j: number): boolean {
  const the = terms[i - 1];
  const cue = terms[i - 2];
  if (the?.text.toLowerCase() !== 'the' || !cue || cue.post || the.post || !PLACE_CUE_PREPOSITIONS.has(cue.text.toLowerCase())) return false;
  for (let k = j + 1; k <= j + 3 && k < terms.length; k++) {
    const t = terms[k]!;
    if (!/^\p{Ll}+$/u.test(t.text)) return false;
    if (FACILITY_NOUNS.has(t.text)) return true;
    if (t.post) return false;
  }
  return false;
}

/** Merges mentions into entities: a surname or a shorter form joins the fuller name it ends. */
function canonical(mentions: NameSpan[], acronyms: { acronym: string; mention: NameSpan }[]): Entity[] {
  const entities: Entity[] = [];
  const sorted = [...mentions].sort((a, b) => b.text.split(' ').length - a.text.split(' ').length || a.start - b.start);
  for (const m of sorted) {
    if (!isName(m.text)) continue;
    const same = entities.find((e) => sameEntity(e, m));
    if (same) {
      same.mentions++;
      if (isCapitals(same.name) && !isCapitals(m.text) && same.name.toLowerCase() === m.text.toLowerCase()) same.name = m.text;
      same.first = Math.min(same.first, m.start);
      if (!same.aliases.includes(m.text)) same.aliases.push(m.text);
      if (m.role && !same.roles.includes(m.role)) same.roles.push(m.role);
      continue;
    }
    const acronym = acronyms.find((a) => a.mention === m)?.acronym ?? null;
    entities.push({ kind: m.kind, name: m.text, aliases: [m.text], roles: m.role ? [m.role] : [], acronym, first: m.start, mentions: 1 });
  }
  return entities.filter((e) => !shadowed(e, entities) && listable(e.name)).sort((a, b) => a.first - b.first);
}

function isCapitals(name: string): boolean {
  return !/\p{Ll}/u.test(name);
}

/**
 * Whether a name belongs in the lists at all: not a title alone ("President", "Mr"), an event
 * ("World Series", "Election Day"), a compound ("UK-only") or a handle ("Twitter/Ladygaga").
 */
export function listable(name: string): boolean {
  const words = name.replace(/\s*\([^()]*\)$/, '').split(' ');
  const last = words[words.length - 1]!.toLowerCase();
  if (
    words.every((w) =>
      TITLES.has(
        w
          .toLowerCase()
          .replace(/\.$/, '')
          .replace(/-elect$/, ''),
      ),
    )
  )
    return false;
  if (words.length > 1 && EVENT_WORDS.has(last)) return false;
  // "Friends said", "Investigators believe", "Having": a plain word that opened a sentence.
  if (words.length === 1 && plainWord(words[0]!) && !/^\p{Lu}+$/u.test(words[0]!)) return false;
  return !/-\p{Ll}+$|\//u.test(name);
}

/** Every word capitalised or a name particle: "Syrian government" is a description, not a name. */
export function isName(text: string): boolean {
  const words = text.replace(/\s*\([^()]*\)$/, '').split(' ');
  if (words.length === 1 && (DEMONYM_LIKE.test(words[0]!) || lexiconTags(words[0]!).some((t) => t === 'Demonym' || t === 'Adjective'))) return false;
  // "South Korean", "American Olympic": a name that ends on a people's adjective describes.
  if (words.length > 1 && lexiconTags(words[words.length - 1]!).includes('Demonym')) return false;
  return /\p{Lu}/u.test(text) && words.every((w) => /^\p{Lu}/u.test(w) || CONNECTOR.test(w) || w === '&' || /^\p{Ll}{1,3}-\p{Lu}/u.test(w));
}

function sameEntity(e: Entity, m: NameSpan): boolean {
  if (e.name === m.text || e.aliases.includes(m.text) || e.acronym === m.text) return true;
  // "LONDON 1996-08-30" and "London", a headline in capitals and the text: one name.
  const lower = m.text.toLowerCase();
  if ((isCapitals(m.text) || isCapitals(e.name)) && e.aliases.some((a) => a.toLowerCase() === lower)) return true;
  if (e.kind !== m.kind || e.kind !== 'person') return false;
  // "Putin" is "Vladimir Putin"; "Mr Putin" was stripped to "Putin" already.
  return e.name.endsWith(` ${m.text}`);
}

/** A one-word person that is also a place or organisation is the place ("Jordan" said nothing). */
function shadowed(e: Entity, all: Entity[]): boolean {
  if (e.name.includes(' ')) return false;
  // "Mubarak's government", "Gaddafi's airforce": the possessive made a body of the person named in full.
  if (e.kind !== 'person') return all.some((o) => o.kind === 'person' && o.name.endsWith(` ${e.name}`));
  return all.some((o) => o !== e && o.kind !== 'person' && o.aliases.includes(e.name));
}
