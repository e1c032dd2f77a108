/**
 * Speakers described by a determiner and nouns the lexicon need not know ("the retired
 * neurosurgeon", "the foundation", "one unaligned Florida Republican strategist"): read where
 * the sentence's shape, not the noun, says it is a subject.
 */
import { DETERMINERS, PHRASE_BREAKERS, PRONOUNS, SOURCE_NOUNS, SPEECH_VERBS, VERB_FILLERS } from '../lexicon/lexicon.js';
import type { Phrase } from './phrases.js';
import { isPreposition } from './wordclass.js';
import type { Token } from './tokens.js';
import { NAME_CONNECTORS } from '../lexicon/names.js';
import { TIME_NOUNS } from '../lexicon/calendar.js';
import { SUBJECT_CLAUSE_OPENERS } from '../lexicon/connectives.js';
import { OBJECT_PRONOUNS, NOUN_LIKE_ADVERBS, COUNT_WORDS, NON_POSSESSIVE_DETERMINERS } from '../lexicon/determiners.js';
import { IRREGULAR_PAST, VERB_NEXT, SINGULAR_AUXILIARIES } from '../lexicon/verbs.js';
import { alternation } from '../lexicon/words.js';
import { IRREGULAR_PLURALS } from '../lexicon/nouns.js';
import { ROLE_NOUNS } from '../lexicon/titles.js';

// "the businessman replied", "said the 46-year-old": any noun after a determiner, with a plain verb of saying.
export const isNounLike = (t: Token): boolean => t.word && !PHRASE_BREAKERS.has(t.lower) && !OBJECT_PRONOUNS.has(t.lower) && !PRONOUNS.has(t.lower) && !/ly$/.test(t.lower);

/** "authors", "protesters": the plural of a role noun names people too. */
export const isRoleNoun = (w: string): boolean => ROLE_NOUNS.has(w) || (/[^s]s$/.test(w) && ROLE_NOUNS.has(w.slice(0, -1)));
export const isHeadNoun = (t: Token | undefined): boolean => Boolean(t && t.word && (isRoleNoun(t.lower) || SOURCE_NOUNS.has(t.lower)));

/**
 * "the staffer was charged", "the media would call him": a passive or a modal between subject
 * and verb reports no words said.
 */
export function reportsSpeech(tokens: Token[], j: number, v: number): boolean {
  for (let k = j + 1; k < v; k++) if (/^(was|were|is|are|be|been|being|would|could|might|may|should|will|must|can)$/.test(tokens[k]!.lower)) return false;
  return true;
}

/** A finite verb after a subject: "has", "also", "released", "began", "accuses Bob", "shows that". */
function verbAt(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || !t.word || t.cap) return false;
  if (VERB_FILLERS.has(t.lower) || SPEECH_VERBS.has(t.lower) || IRREGULAR_PAST.has(t.lower) || /^(is|was|are|were|will|would|can|could|may|might|must|should)$/.test(t.lower))
    return true;
  if (/[a-z]ed$/.test(t.lower)) return true;
  const next = tokens[k + 1];
  return /[a-z][^s]s$/.test(t.lower) && Boolean(next?.word && (next.cap || VERB_NEXT.has(next.lower)));
}

/**
 * "The retired neurosurgeon has provided …", "The town released …": a sentence that opens with a
 * determiner and a few nouns before its verb has them as its subject, known role noun or not.
 */
export function nominalAfter(tokens: Token[], start: number): Phrase | null {
  if (!NON_POSSESSIVE_DETERMINERS.has(tokens[start]?.lower ?? '')) return null;
  for (let k = start + 1; k < tokens.length && k - start <= NOMINAL_MAX_WORDS + 1; k++) {
    const t = tokens[k]!;
    if (k > start + 1 && verbAt(tokens, k)) return isSubjectHead(tokens[k - 1]!) ? { from: start, to: k } : null;
    if (!t.word || t.quote !== tokens[start]!.quote || DETERMINERS.has(t.lower) || NAME_CONNECTORS.has(t.lower) || !(t.cap || isNounLike(t))) return null;
  }
  return null;
}

/**
 * `, said one unaligned Florida Republican strategist.`: after an inverted verb, a determiner
 * and the words up to the punctuation are the speaker, known role noun or not.
 */
export function nominalUntilPause(tokens: Token[], start: number): Phrase | null {
  const first = tokens[start];
  if (!first || !(NON_POSSESSIVE_DETERMINERS.has(first.lower) || first.lower === 'one')) return null;
  let k = start + 1;
  const plain = (t: Token, at: number): boolean =>
    t.word && t.quote === first.quote && (t.cap || isNounLike(t)) && !NAME_CONNECTORS.has(t.lower) && !DETERMINERS.has(t.lower) && !(at > start + 1 && verbAt(tokens, at));
  while (k < tokens.length && k - start <= NOMINAL_MAX_WORDS + 1 && plain(tokens[k]!, k)) k++;
  const stop = tokens[k];
  const pause = !stop || (!stop.word && stop.text !== '-') || PHRASE_BREAKERS.has(stop.lower);
  return pause && k > start + 1 && isSubjectHead(tokens[k - 1]!) ? { from: start, to: k } : null;
}

const isSubjectHead = (t: Token): boolean => isNounLike(t) && !NOUN_LIKE_ADVERBS.has(t.lower) && !TIME_NOUNS.has(t.lower);
/** How many words a determiner may stand before the verb: "the billionaire real estate mogul". */
const NOMINAL_MAX_WORDS = 4;

/**
 * "The book accuses", "as the foundation predicts", "the protesters chanted": a determiner that
 * opens a clause and the nouns after it, right before a verb of saying, are its subject.
 */
export function clauseNominal(tokens: Token[], j: number): Phrase | null {
  if (!isSubjectHead(tokens[j]!) || tokens[j]!.cap) return null;
  for (let k = j - 1; k >= 0 && j - k <= NOMINAL_MAX_WORDS; k--) {
    const t = tokens[k]!;
    // "his top shows": a possessive's noun is a thing more often than a speaker.
    if (DETERMINERS.has(t.lower) && !NON_POSSESSIVE_DETERMINERS.has(t.lower)) return null;
    if (DETERMINERS.has(t.lower)) {
      const before = tokens[k - 1];
      // "in which the crowd chanted", "at which point the crowd chanted": a relative clause opens too.
      const relative = before?.lower === 'which' || (tokens[k - 2]?.lower === 'which' && Boolean(before?.word) && !before!.cap);
      const opens = !before || !before.word || SUBJECT_CLAUSE_OPENERS.has(before.lower) || relative;
      return opens && tokens[k]!.quote === tokens[j]!.quote ? { from: k, to: j + 1 } : null;
    }
    if (!t.word || !(t.cap || isNounLike(t))) return null;
  }
  return null;
}

/** Words that make a count rough: "about 200 protesters", "more than 500 Cruz supporters". */
const APPROXIMATORS = [
  ['about'],
  ['some'],
  ['nearly'],
  ['almost'],
  ['roughly'],
  ['around'],
  ['over'],
  ['approximately'],
  ['more', 'than'],
  ['at', 'least'],
  ['as', 'many', 'as'],
  ['up', 'to'],
];

const isPlural = (t: Token): boolean => IRREGULAR_PLURALS.has(t.lower) || (/[a-z][^siu'’]s$/.test(t.lower) && !TIME_NOUNS.has(t.lower) && !NOUN_LIKE_ADVERBS.has(t.lower));
const isCount = (t: Token | undefined): boolean => Boolean(t && (/^\d[\d,.]*$/.test(t.text) || COUNT_WORDS.has(t.lower)));
/** How many words a group's nouns run to: "pro-Sanders demonstrators", "Bernie Sanders supporters". */
const GROUP_MAX_WORDS = 4;

/** "about 200", "more than 500": a rough or exact count before a group's nouns; where they start. */
function pastCount(tokens: Token[], start: number): number {
  for (const words of APPROXIMATORS) {
    if (words.every((w, n) => tokens[start + n]?.lower === w) && isCount(tokens[start + words.length])) return start + words.length + 1;
  }
  return isCount(tokens[start]) ? start + 1 : start;
}

/** "Hundreds of", "Small groups of": a plural and "of" before the group itself; where it starts. */
function pastCollective(tokens: Token[], start: number): number {
  for (let k = start; k < start + 2; k++) {
    const t = tokens[k];
    if (!t?.word || !(isPlural(t) || COUNT_WORDS.has(t.lower))) continue;
    const after = tokens[k + 2];
    return tokens[k + 1]?.lower === 'of' && after?.word && !DETERMINERS.has(after.lower) && !PRONOUNS.has(after.lower) ? k + 2 : start;
  }
  return start;
}

/**
 * "Protesters marching through the streets chanted", "about 200 protesters congregated …,
 * chanting", "Hundreds of pro-Sanders demonstrators marched": a group with no determiner (bare,
 * counted or "hundreds of") whose plural noun comes right before its verb, or before a participle
 * or relative clause that leads to it, is the subject of the verb at `verb`.
 */
export function groupAfter(tokens: Token[], start: number, verb: number): Phrase | null {
  const first = tokens[start];
  const counted = pastCount(tokens, start);
  // "Despite polls showing …", "With cable news networks carrying …": no subject.
  if (!first?.word || (counted === start && isPreposition(first.lower))) return null;
  const nouns = pastCollective(tokens, counted);
  for (let k = nouns; k < tokens.length && k - nouns <= GROUP_MAX_WORDS; k++) {
    const t = tokens[k]!;
    const clause = k > nouns && (verbAt(tokens, k) || (!t.cap && /[a-z]ing$/.test(t.lower)) || t.lower === 'who');
    if (clause) {
      const head = tokens[k - 1]!;
      // A capital is a name's, unless the sentence opens with the plural ("Protesters marching …");
      // a plural takes no singular verb ("Multiple news reports and … reveal" has "reports" a noun).
      return isPlural(head) && (!head.cap || k - 1 === start) && !SINGULAR_VERB.test(t.lower) && governs(tokens, k, verb) ? { from: start, to: k } : null;
    }
    // "Saturday's gaffes": a possessive's noun is a thing more often than a speaker.
    if (t.quote !== first.quote || DETERMINERS.has(t.lower) || NAME_CONNECTORS.has(t.lower) || !isNounLike(t) || /['’]s?$/u.test(t.text)) return null;
  }
  return null;
}

/** Verbs that agree with a singular subject only. */
const SINGULAR_VERB = new RegExp(String.raw`^(?:${alternation(SINGULAR_AUXILIARIES)})$|[a-z][^s]s$`);

/** How far a participle or relative clause may run from a group to its verb. */
const REDUCED_CLAUSE_MAX_TOKENS = 12;

/**
 * The clause after a group, starting at `k`, leads to the verb at `verb`: the verb itself ("Hundreds
 * of demonstrators shouted"), a participle or relative clause with no pause before it ("Protesters
 * marching through the streets chanted"), or a clause that a participle set off by a pause goes on
 * ("… congregated in three clusters, holding signs and chanting"); not "Officials searched …
 * for terms containing words such as “…”", nor a later verb ("Embryonic stem cells are … called").
 */
function governs(tokens: Token[], k: number, verb: number): boolean {
  const v = tokens[verb];
  if (!v?.word || v.quote !== -1 || verb < k) return false;
  let pause = false;
  for (let j = k; j < verb; j++) if (tokens[j]!.quote !== -1 || /^[,;:(—–-]$/.test(tokens[j]!.text)) pause = true;
  // "…, chanting", "while chanting", "holding signs and chanting"; not "rather than labeling it".
  if (/[a-z]ing$/.test(v.lower)) return pause && /^(,|while|and)$/.test(tokens[verb - 1]?.lower ?? '');
  if (pause) return false;
  for (let j = k; j < verb; j++)
    if (!VERB_FILLERS.has(tokens[j]!.lower)) return (/[a-z]ing$/.test(tokens[k]!.lower) || tokens[k]!.lower === 'who') && verb - k <= REDUCED_CLAUSE_MAX_TOKENS;
  return true;
}
