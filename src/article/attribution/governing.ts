/**
 * The verb that governs a quote and its own subject, read from the clause around the quote: an
 * "as" complement, the quote's own subordinate clause, a subject past a phrase of where or when,
 * an infinitive's governing verb, a participle that introduces the quote; and the poll that a
 * share of a group speaks for.
 */
import type { Cue } from './cue.js';
import { DETERMINERS, PHRASE_BREAKERS, PRONOUNS, REPORTING_VERBS, SPEECH_VERBS, VERB_FILLERS } from '../lexicon/lexicon.js';
import { describe, pronounMention } from './mentions.js';

import { bareWord, isAdjectiveLike, phraseAfter, phraseEndingAt, subjectBefore, type Phrase } from '../grammar/phrases.js';
import { tokenAt, type Token } from '../grammar/tokens.js';
import type { QuoteSpan, Sentence } from '../types.js';
import { SPEECH_DAYS } from '../lexicon/calendar.js';
import { COMPLEMENT_PREPOSITIONS, ADJUNCT_PREPOSITIONS } from '../lexicon/prepositions.js';
import { OBJECT_CLAUSE_OPENERS, INNER_CLAUSE_OPENERS, NOUN_COMPLEMENT_OPENERS } from '../lexicon/connectives.js';
import { SHARES } from '../lexicon/determiners.js';
import { CLAUSE_AUXILIARIES, INFINITIVE_HEADS, IRREGULAR_PAST } from '../lexicon/verbs.js';
import { SURVEY_NOUNS } from '../lexicon/nouns.js';

/** The longest object read between a verb and the "as" of its complement: "described the ground underneath the city as". */
const COMPLEMENT_OBJECT_MAX_TOKENS = 8;

/**
 * "Border Patrol agents described the ground under the city as “Swiss cheese”", "the campaign
 * rejected the idea as “ludicrous”": a quote that is the "as" complement of a verb and its
 * object is the words of that verb's own subject, whatever other verbs stand nearer.
 */
export function complementCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  const open = tokenAt(tokens, span.outerStart);
  const as = tokens[open - 1];
  if (as?.lower !== 'as' || as.quote !== -1) return null;
  const first = tokenAt(tokens, sent.start);
  for (let j = open - 2; j >= first && open - 2 - j <= COMPLEMENT_OBJECT_MAX_TOKENS; j--) {
    const t = tokens[j]!;
    // A clause boundary in the object ("the statement that he opposed the war as") or a
    // participle of saying ("describing … as") leaves the quote to the other cues.
    if (t.quote !== -1 || (!t.word && !/^['’]s$/u.test(t.text)) || OBJECT_CLAUSE_OPENERS.has(t.lower) || (SPEECH_VERBS.has(t.lower) && /ing$/.test(t.lower))) return null;
    if (!complementVerb(t)) continue;
    // The verb needs an object before "as": "served as “…”" says nothing.
    if (j === open - 2) return null;
    const phrase = subjectBefore(tokens, j, true);
    // "she and her peers referred to themselves as", "who has in the past described": a
    // coordinated subject or a prepositional object is not the verb's whole subject.
    const before = phrase ? tokens[phrase.from - 1] : undefined;
    if (!phrase || (before?.word && !before.cap && (before.lower === 'and' || before.lower === 'or' || COMPLEMENT_PREPOSITIONS.has(before.lower)))) return null;
    const mention = describe(tokens, text, phrase);
    if (mention.kind === 'pronoun' && mention.head === 'it') return null;
    return { verb: j, mention, distance: Math.min(gap(mention, span), gap(t, span)) };
  }
  return null;
}

/** `“…,” he told friends`: the cue follows the quote at once, the words of a trailing attribution. */
export function trailing(tokens: Token[], cue: Cue, span: QuoteSpan): boolean {
  let k = tokenAt(tokens, span.outerEnd);
  if (tokens[k]?.text === ',') k++;
  const t = tokens[k];
  return Boolean(t && (t.start === cue.mention.start || k === cue.verb));
}

/** A finite verb that can take an object and an "as" complement: "described", "rejected", "sees". */
const complementVerb = (t: Token): boolean => !t.cap && (SPEECH_VERBS.has(t.lower) ? !/ing$/.test(t.lower) : /[a-z]ed$/.test(t.lower) || IRREGULAR_PAST.has(t.lower));

/** How far before a group's phrase its share is read. */
const SHARE_REACH_TOKENS = 6;

/**
 * "In a CNN/ORC poll released Monday, 31 percent of Republicans said they were “extremely
 * enthusiastic”": a share of a group says nothing itself; its words are the finding of the
 * poll that measured it, named in the sentence or the one before.
 */
export function pollCue(tokens: Token[], text: string, sentences: Sentence[], s: number, cue: Cue): Cue {
  if (cue.mention.kind === 'pronoun') return cue;
  // Read back over a coordinated group: "31% of Republicans and Republican-leaning voters".
  const from = tokenAt(tokens, cue.mention.start);
  let measured = false;
  for (let k = from - 1; k > 0 && from - k <= SHARE_REACH_TOKENS && !measured; k--) {
    const t = tokens[k]!;
    if (t.quote !== -1 || (!t.word && t.text !== '%' && t.text !== '-')) break;
    measured = (t.lower === 'of' && SHARES.has(tokens[k - 1]!.lower)) || (t.lower === 'in' && /^\d+$/.test(tokens[k - 1]!.text));
  }
  if (!measured) return cue;
  for (const k of [s, s - 1]) {
    const sent = sentences[k];
    if (!sent || (k < s && sent.paragraph !== sentences[s]!.paragraph)) break;
    for (let i = tokenAt(tokens, sent.start); i < tokens.length && tokens[i]!.start < sent.end; i++) {
      const t = tokens[i]!;
      if (t.quote !== -1 || !SURVEY_NOUNS.has(t.lower)) continue;
      const phrase = phraseEndingAt(tokens, i, true) ?? { from: i, to: i + 1 };
      return { ...cue, mention: describe(tokens, text, phrase) };
    }
  }
  return cue;
}

/** "… by interjecting, “Only Rosie O’Donnell.”": a participle right before a pause and the quote introduces it. */
export function introducingParticiple(tokens: Token[], i: number, span: QuoteSpan): boolean {
  const t = tokens[i]!;
  if (!/[a-z]{3}ing$/.test(t.lower) || t.cap) return false;
  // "before a 2014 Senate hearing, “…”": after a name, a number or a determiner it is a noun.
  const before = tokens[i - 1];
  if (before && (before.cap || /\d/.test(before.text) || DETERMINERS.has(before.lower) || isAdjectiveLike(before))) return false;
  const pause = tokens[i + 1];
  return Boolean(pause && /^[,:]$/.test(pause.text) && pause.quote === -1 && tokens[i + 2]?.start === span.outerStart);
}

/**
 * "Mr. Trump was prompted to say, “…”", "Trump went on to call them “…”": the infinitive's
 * subject is the subject of the verb that governs it.
 */
export function infinitiveSubject(tokens: Token[], i: number): Phrase | null {
  const to = tokens[i - 1];
  if (to?.lower !== 'to' || to.quote !== -1) return null;
  let k = i - 2;
  if (tokens[k]?.lower === 'on') k--;
  const head = tokens[k];
  if (!head || head.quote !== -1 || !(verbForm(head) || INFINITIVE_HEADS.has(head.lower))) return null;
  return subjectBefore(tokens, k);
}

/** A past or present tense verb by its form: "barked", "beamed", "spoke", "begins". */
export function verbForm(t: Token): boolean {
  if (!t.word || t.cap || CLAUSE_AUXILIARIES.has(t.lower) || VERB_FILLERS.has(t.lower)) return false;
  return /[a-z]ed$/.test(t.lower) || IRREGULAR_PAST.has(t.lower) || /[a-z][^su]s$/.test(t.lower);
}

/** The most words of description read between an article and a name: "an angry Hollande". */
const DESCRIPTION_MAX_TOKENS = 3;

/**
 * `“…,” an angry Hollande retaliated`: a name read back from its verb stops at the words that
 * describe it; the phrase runs on to the article that opens them.
 */
export function describedName(tokens: Token[], p: Phrase | null): Phrase | null {
  if (!p || !tokens[p.from]!.cap) return p;
  for (let k = p.from - 1; k >= 0 && p.from - k <= DESCRIPTION_MAX_TOKENS + 1; k--) {
    const t = tokens[k]!;
    if (!t.word || t.cap || t.quote !== -1) return p;
    if (t.lower === 'a' || t.lower === 'an') return k < p.from - 1 ? { from: k, to: p.to } : p;
    if (PHRASE_BREAKERS.has(t.lower) || verbForm(t)) return p;
  }
  return p;
}

/**
 * Characters between a quote and a word of its cue. A cue around the quote is as near as its
 * nearer end: in "He fulminated – ''I love Oreos,'' he said – and vowed", "he said" is nearer.
 */
export function gap(w: { start: number; end: number }, span: QuoteSpan): number {
  if (w.end <= span.outerStart) return span.outerStart - w.end;
  return Math.max(0, w.start - span.outerEnd);
}

/** How far back from a quote or verb its clause's opener is looked for. */
const INNER_CLAUSE_MAX_TOKENS = 16;

/**
 * "It is strange that Trump would denounce “self-deportation”", "Voters were angry after Trump
 * called the judge “a hater”": a quote in a clause of its own goes to that clause's subject, a
 * person by name or pronoun, not to the sentence's. Read back to the clause's opener, no pause
 * or quote between.
 */
export function innerClauseSubject(tokens: Token[], text: string, sent: Sentence, verb: number): Phrase | null {
  const first = tokenAt(tokens, sent.start);
  for (let k = verb - 1; k > first && verb - k <= INNER_CLAUSE_MAX_TOKENS; k--) {
    const t = tokens[k]!;
    if (t.quote !== -1 || /^[,;:.!?()\u2014\u2013]$/.test(t.text)) return null;
    if (t.cap || !INNER_CLAUSE_OPENERS.has(t.lower)) continue;
    // "He said that X …", "cautioning that …", "his accusation that X …": a clause reported by
    // someone is theirs, not its own subject's.
    if (reportedClause(tokens, first, k)) return null;
    const p = phraseAfter(tokens, k + 1);
    if (!p || p.to >= verb) return null;
    const m = describe(tokens, text, p);
    const person = m.kind === 'pronoun' ? m.head !== 'it' : m.kind === 'name' && !m.organization;
    if (!person) return null;
    // The subject's own verb follows it: "Trump would denounce", "Trump on Monday called".
    // ("after the vote underscores": "after" was a preposition, and a person is never "the …".)
    const next = tokens[pastWhen(tokens, p.to)];
    const verbal = next?.word && !next.cap && (verbForm(next) || VERB_FILLERS.has(next.lower) || SPEECH_VERBS.has(next.lower) || IRREGULAR_PAST.has(next.lower));
    return verbal && !DETERMINERS.has(tokens[p.from]!.lower) ? p : null;
  }
  return null;
}

/** A verb of saying stands before the opener at `k` in its sentence, or a noun of one right before "that". */
function reportedClause(tokens: Token[], first: number, k: number): boolean {
  const prev = tokens[k - 1]!;
  if (tokens[k]!.lower === 'that' && (/ing$/.test(prev.lower) || /(?:ion|ment)s?$/.test(prev.lower))) return true;
  for (let j = k - 1; j >= first; j--) if (tokens[j]!.quote === -1 && !tokens[j]!.cap && SPEECH_VERBS.has(tokens[j]!.lower)) return true;
  return false;
}

/** The longest adjunct read between a subject and its verb: "in his announcement speech". */
const ADJUNCT_MAX_TOKENS = 8;

/**
 * "Trump in his announcement speech called …", "Sanders on Thursday told …": a short phrase of
 * where or when between a named subject (or a pronoun) and its verb.
 */
export function subjectPastAdjunct(tokens: Token[], v: number): Phrase | null {
  // A finite verb: "pep talks" is a noun.
  const verb = tokens[v]!;
  if (!REPORTING_VERBS.has(verb.lower) && !/[a-z]ed$/.test(verb.lower) && !IRREGULAR_PAST.has(verb.lower)) return null;
  let j = v - 1;
  while (j >= 0 && tokens[j]!.word && !tokens[j]!.cap && VERB_FILLERS.has(tokens[j]!.lower)) j--;
  for (let k = j; k >= 0 && j - k < ADJUNCT_MAX_TOKENS; k--) {
    const t = tokens[k]!;
    // The adjunct is a noun phrase: no verb, no clause ("before his knee blew out", "and says").
    // ("in her opening speech": after a determiner an -ing word describes a noun.)
    const verbal = verbForm(t) || (/ing$/.test(t.lower) && !DETERMINERS.has(tokens[k - 1]?.lower ?? ''));
    if (t.quote !== -1 || !t.word || (!t.cap && (PHRASE_BREAKERS.has(t.lower) || verbal) && !ADJUNCT_PREPOSITIONS.has(t.lower))) return null;
    if (t.cap || !ADJUNCT_PREPOSITIONS.has(t.lower)) continue;
    if (k === j) return null;
    const before = tokens[k - 1];
    if (!before?.word || before.quote !== -1) return null;
    if (PRONOUNS.has(bareWord(before.lower)) && before.lower !== 'it') return { from: k - 1, to: k };
    // "Sanders during a rally on Sunday thanked": one phrase of where may follow another.
    if (!before.cap) continue;
    const p = phraseEndingAt(tokens, k - 1);
    return p && tokens[p.from]!.cap ? p : null;
  }
  return null;
}

/** "Sen. Bernie Sanders on Saturday criticized": a day after the subject leads on to its verb. */
export function pastWhen(tokens: Token[], k: number): number {
  const on = tokens[k]?.lower === 'on' ? 1 : 0;
  const day = tokens[k + on];
  if (!day || day.quote !== -1 || !SPEECH_DAYS.has(day.lower) || (on && day.lower.endsWith('day') && !day.cap)) return k;
  return k + on + 1;
}

/** Possessive pronouns and the pronoun each stands for. */
// ("its prediction": a thing's, the letter's or the report's, more often than a body's.)
const POSSESSIVE_PRONOUNS = new Map([
  ['his', 'he'],
  ['her', 'she'],
  ['their', 'they'],
]);
/** The most tokens between a noun of saying and the quote in its complement. */
const NOUN_COMPLEMENT_MAX_TOKENS = 16;
/** The most words (adjectives, a month) between a possessive and its noun: "her March comment". */
const POSSESSED_MODIFIERS_MAX = 2;

/**
 * A noun made from a verb of saying: "claim" (claims), "promise" (promised), "statement"
 * (states), "assertion" (asserts), "argument" (argues), "insistence" (insists), "warning".
 */
export function isSpeechNoun(w: string): boolean {
  const noun = /[^s]s$/.test(w) ? w.slice(0, -1) : w;
  // "his saying", "their writing": a verb's -ing form is the act, not the words.
  if (/(?:ing|ed)$/.test(noun)) return false;
  if (['', 's', 'd'].some((end) => SPEECH_VERBS.has(noun + end))) return true;
  const stem = /^(.{3,}?)(?:ation|ion|ment|ence)$/.exec(noun)?.[1];
  return Boolean(stem && ['s', 'es'].some((end) => SPEECH_VERBS.has(stem + end)));
}

/**
 * "Politifact did a fact-check on Donald Trump’s claim that there have been “thousands of
 * shootings”", "Contrary to his claim that people would “learn nothing”": a quote in the
 * complement of a noun of saying is the words of the noun's possessor (a title in quote marks
 * is left to the caller).
 */
export function possessorCue(tokens: Token[], text: string, i: number, span: QuoteSpan): Cue | null {
  const noun = tokens[i]!;
  if (noun.cap || !isSpeechNoun(noun.lower)) return null;
  const open = tokenAt(tokens, span.outerStart);
  if (open <= i || open - i > NOUN_COMPLEMENT_MAX_TOKENS) return null;
  const next = tokens[i + 1]!;
  if (!NOUN_COMPLEMENT_OPENERS.has(next.lower)) return null;
  // "Rubio's claim that Cruz is in favor of legalizing immigrants is “simply not true”": past
  // the complement's own verb the main clause goes on, and says something of the claim.
  let verbs = 0;
  for (let k = i + 2; k < open; k++) {
    const t = tokens[k]!;
    if (t.quote !== -1 || /^[.;:!?()\u2014\u2013]$/.test(t.text) || SPEECH_VERBS.has(t.lower) || isSpeechNoun(t.lower)) return null;
    const finite = CLAUSE_AUXILIARIES.has(t.lower) || verbForm(t);
    if (finite && !(CLAUSE_AUXILIARIES.has(tokens[k - 1]!.lower) || verbForm(tokens[k - 1]!))) verbs++;
  }
  if (verbs > (next.lower === 'that' ? 1 : 0)) return null;
  let j = i - 1;
  while (
    j >= 0 &&
    i - 1 - j < POSSESSED_MODIFIERS_MAX &&
    tokens[j]!.word &&
    !/['’]s?$/u.test(tokens[j]!.text) &&
    !POSSESSIVE_PRONOUNS.has(tokens[j]!.lower) &&
    (isAdjectiveLike(tokens[j]!) || tokens[j]!.cap)
  )
    j--;
  const owner = tokens[j];
  if (!owner?.word || owner.quote !== -1) return null;
  const pronoun = POSSESSIVE_PRONOUNS.get(owner.lower);
  if (pronoun) return { verb: i, mention: pronounMention(owner, pronoun), distance: gap(noun, span) };
  if (!/['’]s?$/u.test(owner.text) || !owner.cap) return null;
  const phrase = phraseEndingAt(tokens, j);
  if (!phrase) return null;
  const mention = describe(tokens, text, phrase);
  return mention.kind === 'name' ? { verb: i, mention, distance: gap(noun, span) } : null;
}
