import { ANONYMOUS, DETERMINERS, NOT_NAME_WORDS, PHRASE_BREAKERS, PRONOUNS, REPORTING_VERBS, SOURCE_NOUNS, SPEECH_VERBS, VERB_FILLERS } from '../lexicon/lexicon.js';
import { placeAndRegion } from './clauses.js';
import { clauseNominal, isHeadNoun, isNounLike, isRoleNoun, reportsSpeech } from './nominals.js';
import { isInitials, type Token } from './tokens.js';
import { NAME_CONNECTORS } from '../lexicon/names.js';
import { NOUN_PHRASE_PREPOSITIONS } from '../lexicon/prepositions.js';
import { RELATIVE_WORDS, INSERTED_ADVERBS } from '../lexicon/connectives.js';
import { FLOATING_QUANTIFIERS, OBJECT_PRONOUNS } from '../lexicon/determiners.js';
import { IRREGULAR_PARTICIPLES, PARTICIPLE_OBJECTS, IRREGULAR_PAST, VERB_GOVERNING_WORDS } from '../lexicon/verbs.js';
import { alternation } from '../lexicon/words.js';
import { ROLE_MODIFIERS, ABBREVIATED, PARTY_TAG, ROLE_NOUNS, TITLES } from '../lexicon/titles.js';

/** A noun phrase read around a verb of saying: a token range `[from, to)`. */
export interface Phrase {
  from: number;
  to: number;
}

/** Longest subject phrase we read: "Former Secretary of State Hillary Rodham Clinton". */
const PHRASE_MAX_TOKENS = 9;
/** "Leonard E. Burman, director of … and a professor at …, said": appositives run long. */
const APPOSITIVE_MAX_TOKENS = 40;
/** How many fillers may stand between subject and verb: "he has also said". */
const FILLERS_MAX = 3;

/** "He’s claiming", "she’d said": the pronoun without its contraction. */
export const bareWord = (w: string): string => w.replace(/['’](?:s|d|ll|ve|re|m)$/u, '');

// "secretary of state": the word after a role's "of" belongs to the role.
const afterRoleOf = (tokens: Token[], i: number): boolean => tokens[i - 1]?.lower === 'of' && ROLE_NOUNS.has(tokens[i - 2]?.lower ?? '');

// The noun that ends a phrase: nothing wordy follows it ("said the 46-year-old.").
const isHeadAt = (tokens: Token[], i: number): boolean => !tokens[i + 1]?.word || PHRASE_BREAKERS.has(tokens[i + 1]!.lower);

// "Sen.", "U.S." and a middle initial ("Jason C. Ervin") end in a dot that ends nothing; so do
// dotted initials before a name ("G.K. Butterfield"), not a state's ("Raleigh, N.C., who").
const isAbbreviationBefore = (tokens: Token[], dot: number): boolean => {
  const prev = tokens[dot - 1];
  const name = tokens[dot + 1];
  return Boolean(prev && (ABBREVIATED.has(prev.lower) || /^\p{Lu}$/u.test(prev.text) || (isInitials(prev.text) && name?.cap && !name.initial)));
};

const isFiller = (t: Token): boolean => !t.cap && (VERB_FILLERS.has(t.lower) || FLOATING_QUANTIFIERS.has(t.lower) || (t.lower.length > 4 && t.lower.endsWith('ly')));
/** The subject of the verb at `v`, read backwards: "Kremlin spokesperson Dmitry Peskov said". */
export function subjectBefore(tokens: Token[], v: number, strongVerb = false): Phrase | null {
  const strong = strongVerb || REPORTING_VERBS.has(tokens[v]!.lower);
  let j = v - 1;
  for (let n = 0; n < FILLERS_MAX && j >= 0 && tokens[j]!.word && isFiller(tokens[j]!); n++) j--;
  if (j < 0) return null;
  const last = tokens[j]!;
  if (last.text === ',') return appositiveSubject(tokens, j);
  if (last.word && PRONOUNS.has(bareWord(last.lower))) return { from: j, to: j + 1 };
  // "“…,” one said": a word standing for an unnamed member of a group, not "no one".
  if (ANONYMOUS.has(last.lower) && !tokens[j - 1]?.word) return { from: j, to: j + 1 };
  // "Trump’s call for …": a possessive names whose thing it is, never who speaks.
  if (/['’]s$/u.test(last.text)) return null;
  return phraseEndingAt(tokens, j, strong) ?? (reportsSpeech(tokens, j, v) ? clauseNominal(tokens, j) : null);
}

/** Reads a noun phrase backwards from token `end` (inclusive). */
export function phraseEndingAt(tokens: Token[], end: number, strong = false): Phrase | null {
  let j = end;
  let from = end + 1;
  while (j >= 0 && end - j < PHRASE_MAX_TOKENS) {
    const t = tokens[j]!;
    // A phrase never crosses a quote mark: names inside a quote stay inside it.
    if (t.quote !== tokens[end]!.quote) break;
    if (!t.word) {
      if (t.text === '.' && j > 0 && isAbbreviationBefore(tokens, j) && tokens[j - 1]!.end === t.start) {
        j--;
        continue;
      }
      if (t.text === ')' && from === end + 1) {
        j = skipParenthesis(tokens, j);
        if (j < 0) break;
        from = j;
        j--;
        continue;
      }
      break;
    }
    // "“…,” one user wrote": "one" before a noun counts an unnamed member of a group.
    if (DETERMINERS.has(t.lower) || (t.lower === 'one' && j < end && !t.cap)) {
      from = j;
      break;
    }
    if (t.cap) {
      if (NOT_NAME_WORDS.has(t.lower) && !TITLES.has(t.lower)) break;
      // A title line or the previous paragraph is never part of the phrase.
      if (t.initial && j < end && tokens[j + 1]!.initial) break;
    } else if (NAME_CONNECTORS.has(t.lower)) {
      // "the secretary of defense said": a role's "of" joins the phrase as in a name.
      const roleOf = t.lower === 'of' && ROLE_NOUNS.has(tokens[j - 1]?.lower ?? '');
      if (!(j > 0 && tokens[j - 1]!.cap && tokens[j + 1]?.cap) && !roleOf) break;
    } else if (
      !isRoleWord(t) &&
      !(strong && j === end && isNounLike(t)) &&
      !(j < end && isNounLike(t) && isHeadNoun(tokens[j + 1]) && !VERB_GOVERNORS.test(tokens[j - 1]?.lower ?? ''))
    ) {
      // ("doesn't surprise pollster Ann Lee": after an auxiliary the word is a verb, not the role's.)
      // ("the Senate minority leader": a plain noun before a role noun is part of the role.)
      // Lower-case words in a subject are roles and their modifiers: "Kremlin spokesperson".
      const det = strong ? determinerWithin(tokens, j) : -1;
      if (det >= 0) from = det;
      break;
    }
    from = j;
    if (t.initial && t.text !== '.') break;
    j--;
  }
  if (from > end) return null;
  // "but in a later interview said": an opening prepositional phrase is never the subject
  // ("A spokesman for the buyer said" is a noun's, and its object overlaps the subject).
  if (DETERMINERS.has(tokens[from]!.lower) && NOUN_PHRASE_PREPOSITIONS.has(tokens[from - 1]?.lower ?? '') && opensAdjunct(tokens[from - 2])) return null;
  // "one of the aides said": the speaker is one member of the group.
  if (tokens[from - 1]?.lower === 'of' && ANONYMOUS.has(tokens[from - 2]?.lower ?? '') && acceptable(tokens, { from, to: end + 1 }, strong)) return { from: from - 2, to: end + 1 };
  return acceptable(tokens, { from, to: end + 1 }, strong);
}

/** Words after which a lower-case word is a verb: "not", "doesn't", "will", "can". */
const VERB_GOVERNORS = new RegExp(String.raw`^(?:${alternation(VERB_GOVERNING_WORDS)}|.+n['’]t)$`, 'u');

const opensAdjunct = (t: Token | undefined): boolean => !t || !t.word || /^(and|but|or|yet|so|then|later|also|first)$/.test(t.lower);

// "Sanders (I-Vt.) said": skip the parenthesis back to its opening bracket.
function skipParenthesis(tokens: Token[], close: number): number {
  for (let k = close - 1; k >= 0 && close - k < 8; k--) {
    if (tokens[k]!.text === '(') return k - 1 >= 0 ? k - 1 : -1;
  }
  return -1;
}

/**
 * "Dmitry Peskov, the Kremlin spokesman, said" and "Smith, who leads the group, said": the
 * subject is the phrase before the inserted clause.
 */
function appositiveSubject(tokens: Token[], comma: number): Phrase | null {
  for (let k = comma - 1; k >= 0 && comma - k < APPOSITIVE_MAX_TOKENS; k--) {
    const t = tokens[k]!;
    // "Bill Eastland, wearing “Ted Cruz” campaign pins, said": a title in quote marks is read past.
    if (t.quote >= 0 && k < comma - 1) {
      const open = titleQuoteStart(tokens, k);
      if (open > 0) {
        k = open;
        continue;
      }
    }
    if (t.quote >= 0 || /[;:!?"“”]/.test(t.text)) return null;
    if (t.text === '.' && !ABBREVIATED.has(tokens[k - 1]?.lower ?? '') && !/^\p{Lu}$/u.test(tokens[k - 1]?.text ?? '') && !PARTY_TAG.test(tokens[k - 1]?.text ?? '')) return null;
    if (t.text === ',') {
      // "Sen. Rand Paul, R-Ky., told": a party and state set off by commas.
      if (comma - k <= 3 && PARTY_TAG.test(tokens[k + 1]!.text)) return phraseEndingAt(tokens, k - 1, true);
      // "The two lawmakers, however, argue": an adverb set off by commas leaves the subject whole.
      if (k === comma - 2 && INSERTED_ADVERBS.has(tokens[k + 1]!.lower)) return phraseEndingAt(tokens, k - 1, true);
      // "Makrus Åsberg, an officer with the police Uppsala, Sweden, told", "Clinton, at a town
      // hall in Columbus, Ohio, said": a place and its region are one phrase inside the appositive;
      // the subject stands before it.
      if (placeAndRegion(tokens, k, comma)) {
        const outer = appositiveSubject(tokens, k);
        if (outer) return outer;
      }
      // "The complaint, which was filed in Washington, alleged": a relative or participle clause
      // describes the head, so the head speaks even when it is no name.
      // "… in the Republican primary, Gov. John Kasich, said": the head must end in a name.
      // "Hunter Biden Jr., in an interview with CNN, blurted out": a phrase of where or when is
      // inserted too.
      const inserted = opensClause(tokens[k + 1]) || NOUN_PHRASE_PREPOSITIONS.has(tokens[k + 1]?.lower ?? '');
      const head = phraseEndingAt(tokens, k - 1, inserted);
      // "Jean-Marc Ayrault, the foreign minister of France, a permanent member of …, said": a role
      // set off by commas after a name is that name's appositive, whatever name ends the role.
      const named = head && !inserted && endsInName(tokens, head) ? namedBeforeAppositive(tokens, head) : null;
      if (named) return named;
      if (head && ((hasName(tokens, head) && endsInName(tokens, head)) || inserted)) return head;
      return phraseEndingAt(tokens, comma - 1);
    }
  }
  return null;
}

/** The name before "Name, the role …": the role phrase opens on a determiner right after the name's comma. */
function namedBeforeAppositive(tokens: Token[], role: Phrase): Phrase | null {
  const det = tokens[role.from]!;
  if (!DETERMINERS.has(det.lower) || det.cap || tokens[role.from - 1]?.text !== ',') return null;
  const name = phraseEndingAt(tokens, role.from - 2, true);
  // "In a statement to the Observer, her adviser, …": a name after a preposition is no subject.
  return name && hasName(tokens, name) && endsInName(tokens, name) && !NOUN_PHRASE_PREPOSITIONS.has(tokens[name.from - 1]?.lower ?? '') ? name : null;
}

/** The most words a title in quote marks inside an appositive has. */
const TITLE_MAX_WORDS = 6;

/**
 * The first token of the quote whose last token is `k` when it is a short title, every word
 * capitalised but for small ones ("“Ted Cruz”", "''America's Unwritten Constitution,''"); else -1.
 */
function titleQuoteStart(tokens: Token[], k: number): number {
  const q = tokens[k]!.quote;
  let j = k;
  let words = 0;
  for (; j >= 0 && tokens[j]!.quote === q; j--) {
    const t = tokens[j]!;
    if (!t.word) continue;
    if (++words > TITLE_MAX_WORDS || (!t.cap && t.lower.length > 3)) return -1;
  }
  return words > 0 ? j + 1 : -1;
}

/** "which was filed", "who represents", "sent to Clinton": a clause, not a name or a title. */
const opensClause = (t: Token | undefined): boolean =>
  Boolean(t && t.word && !t.cap && (RELATIVE_WORDS.has(t.lower) || /[a-z](?:ed|en)$/.test(t.lower) || IRREGULAR_PAST.has(t.lower) || IRREGULAR_PARTICIPLES.has(t.lower)));

/** The phrase after an inverted verb: `“…,” said Caddell.` or `according to the State Department`. */
export function phraseAfter(tokens: Token[], start: number, strong = false): Phrase | null {
  const first = tokens[start];
  if (!first || !first.word) return null;
  if (PRONOUNS.has(bareWord(first.lower))) return { from: start, to: start + 1 };
  // "Facing mounting criticism, …", "Earlier in the primaries, …": not a name.
  if (
    ((weakCapital(tokens, start) && !rolePrefix(tokens, start)) || participleOpener(tokens, start) || sentenceAdverb(tokens, start) || modifierOpener(tokens, start)) &&
    !TITLES.has(first.lower) &&
    !DETERMINERS.has(first.lower)
  )
    return null;
  // "At Monday’s debate", "With Democratic leaders …", "That’s when she …": not a subject.
  if (first.cap && NOT_NAME_WORDS.has(bareWord(first.lower)) && !TITLES.has(first.lower) && !DETERMINERS.has(first.lower)) return null;
  let to = start;
  while (to < tokens.length && to - start < PHRASE_MAX_TOKENS) {
    const t = tokens[to]!;
    if (t.quote !== first.quote) break;
    if (!t.word) {
      if (t.text === '.' && isAbbreviationBefore(tokens, to) && tokens[to + 1]?.cap) {
        to++;
        continue;
      }
      break;
    }
    // "said one Democratic source", "according to a 52-count complaint".
    const isDet = DETERMINERS.has(t.lower) || (to === start && /^(one|two|three|four|five|several|many|some)$/.test(t.lower)) || (to > start && /\d/.test(t.text));
    if (to > start && isDet && !/\d/.test(t.text)) break;
    if (!t.cap && !isDet && !/\d/.test(t.text)) {
      // "The former secretary of state", "the minister of environment": "of" continues a role.
      const roleOf = t.lower === 'of' && ROLE_NOUNS.has(tokens[to - 1]?.lower ?? '') && Boolean(tokens[to + 1]?.word) && !DETERMINERS.has(tokens[to + 1]!.lower);
      if (!roleOf && (NAME_CONNECTORS.has(t.lower) ? !(tokens[to + 1]?.cap && tokens[to - 1]?.cap) : PHRASE_BREAKERS.has(t.lower) || OBJECT_PRONOUNS.has(t.lower))) break;
      // "the younger Mr. Trump": a modifier right before a name; "The book accuses Bob" is a verb.
      // "said retired neurosurgeon Ben Carson": so is a description right before a name.
      const beforeName =
        isNounLike(t) &&
        !SPEECH_VERBS.has(t.lower) &&
        Boolean(tokens[to + 1]?.cap && !tokens[to + 1]!.initial) &&
        (strong || (to === start + 1 && DETERMINERS.has(tokens[start]!.lower)));
      if (
        !roleOf &&
        !beforeName &&
        !isRoleNoun(t.lower) &&
        !SOURCE_NOUNS.has(t.lower) &&
        !isAdjectiveLike(t) &&
        !NAME_CONNECTORS.has(t.lower) &&
        !(strong && isNounLike(t) && isHeadAt(tokens, to)) &&
        !afterRoleOf(tokens, to) &&
        !modifiesHead(tokens, to, start)
      )
        break;
    }
    to++;
  }
  if (to === start) return null;
  return acceptable(tokens, { from: start, to }, strong);
}

/**
 * "the budget office", "the second official", "the ad’s narrator": after a determiner, a plain
 * word (or a possessive) right before a role or source noun modifies it.
 */
function modifiesHead(tokens: Token[], k: number, start: number): boolean {
  if (!isNounLike(tokens[k]!) || /ed$/.test(tokens[k]!.lower)) return false;
  // Without a determiner only plain words lead up to it ("former tech executive"), not a name
  // and its verb ("Netanyahu rallied supporters").
  if (!DETERMINERS.has(tokens[start]!.lower) && tokens.slice(start, k).some((t) => t.cap)) return false;
  if (k === start && !DETERMINERS.has(tokens[start]!.lower) && !tokens[k + 1]?.word) return false;
  const next = tokens[k + 1];
  return isHeadNoun(next) || Boolean(/['’]s$/u.test(tokens[k]!.text) && next?.word);
}

export const isAdjectiveLike = (t: Token): boolean => ROLE_MODIFIERS.has(t.lower) || /(?:ior|ial|ic|ive|ous|ary|ish|ese|ian)$/.test(t.lower);
const isRoleWord = (t: Token): boolean => ROLE_NOUNS.has(t.lower) || TITLES.has(t.lower) || isAdjectiveLike(t);

/**
 * "Holding signs …", "Facing mounting criticism …": a sentence's first word, written in lower
 * case elsewhere and followed by a lower-case word, is capitalised only by position.
 */
export function weakCapital(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  const next = tokens[k + 1];
  // ("… ten pence," Pence said": a word the text also capitalises mid-sentence is a name.)
  return t.cap && t.initial && t.common && !t.proper && Boolean(next?.word && !next.cap);
}

/**
 * "Campaign chair Paul Manafort dismissed", "Band member Flea shared": a capitalised word before
 * a role noun and a name describes the role, whatever its case elsewhere.
 */
const rolePrefix = (tokens: Token[], k: number): boolean => isRoleNoun(tokens[k + 1]?.lower ?? '') && Boolean(tokens[k + 2]?.cap && tokens[k + 2]!.quote === -1);

/** First word of a sentence, also after a quote that ended one: `… “wasn’t good.” Adding, …`. */
const startsSentence = (tokens: Token[], k: number): boolean => tokens[k]!.initial || (/^[”"']$/.test(tokens[k - 1]?.text ?? '') && /^[.!?]$/.test(tokens[k - 2]?.text ?? ''));

/** "Unfortunately, there are …": an opening adverb and its comma. */
const sentenceAdverb = (tokens: Token[], k: number): boolean => startsSentence(tokens, k) && /^\p{Lu}\p{Ll}+ly$/u.test(tokens[k]!.text) && tokens[k + 1]?.text === ',';

/**
 * "Fueled apparently by frustration …, Trump explained", "Hastily politicizing the tragedy …":
 * a sentence's first word shaped like an adverb or a participle, before a lower-case word.
 */
function modifierOpener(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1];
  return startsSentence(tokens, k) && /^\p{Lu}\p{Ll}+(?:ly|ed|ing)$/u.test(tokens[k]!.text) && Boolean(next?.word && !next.cap);
}

/** "Reprising one of her lines, the former secretary …", "Frustrated by …": a clause, not a name. */
function participleOpener(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  // "Adding, “…”": a verb of saying opening the sentence.
  if (startsSentence(tokens, k) && SPEECH_VERBS.has(t.lower) && /(?:ing|ed)$/.test(t.lower)) return true;
  return startsSentence(tokens, k) && /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(t.text) && PARTICIPLE_OBJECTS.has(tokens[k + 1]?.lower ?? '');
}

/** "the gambling tycoon told": a determiner a few plain words back closes the phrase. */
function determinerWithin(tokens: Token[], j: number): number {
  for (let k = j; k >= 0 && j - k < 3; k--) {
    const t = tokens[k]!;
    if (DETERMINERS.has(t.lower)) return k;
    if (!t.word || t.cap || !isNounLike(t)) return -1;
  }
  return -1;
}

/** A subject must be a pronoun, carry a name, or end in a role noun ("a senior official"). */
function acceptable(tokens: Token[], p: Phrase, strong = false): Phrase | null {
  // Trim a leading lower-case non-determiner that crept in: "crisis in Syria" never gets here,
  // but "including Trump" would.
  const head = tokens[p.to - 1]!;
  if (p.to - p.from === 1 && PRONOUNS.has(head.lower)) return p;
  if (hasName(tokens, p)) return p;
  // "the former secretary of state": the role noun heads its "of" phrase.
  if (isRoleNoun(head.lower) || (afterRoleOf(tokens, p.to - 1) && p.to - p.from >= 3)) return p;
  // "The commission says", "the ruling found": a determiner and a source noun name a source too.
  const det = (DETERMINERS.has(tokens[p.from]!.lower) || tokens[p.from]!.lower === 'one') && p.to - p.from >= 2;
  return det && (SOURCE_NOUNS.has(head.lower) || (strong && isNounLike(head))) ? p : null;
}

/** "Dmitry Peskov", "the Kremlin spokesman": a name or a role noun ends the phrase. */
const endsInName = (tokens: Token[], p: Phrase): boolean =>
  tokens[p.to - 1]!.cap || tokens[p.to - 1]!.text === ')' || ROLE_NOUNS.has(tokens[p.to - 1]!.lower) || (tokens[p.to - 1]!.text === '.' && isAbbreviationBefore(tokens, p.to - 1));

function hasName(tokens: Token[], p: Phrase): boolean {
  for (let k = p.from; k < p.to; k++) {
    const t = tokens[k]!;
    if (t.cap && !NOT_NAME_WORDS.has(t.lower) && !weakCapital(tokens, k) && !PRONOUNS.has(bareWord(t.lower))) return true;
  }
  return false;
}
