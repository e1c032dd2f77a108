/**
 * Where a cut line's clause ends well: it keeps a main clause, its predicate and the complement
 * its verb governs, and stops where its phrase closes. Compression (compress.ts) cuts only where
 * these say so.
 */
import { CLAUSE_VERBS } from '../lexicon/lexicon.js';
import { CUT_WORD, OPENS_ADJUNCT } from './phrase-bounds.js';
import { adjectiveOnly, AUXILIARY, enoughVerbs, hasFiniteVerb, hasVerb, verbLike } from './verbs.js';
import { lexiconTags } from './terms.js';
import { isVerbForm } from './wordclass.js';
import { NAME_RUN_ON_WORDS } from '../lexicon/names.js';
import { alternation, oneOf } from '../lexicon/words.js';
import { LOOSE_PREPOSITIONS, LEADING_PLACE_PREPOSITIONS } from '../lexicon/prepositions.js';
import { SUBORDINATE_OPENERS, ADJUNCT_HEADS } from '../lexicon/connectives.js';
import { DETERMINER_WORDS, OBJECT_PRONOUNS, OBJECT_OPENERS, COMPLEMENT_OPENERS } from '../lexicon/determiners.js';
import { BE_FORMS, LINKING_VERBS, MODALS, VERB_BEFORE_WORDS } from '../lexicon/verbs.js';
import { MAIN_CLAUSE_WORDS, NOT_A_CLAUSE_AFTER } from '../lexicon/determiners.js';
import { CONDITION_SUBORDINATORS } from '../lexicon/connectives.js';
import { GERUND_PREPOSITIONS } from '../lexicon/prepositions.js';

/** A subordinate clause or phrase that opens a line: "When …", "Because …". */
export const SUBORDINATE = new RegExp(String.raw`^(?:${alternation(SUBORDINATE_OPENERS)})\s`, 'i');
/** What follows the subordinate clause starts a main clause: a name, "the …", a pronoun. */
export const MAIN_CLAUSE = new RegExp(String.raw`^(?:[A-Z][\p{L}.'’-]*|${alternation(MAIN_CLAUSE_WORDS)})\s`, 'u');
/** "the report warned if …": a verb and the condition it governs. */
const CONDITION_AFTER_VERB = new RegExp(String.raw`([\p{L}]+)\s+(?:that\s+)?(?:${alternation(CONDITION_SUBORDINATORS)})\s`, 'giu');
const NOT_A_CLAUSE = new RegExp(String.raw`^\S+\s+(?:${alternation(NOT_A_CLAUSE_AFTER)})\b`, 'i');
const GERUND_PHRASE = new RegExp(String.raw`^(?:${alternation(GERUND_PREPOSITIONS)})\s+\p{Ll}+ing\s`, 'iu');
const VERB_BEFORE = oneOf(VERB_BEFORE_WORDS, 'i');
const MODAL = oneOf(MODALS, 'i');
const LINKING_VERB = oneOf(LINKING_VERBS, 'i');

/** "Speaking", "Asked", "Heading": a capitalised participle opens a phrase, not a clause. */
export function isParticiple(word: string): boolean {
  if (!/^\p{Lu}/u.test(word)) return false;
  const tags = lexiconTags(word);
  if (tags.some((t) => t === 'Gerund' || t === 'PastTense' || t === 'Participle')) return true;
  return tags.length === 0 && /\p{Ll}(?:ing|ed)$/u.test(word);
}

/**
 * A verb that governs a clause, left with none: "An alarming report found" (no comma or quote
 * before it makes it a trailing "…, the report found"), or "the report warned if IS was defeated"
 * where the "if" clause never reaches the clause the verb governs ("…, then fighters could…").
 */
function lostComplement(line: string): boolean {
  const words = line.split(/\s+/);
  if (CLAUSE_VERBS.has(words[words.length - 1]!.toLowerCase()) && !/[,\u2014"\u201c\u201d\u2018\u2019']/.test(line)) return true;
  for (const m of line.matchAll(CONDITION_AFTER_VERB)) {
    if (!CLAUSE_VERBS.has(m[1]!.toLowerCase())) continue;
    const parts = line.slice(m.index + m[0].length).split(/,\s+|\s+then\s+/);
    if (parts.length < 2 || !hasFiniteVerb(parts[parts.length - 1]!)) return true;
  }
  return false;
}

/** Words that head a phrase of their own whatever follows them: prepositions, conjunctions, relatives. */
export const ADJUNCT_HEAD = oneOf(ADJUNCT_HEADS);

export const LOOSE_PREPOSITION = oneOf(LOOSE_PREPOSITIONS);

/** A word that opens a phrase of its own: a preposition, a conjunction, a relative or an adverb. */
export function opensPhrase(word: string): boolean {
  if (OPENS_ADJUNCT.test(word)) return true;
  const tags = lexiconTags(word);
  return tags.length > 0 && tags.every((t) => /^(?:Preposition|Conjunction|Adverb|QuestionWord)$/.test(t)) && !isVerbForm(word);
}

/**
 * Whether a line says something as a sentence does: it holds a finite verb, and a line that opens
 * on a subordinate clause or a phrase ("When Emma moved into a cul-de-sac in Hull", "Fresh from
 * scoring his 100th goal") goes on, past a comma, to the main clause with a subject and a verb of
 * its own. The last word is no verb that governs a clause it has lost ("the report found").
 */
export function hasMainClause(line: string): boolean {
  if (!hasFiniteVerb(line) || lostComplement(line)) return false;
  const words = line.split(/\s+/);
  const first = words[0] ?? '';
  const opener =
    (SUBORDINATE.test(line) && !NOT_A_CLAUSE.test(line)) ||
    /^with\s/i.test(line) ||
    // "In being compared with …, or Rosberg at present": a preposition and a gerund open a phrase, not a clause.
    GERUND_PHRASE.test(line) ||
    isParticiple(first) ||
    (lexiconTags(first).includes('Adjective') && lexiconTags(words[1] ?? '').includes('Preposition'));
  if (!opener) return enoughVerbs(line);
  for (const m of line.matchAll(/,\s+/g)) {
    const after = line.slice(m.index + m[0].length);
    const head = /^\S+/.exec(after)?.[0] ?? '';
    // "…, 28, moved into": a number or a verb after the comma starts no clause.
    if (/^\d/.test(head) || (/^\p{Ll}/u.test(head) && verbLike(head)) || AUXILIARY.test(head)) continue;
    if (hasFiniteVerb(after)) return enoughVerbs(after);
  }
  return false;
}

const COMPLEMENT_OPENER = oneOf(COMPLEMENT_OPENERS, 'i');
const OBJECT_PRONOUN = oneOf(OBJECT_PRONOUNS, 'i');
/** " to sit it", " to agree": an infinitive follows. */
const INFINITIVE_AFTER = /^ to ([a-z]+)/;

/**
 * The word after "to" read as a verb: one the lexicon knows as an infinitive, or any lower-case
 * word that opens no noun phrase ("ordered | to pay back", "accused of trying | to extort"),
 * which the lexicon files as a noun or not at all. "to the court", "to his home" open one.
 */
function verbAfterTo(word: string): boolean {
  const tags = lexiconTags(word);
  return tags.includes('Infinitive') || !(COMPLEMENT_OPENER.test(word) || tags.some((t) => NOUN_PHRASE_OPENER.test(t)));
}
const NOUN_PHRASE_OPENER = /^(?:Determiner|Possessive|Pronoun|Value|Cardinal|Ordinal|Adjective|Comparable|Superlative|Comparative|Preposition|Conjunction|Adverb)$/;

/** "are likely showing | aggression": a progressive verb. */
const BE_OR_ADVERB = new RegExp(String.raw`^(?:${alternation(BE_FORMS)}|\p{Ll}+ly)$`, 'u');

/**
 * A cut line still says what happened. It does not stop after the aside that follows its subject
 * ("David Mackintosh, Conservative MP for Northampton South | , announced…", "Mehmet Oz — Ivy
 * League-trained surgeon and daytime TV star | — has been called…"), and a line that opens on a
 * subordinate clause keeps the main clause after it ("As Ron Jones, from Newport, prepares to
 * mark Holocaust Memorial Day | , he…").
 */
/** "Under a gray sky that seemed…, Mr. Obama warned": a phrase of place or time before the subject. */
const LEADING_PLACE = new RegExp(String.raw`^(?:${alternation(LEADING_PLACE_PREPOSITIONS)})\s`, 'i');

export function keepsPredicate(line: string, rest: string): boolean {
  if (!hasFiniteVerb(line)) return false;
  const whole = line + rest;
  for (const mark of [', ', ' \u2014 ', ' \u2013 ', ' -- ']) {
    const open = line.indexOf(mark);
    if (open < 0) continue;
    const close = whole.indexOf(mark, open + mark.length);
    const after = close < 0 ? '' : (/^\S+/.exec(whole.slice(close + mark.length))?.[0] ?? '');
    if (close >= line.length && /^\p{Ll}/u.test(after) && !CUT_WORD.test(after) && !hasVerb(line.slice(0, open))) return false;
  }
  const comma = /^,\s+/.exec(rest);
  return !(comma && (SUBORDINATE.test(line) || LEADING_PLACE.test(line)) && MAIN_CLAUSE.test(rest.slice(comma[0].length)));
}

const DETERMINER = oneOf(DETERMINER_WORDS, 'i');
const OBJECT_OPENER = oneOf(OBJECT_OPENERS, 'i');
/** A person's name, two capitalised words, ending its phrase or followed by a lower-case word. */
const NAME_AFTER = /^((?: [\p{Ll}\d-]+){0,3}) \p{Lu}\p{Ll}+ \p{Lu}[\p{Ll}'\u2019-]+(?=[\s,.;:]|$)(?! \p{Lu})/u;
const FUNCTION_TAG = /^(?:Preposition|Conjunction|Determiner|Pronoun|Adverb|QuestionWord|Copula|Modal|Auxiliary)$/;
/** A word that may sit inside a noun phrase before a name: no verb, no function word. */
const commonNoun = (w: string): boolean => !verbLike(w) && !lexiconTags(w).some((t) => FUNCTION_TAG.test(t));
/** "dealer Art | of the Past", "Bank | of England": a name runs on through these. */
const NAME_CONNECTOR = new RegExp(`^ (?:${alternation(NAME_RUN_ON_WORDS)})\\s+(?:the\\s+)?\\p{Lu}`, 'u');

/**
 * A cut ends cleanly when the phrase it ends is closed: not inside a name ("endorse Hillary |
 * Clinton"), not after a determiner and a word the sentence's next lower-case word may still
 * belong to ("the potential | risks", "for his role | in"). Punctuation after it always closes.
 */
export function endsCleanly(line: string, rest: string): boolean {
  const next = /^ ([A-Za-z]+)/.exec(rest)?.[1];
  // "accused of trying to extort | £100,000": an amount after an infinitive is its object.
  if (!next) return !(/^ [£$€]?\d/.test(rest) && /\bto \p{Ll}+$/u.test(line));
  const words = line.split(' ');
  const last = words[words.length - 1] ?? '';
  if (/^\p{Lu}/u.test(last) && (/^[A-Z]/.test(next) || NAME_CONNECTOR.test(rest))) return false;
  // "the arrest of 26-year-old karate instructor | Alexander Soumbadze who…": the noun says who the named person is.
  // "from 28-year-old shift | worker Dylan Smith": the words between belong to the same noun phrase.
  const named = /^[\p{Ll}\d-]+$/u.test(last) ? NAME_AFTER.exec(rest) : null;
  if (named && [last, ...named[1]!.split(' ').filter(Boolean)].every(commonNoun)) return false;
  // "in Monday night's | ballot": a possessive opens the noun phrase like a determiner.
  if (/\p{L}['\u2019]s$/u.test(last) && /^[a-z]/.test(next)) return false;
  // A verb left without its object: "to put | the Tynesiders ahead", "outlined | some of".
  // "…will win | the Super Bowl": after a modal, the word is a verb too.
  const verb = /ed$/.test(last) || (words.length >= 2 && VERB_BEFORE.test(words[words.length - 2]!));
  if (verb && OBJECT_OPENER.test(next)) return false;
  // A verb left without the complement it governs: "a review panel concluded | he was not…",
  // "are likely showing | aggression", "has been plagued | by", "accused Labour | of", "describes itself | as".
  const before = words[words.length - 2] ?? '';
  const open = /^[a-z]/.test(next) && !CUT_WORD.test(next);
  // "…may prove | to be a transient phenomenon": after a modal, the word is a verb.
  const verbal = verbLike(last) || MODAL.test(before);
  if (verbal && (COMPLEMENT_OPENER.test(next) || /^[A-Z]/.test(next) || (/ing$/.test(last) && BE_OR_ADVERB.test(before) && open))) return false;
  // "the potential | risks", "Monday | night's ballot", "slow global | warming": the noun phrase runs on.
  if (/['\u2019]s$/.test(/^ (\S+)/.exec(rest)?.[1] ?? '') || (adjectiveOnly(last) && open)) return false;
  if (/^(?:of|as)$/.test(next) && verbLike(before) && (OBJECT_PRONOUN.test(last) || /^\p{Lu}/u.test(last))) return false;
  // "students were due | to sit it", "has promised a veto and attempted | to make the case": the infinitive is the complement.
  const infinitive = INFINITIVE_AFTER.exec(rest)?.[1];
  if (infinitive && (LINKING_VERB.test(before) || verbal || /\p{Ll}{2}ing$/u.test(last)) && verbAfterTo(infinitive)) return false;
  // "an equally fine | strike": a determiner before an adverb still opens the noun phrase.
  if (words.length >= 3 && DETERMINER.test(words[words.length - 3]!) && /ly$/.test(words[words.length - 2]!) && /^[a-z]/.test(next)) return false;
  // "according to the top | British medical journal": after "the" and a common word, a name still belongs to the phrase.
  return !(words.length >= 2 && DETERMINER.test(words[words.length - 2]!) && (/^[a-z]/.test(next) || (/^\p{Ll}/u.test(last) && !CUT_WORD.test(next.toLowerCase()))));
}
