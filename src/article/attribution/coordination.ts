/**
 * Coordinated clauses: after ", and" (", but", ", while" …) a subject and a finite verb of
 * their own open a new clause, whose subject is the one a later verb or quote goes with.
 */
import { DETERMINERS, SPEECH_VERBS, VERB_FILLERS } from '../lexicon/lexicon.js';
import { clauseNominal, nominalAfter } from '../grammar/nominals.js';
import { CLAUSE_AUXILIARIES, IRREGULAR_PAST } from '../lexicon/verbs.js';
import { AFTER_CONJUNCTION, CLAUSE_CONJUNCTIONS } from '../lexicon/connectives.js';
import { PARTICIPLE_OPENERS } from '../lexicon/prepositions.js';
import { phraseAfter, type Phrase } from '../grammar/phrases.js';
import type { Token } from '../grammar/tokens.js';
import { isPreposition } from '../grammar/wordclass.js';

/** The most words of a phrase of when or where between the conjunction and the subject: "and within weeks". */
const LEADING_ADJUNCT_MAX_TOKENS = 4;

/**
 * "Walter Hewlett led the charge, and within weeks the opposition effort had … placed ads calling
 * the deal a “$25 billion mistake”", "a group of rabbis called for a boycott, and the
 * Anti-Defamation League … said it would “redirect” …": after a comma and a conjunction, a subject
 * and a finite verb of its own open a new clause, and a verb or quote after them is in it. The
 * subject of the nearest such clause between `first` and `verb`, or null (", and said …" carries
 * the first clause's subject on).
 */
export function coordinateSubject(tokens: Token[], first: number, verb: number): Phrase | null {
  for (let k = verb - 2; k > first; k--) {
    const t = tokens[k]!;
    if (t.quote !== -1 || !/^[,;]$/.test(t.text) || !CLAUSE_CONJUNCTIONS.has(tokens[k + 1]?.lower ?? '')) continue;
    let s = k + 2;
    if (AFTER_CONJUNCTION.has(tokens[s]?.lower ?? '')) s++;
    const p = subjectWithVerb(tokens, s, verb);
    if (p) return p;
  }
  return null;
}

/** A subject opening at `s` (past a short phrase of when) followed by its finite verb, before `verb`. */
export function subjectWithVerb(tokens: Token[], s: number, verb: number): Phrase | null {
  const opener = tokens[s];
  if (!opener?.word || opener.quote !== -1) return null;
  // "and within weeks the opposition effort had sent": a preposition's short phrase comes first.
  const starts = [s];
  if (!opener.cap && isPreposition(opener.lower)) {
    for (let j = s + 2; j <= s + LEADING_ADJUNCT_MAX_TOKENS + 1 && j < verb; j++) {
      if (!tokens[j - 1]!.word || tokens[j - 1]!.quote !== -1) break;
      if (DETERMINERS.has(tokens[j]!.lower) || tokens[j]!.cap) starts.push(j);
    }
  }
  for (const from of starts) {
    // "the Latin American pope": a name's reading may stop short of the noun that heads it.
    for (const p of [phraseAfter(tokens, from), nominalAfter(tokens, from)]) if (p && p.to <= verb && finiteAt(tokens, p.to)) return p;
  }
  return null;
}

/** The most tokens between a relative pronoun and the main verb after its clause. */
const RELATIVE_CLAUSE_MAX_TOKENS = 12;

/**
 * "the groups who wrote to her on Thursday say they are “concerned …”": a determiner and nouns
 * with a relative clause of their own (one finite verb, no pause) right before the verb at `v`
 * are its subject.
 */
export function subjectPastRelative(tokens: Token[], v: number): Phrase | null {
  for (let k = v - 1; k > 0 && v - k <= RELATIVE_CLAUSE_MAX_TOKENS; k--) {
    const t = tokens[k]!;
    if (t.quote !== -1 || !t.word) return null;
    if (t.lower !== 'who') continue;
    let verbs = 0;
    for (let j = k + 1; j < v; j++) if (finiteWord(tokens[j]!)) verbs++;
    const p = verbs === 1 ? clauseNominal(tokens, k - 1) : null;
    // "Nate Silver, the polling guru who founded … tweeted": an appositive to a name leaves the name the subject.
    return p && !(tokens[p.from - 1]?.text === ',' && tokens[p.from - 2]?.cap) ? p : null;
  }
  return null;
}

/** A finite verb at `k`, past adverbs: "strongly denounced", "had sent", "is". */
function finiteAt(tokens: Token[], k: number): boolean {
  let j = k;
  const filler = (t: Token | undefined): boolean => Boolean(t?.word && !t.cap && !CLAUSE_AUXILIARIES.has(t.lower) && (VERB_FILLERS.has(t.lower) || /[a-z]ly$/.test(t.lower)));
  while (filler(tokens[j])) j++;
  const t = tokens[j];
  return Boolean(t && finiteWord(t));
}

/** "is", "had", "wrote", "said", "denounced": a word that is a finite verb by its form. */
function finiteWord(t: Token): boolean {
  if (!t.word || t.cap || t.quote !== -1) return false;
  if (CLAUSE_AUXILIARIES.has(t.lower) || IRREGULAR_PAST.has(t.lower)) return true;
  return SPEECH_VERBS.has(t.lower) ? !/ing$/.test(t.lower) : /[a-z]ed$/.test(t.lower);
}

/**
 * "In declaring Donald J. Trump's statements as “not Christian,” the Latin American pope again
 * demonstrated …": a participle that opens the sentence (alone or after a preposition) has the
 * main clause's subject, read after the pause that ends the participle clause.
 */
export function preposedSubject(tokens: Token[], first: number, end: number, i: number): Phrase | null {
  if (i !== first && !(i === first + 1 && PARTICIPLE_OPENERS.has(tokens[first]!.lower))) return null;
  for (let k = i + 1; k < end; k++) {
    if (tokens[k]!.text !== ',') continue;
    let s = k + 1;
    while (s < end && !tokens[s]!.word && tokens[s]!.quote >= 0) s++;
    return tokens[s]?.quote === -1 ? subjectWithVerb(tokens, s, end) : null;
  }
  return null;
}
