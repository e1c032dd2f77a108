/**
 * Finite verbs in a line, as compromise's lexicon tells them: whether a cut line still holds a
 * verb of its own clause, and enough of them for the clauses it opens. Used by the cuts in compress.ts.
 */
import { CUT_WORD } from './phrase-bounds.js';
import { lexiconTags } from './terms.js';
import { isCommonNoun, isVerbForm } from './wordclass.js';
import { FINITE_CLAUSE_OPENERS, NAME_CONTINUERS } from '../lexicon/connectives.js';
import { oneOf, alternation } from '../lexicon/words.js';
import { NOUN_CONTEXT_WORDS, BARE_FORM_PRONOUNS, S_FORM_SUBJECTS } from '../lexicon/determiners.js';
import { FINITE_AUXILIARIES } from '../lexicon/verbs.js';

/** Subjects whose present verb ends in -s: "he says", "which shows". */
const S_FORM_SUBJECT = oneOf(S_FORM_SUBJECTS, 'i');

/** Subject pronouns whose verb takes its bare form: "they say". */
const BARE_FORM_SUBJECT = oneOf(BARE_FORM_PRONOUNS, 'i');

/** Words after a name that go on with the phrase rather than start its verb: "Smith and", "Smith, who", "Bank of". */
const NAME_LINK = oneOf(NAME_CONTINUERS);

function plausibleVerb(word: string): boolean {
  if (AUXILIARY.test(word) || /n['\u2019]t$/i.test(word) || /\p{Ll}ed$/u.test(word) || verbLike(word.toLowerCase())) return true;
  const tags = lexiconTags(word.toLowerCase());
  return tags.length === 0 || tags.some((t) => /^(?:PastTense|PresentTense|Infinitive|Copula|Modal|Auxiliary|Verb)$/.test(t));
}

const CLAUSE_OPENER = oneOf(FINITE_CLAUSE_OPENERS, 'i');

/**
 * "The driver who fled the scene of the crash": every relative or subordinate clause in a line
 * takes one verb group, so the main clause needs one more ("…was granted bail").
 */
export function enoughVerbs(line: string): boolean {
  // A word the lexicon knows, but not as a verb ("Florida governor", "Norwich during"), heads no verb group here.
  const words = line.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}'\u2019]+$/gu, ''));
  const finite = finiteVerbs(line).map((f, i) => f && plausibleVerb(words[i]!));
  const groups = finite.filter((f, i) => f && !finite[i - 1]).length;
  const opened = line.split(/\s+/).filter((w, i) => i > 0 && CLAUSE_OPENER.test(w.replace(/[^\p{L}]+$/u, ''))).length;
  return groups > opened;
}

/** Verbs that make a clause finite on their own: "Ted Cruz is endorsing". */
export const AUXILIARY = new RegExp(String.raw`^(?:${alternation(FINITE_AUXILIARIES)}|(?:he|she|it|they|we|i|you|there|that|what|who)['\u2019](?:s|re|ve|ll|d|m))$`, 'i');

/** Whether a phrase holds a verb, so that what follows it is not its predicate: "Mighty also accuses Olam…". */
export function hasVerb(phrase: string): boolean {
  return phrase.split(/\s+/).some((w) => AUXILIARY.test(w) || verbLike(w));
}

const NOUN_CONTEXT = oneOf(NOUN_CONTEXT_WORDS, 'i');

/**
 * Whether a cut line still holds a verb of its own clause. "One month after announcing his support
 * for Donald Trump, Marco Rubio | still believes…", "Inserted in the middle of a story, New York
 * Times reporter Matt Flegenheimer | conflated…": a gerund or a participle opening the line is
 * not one. A word the lexicon does not know counts when it could be a verb ("disagrees"), so a
 * line is refused only when it plainly has none.
 */
export function hasFiniteVerb(line: string): boolean {
  // Stops at the first finite verb: cutting a lead asks this of every line it tries.
  const words = lineWords(line);
  return words.some((_, i) => isFiniteAt(words, i));
}

/** For each word of a line, whether it is a finite verb (see hasFiniteVerb). */
function finiteVerbs(line: string): boolean[] {
  const words = lineWords(line);
  return words.map((_, i) => isFiniteAt(words, i));
}

/** A line's words without the punctuation around them. */
const lineWords = (line: string): string[] => line.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}'\u2019]+$/gu, ''));

/** Whether the `i`th word of a line is a finite verb, read with the word before it. */
function isFiniteAt(words: string[], i: number): boolean {
  const w = words[i]!;
  if (AUXILIARY.test(w) || /n['\u2019]t$/i.test(w)) return true;
  // "Hillary Clinton apparently disagrees": an adverb stands between the subject and its verb.
  let p = i - 1;
  while (p > 0 && /^\p{Ll}+ly$/u.test(words[p]!)) p--;
  const prev = words[p] ?? '';
  // "Donald Trump’s rally", "Clinton's gun control offensive": after a possessive, a noun.
  if (!/^\p{Ll}/u.test(w) || i === 0 || NOUN_CONTEXT.test(prev) || (/^\p{Ll}/u.test(prev) && adjectiveOnly(prev)) || /\p{L}['\u2019]s?$/u.test(prev)) return false;
  const tags = lexiconTags(w);
  // "the black American experience": after a people's adjective a word is a noun.
  if (lexiconTags(prev).includes('Demonym')) return false;
  // "Josh Gillies beat…", "Sen. Elizabeth Warren grilled…": a word after a name is its verb, unless it names a role ("Times reporter").
  if (/^\p{Lu}/u.test(prev) && !isCommonNoun(prev.toLowerCase()) && !tags.includes('Actor') && !CUT_WORD.test(w) && !NAME_LINK.test(w)) return true;
  if (tags.some((t) => t === 'PastTense' || t === 'PresentTense' || t === 'Copula' || t === 'Modal' || t === 'Auxiliary' || t === 'Verb')) return true;
  if (tags.includes('Infinitive')) return /^\p{Lu}/u.test(prev) || BARE_FORM_SUBJECT.test(prev) || /[^s]s$/.test(prev);
  if (/ed$/.test(w)) return true;
  // "the senator disagrees", "it remains": an unknown "-s" word after a noun or a pronoun, not after "sexual".
  const prevTags = lexiconTags(prev);
  return /s$/.test(w) && (tags.length === 0 || verbLike(w)) && (S_FORM_SUBJECT.test(prev) || prevTags.some((t) => t === 'Singular' || t === 'Actor'));
}

/** A word the lexicon knows only as an adjective ("global", "likely"): a noun may follow it in its phrase. */
export function adjectiveOnly(word: string): boolean {
  const tags = lexiconTags(word);
  return /^\p{Ll}/u.test(word) && tags.length > 0 && tags.every((t) => t === 'Adjective' || t === 'Comparative' || t === 'Superlative');
}

/** A lower-case verb form: one the lexicon knows as a tense or participle, or a regular "-ed"/"-ing" word. */
export function verbLike(word: string): boolean {
  if (!/^\p{Ll}/u.test(word)) return false;
  if (isVerbForm(word) || lexiconTags(word).some((t) => t === 'Gerund' || t === 'Participle')) return true;
  // "accuses", "describes": a present tense the lexicon knows by its infinitive.
  const stem = /^(\p{Ll}+?)e?s$/u.exec(word);
  if (stem && [stem[1]!, `${stem[1]!}e`].some((w) => lexiconTags(w).includes('Infinitive')) && !lexiconTags(word).some((t) => t === 'Plural' || t === 'Singular')) return true;
  return word.length > 4 && /(?:ed|ing)$/.test(word) && lexiconTags(word).length === 0;
}
