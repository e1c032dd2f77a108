import { ANONYMOUS, DETERMINERS, NOT_NAME_WORDS, PRONOUNS, SPEECH_VERBS } from '../lexicon/lexicon.js';
import { isHeadNoun } from '../grammar/nominals.js';
import { isPlaceTag, lexiconTags } from '../grammar/terms.js';
import { isCommonNoun, isDescriptor, isFirstName, isFunctionWord, isVerbForm } from '../grammar/wordclass.js';
import { bareWord, type Phrase } from '../grammar/phrases.js';
import { isInitials, type Token } from '../grammar/tokens.js';
import { QUANTIFIERS } from '../lexicon/determiners.js';
import { PARTY_MEMBER_WORDS, GENDERED, HONORIFICS, PARTY_LABELS, PARTY_TAG, ROLE_NOUNS, TITLES } from '../lexicon/titles.js';
import { oneOf } from '../lexicon/words.js';
import { ORG_WORDS, PHOTO_CREDITS } from '../lexicon/organizations.js';

export type MentionKind = 'pronoun' | 'name' | 'nominal';

/** What a phrase says about who it names. */
export interface Mention {
  kind: MentionKind;
  start: number;
  end: number;
  text: string;
  /** The name without titles: "Vladimir Putin" of "President Vladimir Putin". */
  name: string | null;
  /** Role words before or instead of the name: "Turkish leader", "President". */
  role: string | null;
  /** Honorific or title written with the name ("Mr Putin"), kept as an alias. */
  alias: string | null;
  organization: boolean;
  gender: 'm' | 'f' | null;
  /** Lower-case head noun of a nominal ("president" of "the Turkish president"). */
  head: string | null;
  /** Plural nominals and "they" name groups, not one person. */
  plural: boolean;
}

// "Clinton’s campaign said": the possessive is not part of the name.
const stripPossessive = (s: string): string => s.replace(/['’]s?$/u, '');

/** A pronoun at `base`, read as `pronoun` ("his" in "his claim" is read as "he"). */
export function pronounMention(base: Place, pronoun: string): Mention {
  const plural = pronoun === 'they' || pronoun === 'we';
  return mentionAt(base, { kind: 'pronoun', name: null, role: null, alias: null, organization: pronoun === 'it', gender: GENDERED[pronoun] ?? null, head: pronoun, plural });
}

/** Reads a phrase: pronoun, name (with roles before it) or a role nominal. */
export function describe(tokens: Token[], text: string, p: Phrase): Mention {
  const first = tokens[p.from]!;
  const last = tokens[p.to - 1]!;
  const base = { start: first.start, end: last.end, text: text.slice(first.start, last.end) };
  const pronoun = bareWord(first.lower);
  if (p.to - p.from === 1 && PRONOUNS.has(pronoun)) return pronounMention(base, pronoun);
  const words = tokens.slice(p.from, p.to).filter((t) => t.word);
  // "one said", "said another": someone of a group, unnamed.
  if (words.length === 1 && ANONYMOUS.has(first.lower))
    return mentionAt(base, { kind: 'nominal', name: null, role: null, alias: null, organization: false, gender: null, head: first.lower, plural: false });
  // "Jason Chaffetz (R-Utah)", "Chaffetz R-Utah": a party and state tag is no part of the name.
  while (words.length > 1 && PARTY_TAG.test(words[words.length - 1]!.text)) words.pop();
  // "Sen. Tom Cole of Oklahoma", "Holger Schmieding of Berenberg": a person's name ends before what they are of.
  const of = personOfAt(words);
  const from =
    of > 0
      ? words
          .splice(of)
          .map((w) => w.text)
          .join(' ')
      : null;
  const nameStart = nameRunStart(words);
  if (nameStart < 0) return nominal(base, words);
  // "the mayor of Springfield", "a friend of Donald Trump": the name is what the person is of, the head is the person.
  const ofWord = words[nameStart - 1];
  const holder = words[nameStart - 2];
  // "Secretary of State Hillary Clinton" stays a title before a name.
  const titled = holder && TITLES.has(holder.lower) && words.slice(nameStart).some((w) => isFirstName(w.lower));
  if (ofWord?.lower === 'of' && holder && !holder.cap && !titled && !ANONYMOUS.has(holder.lower) && !QUANTIFIERS.has(holder.lower)) return nominal(base, words, nameStart - 2);
  // "Democrat", "a Republican": a party's member, unnamed. The party ("GOP", "Labour") and its members ("Democrats") are speakers.
  if (words.slice(nameStart).every((w) => PARTY_MEMBER.test(w.lower))) return nominal(base, words);
  // "Already, …", "Four said", "Given the …": a sentence's first word, capitalised only there.
  if (nameStart === words.length - 1 && notAName(words[nameStart]!)) {
    // "Police said": a role noun at a sentence start is still someone, by role.
    if (isHeadNoun(words[nameStart])) return nominal(base, words);
    return mentionAt(base, { kind: 'nominal', name: null, role: null, alias: null, organization: false, gender: null, head: null, plural: false });
  }
  const mention = named(base, words, nameStart);
  // What the person is of says they are one, and is their role when no other is written: "Manriquez, of Oakland".
  if (from && !mention.role) mention.role = from;
  return mention;
}

/**
 * A lone capitalised word that names no one: "I'm", or a word the text capitalises only where
 * a sentence starts and the lexicon knows as a word of the language, not a name (an adverb, a
 * number, a verb form, a common noun or its plural: "Already", "Four", "Given", "Back",
 * "Audiences"). A surname is capitalised mid-sentence somewhere ("… said Tom Price").
 */
export function notAName(w: Token): boolean {
  if (/['’](?:m|re|ve|ll|d)$/iu.test(w.text)) return true;
  if (!w.initial || w.proper) return false;
  const singular = w.lower.replace(/(?<=[^s])s$/, '');
  return isFunctionWord(w.lower) || isCommonNoun(w.lower) || (singular !== w.lower && isCommonNoun(singular));
}

const PARTY_MEMBER = oneOf(PARTY_MEMBER_WORDS);

/**
 * Where a person's name ends before "of" and what they are of, or -1: "Sen. Tom Cole | of
 * Oklahoma", "Joel Pollak | of Breitbart California". The words before "of" are a person's when
 * they open on a first name the lexicon knows or follow a title, an honorific or a party label
 * ("Rep. G.K. Butterfield of North Carolina"), or when they are one or two words the lexicon
 * knows as nothing else and "of" names a place ("Manriquez of Oakland"). A body's name runs on
 * through "of": "Bank of England", "Secretary of State", "Church of England".
 */
function personOfAt(words: Token[]): number {
  const of = words.findIndex((w, i) => w.lower === 'of' && i > 0 && words[i - 1]!.cap && words[i + 1]?.cap);
  if (of < 0) return -1;
  // "Secretary of State Hillary Clinton": a name after the "of" phrase makes it a title's.
  const what = words.slice(of + 1);
  if (what.length > 3 || what.some((w, i) => (isFirstName(w.lower) && i < what.length - 1) || TITLES.has(w.lower))) return -1;
  let from = of;
  while (from > 0 && words[from - 1]!.cap && !TITLES.has(words[from - 1]!.lower) && !PARTY_LABELS.has(words[from - 1]!.lower)) from--;
  const name = words.slice(from, of);
  if (name.length === 0 || name.length > 3) return -1;
  // ("G.K. Butterfield": initials before a surname are no acronym.)
  if (name.some((w, i) => ORG_WORDS.has(w.lower) || TITLES.has(w.lower) || (isAcronym(w.text) && !(isInitials(w.text) && i < name.length - 1)))) return -1;
  // "Sherrod Brown", "Sen. Brown": a surname may be a word of the language after a first name or a title.
  if (isFirstName(name[0]!.lower) && name.length > 1) return of;
  const before = words[from - 1];
  if (before && (TITLES.has(before.lower) || HONORIFICS.has(before.lower) || PARTY_LABELS.has(before.lower))) return of;
  if (name.some((w) => isCommonNoun(w.lower) || isDescriptor(w.lower))) return -1;
  const place = lexiconTags(what.map((w) => w.text).join(' '));
  return name.length <= 2 && place.some(isPlaceTag) ? of : -1;
}

/** Index (into `words`) where the trailing run of capitalised name words begins, or -1. */
function nameRunStart(words: Token[]): number {
  let k = words.length;
  while (k > 0) {
    const w = words[k - 1]!;
    const connector = !w.cap && k - 1 > 0 && words[k - 2]!.cap && k < words.length && /^(of|de|del|der|la|le|al|bin|ibn|von|van|da|di|du|dos)$/.test(w.lower);
    if (!w.cap && !connector) break;
    // "Chris Christie Calls Hillary Clinton": a headline's verb ends the name before it.
    if (k < words.length && (SPEECH_VERBS.has(w.lower) || isVerbForm(w.lower))) break;
    k--;
  }
  // Titles at the front of the run are roles, not names: "Iranian President Hassan Rouhani";
  // so are party labels before a person's name: "Republican Donald Trump".
  let lastTitle = -1;
  for (let i = k; i < words.length; i++) {
    // "Mr. King", "Larry King": after an honorific or a first name the last word is the surname, title or not.
    if (i === words.length - 1 && i > k && (HONORIFICS.has(words[i - 1]!.lower) || isFirstName(words[i - 1]!.lower))) break;
    // "Republicans Jolly of Indian Shores and DeSantis": a plural label is never part of one person's name.
    const label = PARTY_LABELS.has(words[i]!.lower) && (personAfter(words, i + 1) || (words[i]!.lower.endsWith('s') && i + 1 < words.length));
    if (TITLES.has(words[i]!.lower) || label) lastTitle = i;
  }
  // "Secretary of State Mike Pompeo", "Minister of Defence …": the "of" phrase is the title's.
  if (lastTitle >= 0 && words[lastTitle + 1]?.lower === 'of' && lastTitle + 3 < words.length) lastTitle += 2;
  let start = lastTitle >= 0 ? lastTitle + 1 : k;
  // "The New York Post": a leading "The" is a determiner, not part of the name.
  // "Did Trump …?", "Already Clinton …": a sentence's first word that is a word of the language.
  while (start < words.length - 1 && isOpener(words[start]!)) start++;
  while (start < words.length && NOT_NAME_WORDS.has(words[start]!.lower) && !TITLES.has(words[start]!.lower)) start++;
  // "GETTY Trump", "EPA Donald Trump": a photo agency's credit in capitals, run into the text, is no part of a name.
  while (start < words.length - 1 && /^\p{Lu}{2,}$/u.test(words[start]!.text) && PHOTO_CREDITS.has(words[start]!.lower)) start++;
  // "Texan Ted Cruz", "Councillor Helen Marsh": a describing word before a first and last name.
  while (words.length - start > 2 && isDescriptor(words[start]!.lower) && personAfter(words, start + 1)) start++;
  // "Billionaire Donald Trump": a word only the sentence capitalises, before a first name and more, describes the person.
  while (
    words.length - start > 2 &&
    words[start]!.initial &&
    !words[start]!.proper &&
    words[start]!.text.length > 3 &&
    !isFirstName(words[start]!.lower) &&
    isFirstName(words[start + 1]!.lower)
  )
    start++;
  return start < words.length ? start : -1;
}

/** A sentence's first word that only the sentence capitalises and is no name or description: "Did", "Already". */
const isOpener = (w: Token): boolean => w.initial && !w.proper && isFunctionWord(w.lower) && !isDescriptor(w.lower);

/**
 * The capitalised words from `from` on may be a person's name: some are left, none is an
 * organisation's word or a common word of the language ("Republican National Committee").
 */
function personAfter(words: Token[], from: number): boolean {
  const rest = words.slice(from);
  return (
    rest.length > 0 && rest.every((w) => w.cap && !ORG_WORDS.has(w.lower) && !isCommonNoun(w.lower) && !PARTY_LABELS.has(w.lower)) && !isAcronym(rest.map((w) => w.text).join(''))
  );
}

function named(base: Place, words: Token[], nameStart: number): Mention {
  // "The Post’s Dana Milbank": the name is the one after the owner's possessive.
  const owner = words.findLastIndex((w, i) => i >= nameStart && i < words.length - 1 && /['’]s?$/u.test(w.text));
  if (owner >= 0) nameStart = owner + 1;
  // "Donald J. Trump": an initial keeps its full stop.
  const nameWords = words.slice(nameStart).map((w) => (isInitials(w.text) && base.text[w.end - base.start] === '.' ? `${w.text}.` : w.text));
  nameWords[nameWords.length - 1] = stripPossessive(nameWords[nameWords.length - 1]!);
  const name = nameWords.join(' ');
  // "Chris Christie Calls Hillary Clinton": what precedes a verb in the run is another clause.
  const before = words.slice(words.slice(0, nameStart).findLastIndex((w) => w.cap && (SPEECH_VERBS.has(w.lower) || isVerbForm(w.lower))) + 1, nameStart);
  const det = before[0] && DETERMINERS.has(before[0].lower) ? before.shift() : undefined;
  const honorific = before.length === 1 && HONORIFICS.has(before[0]!.lower) ? before[0]! : null;
  const roleWords = before.filter((w) => !HONORIFICS.has(w.lower) && !isOpener(w) && !PHOTO_CREDITS.has(w.lower));
  const gender = before.map((w) => GENDERED[w.lower]).find((g) => g) ?? null;
  const lowerName = nameWords.map((w) => w.toLowerCase());
  const organization = Boolean(det && !roleWords.length) || lowerName.some((w) => ORG_WORDS.has(w)) || isAcronym(name);
  return mentionAt(base, {
    kind: 'name',
    name,
    role: organization ? null : roleOf(roleWords),
    // The alias is written as the text has it: "Mr. Obama" keeps its dot.
    alias: honorific ? `${base.text.slice(honorific.start - base.start, honorific.end - base.start)}${base.text[honorific.end - base.start] === '.' ? '.' : ''} ${name}` : null,
    organization,
    gender,
    head: null,
    plural: false,
  });
}

/**
 * The role the words before a name give, or null: a role ends on a noun ("supporter of" is a
 * supporter, "one of" none), and a head the lexicon knows only as another part of speech ("angry",
 * "leading", "give") or a number makes none. Titles, role nouns, party labels and a word the
 * text capitalises mid-sentence ("American") are heads.
 */
function roleOf(words: Token[]): string | null {
  const kept = [...words];
  while (kept.length && (kept[kept.length - 1]!.lower === 'of' || DETERMINERS.has(kept[kept.length - 1]!.lower))) kept.pop();
  if (!kept.length) return null;
  const head = kept[roleHeadIndex(kept.map((w) => w.lower))]!;
  const isHead =
    ROLE_NOUNS.has(head.lower) || TITLES.has(head.lower) || PARTY_LABELS.has(head.lower) || (head.cap && !head.initial) || !(isFunctionWord(head.lower) || /^\d/.test(head.text));
  return isHead ? kept.map((w) => w.text).join(' ') : null;
}

/**
 * Where the head of a role phrase is, in lower-case words: the last word, or the role noun
 * before "of" ("secretary" in "former secretary of state").
 */
export function roleHeadIndex(words: string[]): number {
  const of = words.indexOf('of');
  return of > 0 && ROLE_NOUNS.has(words[of - 1]!) ? of - 1 : words.length - 1;
}

function nominal(base: Place, words: Token[], headAt = -1): Mention {
  const content = words.filter((w) => !DETERMINERS.has(w.lower));
  const head = headAt >= 0 ? words[headAt]!.lower : (content[roleHeadIndex(content.map((w) => w.lower))]?.lower ?? null);
  const plural = Boolean(head && /[^s]s$/.test(head) && head !== 'boss');
  const organization = Boolean(head && ORG_WORDS.has(head));
  const role = content.map((w) => w.text).join(' ') || null;
  return mentionAt(base, { kind: 'nominal', name: null, role, alias: null, organization, gender: head ? (GENDERED[head] ?? null) : null, head, plural });
}

type Place = Pick<Mention, 'start' | 'end' | 'text'>;

/**
 * A mention at `base`, every field written out. Spreading `base` into a literal that adds eight
 * more fields grows the copy's storage field by field in V8: that alone cost more than the rest
 * of reading a name.
 */
function mentionAt(base: Place, m: Omit<Mention, keyof Place>): Mention {
  return {
    start: base.start,
    end: base.end,
    text: base.text,
    kind: m.kind,
    name: m.name,
    role: m.role,
    alias: m.alias,
    organization: m.organization,
    gender: m.gender,
    head: m.head,
    plural: m.plural,
  };
}

const isAcronym = (name: string): boolean => /^[A-Z]{2,6}$/.test(name.replace(/\./g, ''));

/** True when a mention stands for an unnamed member of a group: "one", "another". */
export const isAnonymous = (m: Mention): boolean => m.kind === 'nominal' && m.head !== null && ANONYMOUS.has(m.head) && m.role === null;

/** True when a nominal names a person by role ("the Turkish president"), not a thing. */
export const isRoleNominal = (m: Mention): boolean => m.kind === 'nominal' && m.head !== null && ROLE_NOUNS.has(m.head);
