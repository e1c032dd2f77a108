import { ANONYMOUS, DETERMINERS, NOT_NAME_WORDS, PHRASE_BREAKERS, PARTICIPLES, PRONOUNS, SPEECH_VERBS, VERB_FILLERS } from '../lexicon/lexicon.js';
import { colonIntroduction, dashByline, transcriptSpeaker } from './bylines.js';
import { describe, isRoleNominal, notAName, type Mention } from './mentions.js';
import { groupAfter, nominalAfter, nominalUntilPause } from '../grammar/nominals.js';
import { bareWord, phraseAfter, phraseEndingAt, subjectBefore, type Phrase } from '../grammar/phrases.js';
import { sentenceAt } from '../text/partition.js';
import { quoteEndOf, quoteWords, tokenAt, type Token } from '../grammar/tokens.js';
import type { QuoteSpan, Sentence } from '../types.js';
import { partitionPoint } from '../text/partition.js';
import { isVerbForm } from '../grammar/wordclass.js';
import { isPause, pastAppositive, withNamedAppositive } from '../grammar/clauses.js';
import { relativeMention } from './relative.js';
import type { Cue } from './cue.js';
import { IRREGULAR_SPEECH_PARTICIPLES, PASSIVE_BE_FORMS } from '../lexicon/verbs.js';
import { oneOf } from '../lexicon/words.js';
import { coordinateSubject, preposedSubject, subjectPastRelative } from './coordination.js';
import { followingCue, quotingVerb } from './following.js';
import { isTitleCase } from './titles.js';
import {
  complementCue,
  describedName,
  gap,
  infinitiveSubject,
  innerClauseSubject,
  introducingParticiple,
  pastWhen,
  pollCue,
  possessorCue,
  subjectPastAdjunct,
  trailing,
  verbForm,
} from './governing.js';
import { LATER_CLAUSE_OPENERS, LEADING_COORDINATORS, LEADING_SUBORDINATORS, RELATIVE_SUBJECTS } from '../lexicon/connectives.js';
import { SPEECH_PARTICLES, CLAUSE_AUXILIARIES } from '../lexicon/verbs.js';

/** A sentence is "only the quote" when at most this many words stand outside it. */
const QUOTE_ONLY_WORDS = 2;

/**
 * Finds who a quote is attributed to: a cue in its own sentence ("X said", "said X",
 * "according to X", "X told reporters"); else a colon introduction in the sentence before
 * ("Caddell continued:"); else, for a sentence that is only the quote, a speaker named in
 * the narrative sentence before it.
 */
export function findAttribution(tokens: Token[], sentences: Sentence[], spans: QuoteSpan[], span: QuoteSpan, text: string): Cue | null {
  const byline = dashByline(tokens, text, span) ?? transcriptSpeaker(tokens, text, span);
  if (byline) return byline;
  // "Pollsters agree - Carl Bialik: “…”": a name and a colon right before the quote beat any verb.
  const colon = colonIntroduction(tokens, text, span);
  if (colon) return colon;
  const s = sentenceAt(sentences, span.start);
  const best = bestCue(tokens, text, sentences[s]!, span);
  const complement = best && trailing(tokens, best, span) ? null : complementCue(tokens, text, sentences[s]!, span);
  const own = complement ?? best ?? titleCaseCue(tokens, text, sentences[s]!, span) ?? colonIntroduction(tokens, text, span, true);
  if (own) return relativeMention(tokens, text, pollCue(tokens, text, sentences, s, outerCue(tokens, text, own, span, sentences[s]!)), span);
  const after = sentences[s + 1];
  if (after && after.paragraph === sentences[s]!.paragraph && quoteOnly(tokens, sentences[s]!)) {
    const cue = followingCue(tokens, text, after, span);
    if (cue) return cue;
  }
  const prev = s > 0 ? sentences[s - 1]! : null;
  // The article's first sentence has no narrative before it, but a subject of its own.
  if (!prev) return ownSubjectCue(tokens, text, sentences[s]!, span);
  if (endsWithColon(text, prev)) return bestCue(tokens, text, prev, span) ?? narratorCue(tokens, text, prev, span);
  const sameParagraph = prev.paragraph === sentences[s]!.paragraph;
  if (sameParagraph && quoteOnly(tokens, sentences[s]!) && !hasQuote(spans, prev)) return bestCue(tokens, text, prev, span);
  // "Trump spoke only in evasive bromides during the interview.\n\n“We have to do something …”":
  // a paragraph that is only a quote speaks for the subject of the narrative just before it.
  if (!sameParagraph && quoteOnly(tokens, sentences[s]!) && opensParagraph(tokens, sentences[s]!, span) && !hasQuote(spans, prev))
    return bestCue(tokens, text, prev, span) ?? narratorCue(tokens, text, prev, span);
  return ownSubjectCue(tokens, text, sentences[s]!, span);
}

function ownSubjectCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  const subject = subjectCue(tokens, text, sent, span);
  return subject && relativeMention(tokens, text, subject, span);
}

/**
 * "When Wallace died in 1998, President Clinton released the following statement:": the
 * subject of the sentence's main clause, when it is a person (by name, pronoun or role).
 */
function narratorCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  const last = tokenAt(tokens, sent.end) - 1;
  const phrase = clauseSubject(tokens, sent, last);
  if (!phrase) return null;
  const mention = describe(tokens, text, phrase);
  const person = mention.kind === 'pronoun' ? mention.head !== 'it' : mention.kind === 'name' ? !mention.organization : isRoleNominal(mention) && !mention.plural;
  return person ? { verb: last, mention, distance: span.outerStart - sent.end } : null;
}

/** The quote is the first thing in its paragraph: `Hannity interjected: “…”` is not. */
const opensParagraph = (tokens: Token[], sent: Sentence, span: QuoteSpan): boolean =>
  tokenAt(tokens, sent.start) === tokenAt(tokens, span.outerStart) && (tokens[tokenAt(tokens, sent.start)]?.initial ?? false);

/** A Title-Case line needs this many words before its quote to be told from a name. */
const TITLE_CASE_MIN_WORDS = 3;

/**
 * "Zoe Saldana Asked Men Everywhere To “Redefine Masculinity.”": in a round-up line in Title
 * Case every verb is capitalised; its subject is the name that opens it, the run of words
 * never written in lower case in the article.
 */
function titleCaseCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  const first = tokenAt(tokens, sent.start);
  const open = tokenAt(tokens, span.outerStart);
  // A round-up line is short: a long run before the quote is no headline (and is never rescanned).
  if (open - first > CUE_WINDOW_TOKENS) return null;
  const words = tokens.slice(first, open).filter((t) => t.word && /\p{L}/u.test(t.text));
  if (words.length < TITLE_CASE_MIN_WORDS || !words.every((t) => t.cap || t.lower.length < 4)) return null;
  if (!words.some((t) => t.common)) return null;
  // "4\nGina Rodriguez Questioned …": a listicle's number opens the line before the name.
  const from = tokens.indexOf(words[0]!, first);
  let to = from;
  // "Gina Rodriguez Questioned What …": the line's verb, capitalised like the rest, ends the name.
  const verb = (t: Token): boolean => to - from >= 2 && (SPEECH_VERBS.has(t.lower) || isVerbForm(t.lower));
  while (to < open && tokens[to]!.word && tokens[to]!.cap && !tokens[to]!.common && !NOT_NAME_WORDS.has(tokens[to]!.lower) && !verb(tokens[to]!)) to++;
  if (to === from || to === open || !tokens[to]!.word) return null;
  const mention = describe(tokens, text, { from, to });
  return mention.kind === 'name' ? { verb: to, mention, distance: span.outerStart - mention.end } : null;
}

/**
 * "He pledged to fix the nation’s “broken” campaign finance system": no verb of saying, but
 * the sentence's subject is the one whose words are quoted.
 */
function subjectCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  const verb = tokenAt(tokens, span.outerStart);
  const phrase = innerClauseSubject(tokens, text, sent, verb) ?? clauseSubject(tokens, sent, verb);
  if (!phrase) return null;
  const mention = describe(tokens, text, phrase);
  // "The agency declined to detail the investigation's “specific focus, scope or potential
  // targets”": a group's quoted words are a clause; a word or two ("dry port") is a label.
  if (mention.kind === 'nominal' && (mention.organization || mention.plural) && wordCount(span.text) < GROUP_QUOTE_MIN_WORDS) return null;
  // “Celebrity Apprentice”, “American Skin”: titles of works, not words someone said.
  if (isTitleCase(span.text)) return null;
  return { verb, mention, distance: span.outerStart - mention.end };
}

/** The fewest words a quote needs to be a group's words rather than its label for something. */
const GROUP_QUOTE_MIN_WORDS = 4;

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** How far from a quote (in tokens) its attribution is looked for: cues sit next to quotes. */
const CUE_WINDOW_TOKENS = 48;

function bestCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  let best: Cue | null = null;
  let introducer: Cue | null = null;
  const from = Math.max(tokenAt(tokens, sent.start), tokenAt(tokens, span.outerStart) - CUE_WINDOW_TOKENS);
  const to = Math.min(tokenAt(tokens, sent.end), tokenAt(tokens, span.outerEnd) + CUE_WINDOW_TOKENS);
  for (let i = from; i < to; i++) {
    if (tokens[i]!.quote >= 0) {
      i = tokenAt(tokens, quoteEndOf(tokens, i)) - 1;
      continue;
    }
    const cue = cueAt(tokens, text, i, span, sent);
    // "After Scalia said … “less advanced schools,” Trump said: “…”": a verb that opens a colon
    // introduces the quote after it, so it speaks the one before only if no other verb does.
    // "Weld describes the party as “a six-lane highway …,” and Johnson talks about …": a verb in a
    // later clause speaks the quote only if no other verb does.
    if (cue && tokens[i]!.start >= span.outerEnd && (opensColon(tokens, i) || laterClause(tokens, span, Math.min(i, tokenAt(tokens, cue.mention.start))))) introducer ??= cue;
    else if (cue && tailCue(tokens, span, cue, i)) return cue;
    else if (cue && (!best || cue.distance < best.distance)) best = cue;
  }
  return best ?? introducer;
}

/**
 * `Nothing the president said “will assuage people's fears,” the Florida senator said.`: a quote
 * that closes its clause, followed at once by a verb of saying and its subject that end the
 * sentence, is theirs, whatever verb stood before it.
 */
function tailCue(tokens: Token[], span: QuoteSpan, cue: Cue, verb: number): boolean {
  const after = tokenAt(tokens, span.outerEnd);
  const close = after - 1;
  if (tokens[close]?.quote === -1 || !closesClause(tokens, close) || !SPEECH_VERBS.has(tokens[verb]!.lower)) return false;
  const first = Math.min(verb, tokenAt(tokens, cue.mention.start));
  const start = tokens[after]?.text === ',' ? after + 1 : after;
  if (first !== start) return false;
  const last = Math.max(verb, tokenAt(tokens, cue.mention.end) - 1);
  return /^[.!?]$/.test(tokens[last + 1]?.text ?? '');
}

/** A coordinator between the quote and the cue at token `k` opens a clause of its own. */
function laterClause(tokens: Token[], span: QuoteSpan, k: number): boolean {
  for (let j = tokenAt(tokens, span.outerEnd); j < k; j++) if (tokens[j]!.quote === -1 && LATER_CLAUSE_OPENERS.has(tokens[j]!.lower)) return true;
  return false;
}

/** How far after its verb a colon may end an introduction: "Trump told reporters on Monday:". */
const COLON_REACH_TOKENS = 8;

function opensColon(tokens: Token[], verb: number): boolean {
  for (let k = verb + 1; k < tokens.length && k - verb <= COLON_REACH_TOKENS; k++) {
    const t = tokens[k]!;
    if (t.text === ':') return true;
    // "Trump said before adding: “…”": the colon is the next verb's.
    if (t.quote >= 0 || /^[.!?;,]$/.test(t.text) || SPEECH_VERBS.has(t.lower)) return false;
  }
  return false;
}

function cueAt(tokens: Token[], text: string, i: number, span: QuoteSpan, sent: Sentence): Cue | null {
  const t = tokens[i]!;
  // "the United States": a capital mid-sentence makes a name, not a verb of saying.
  if (t.quote >= 0 || !t.word || (t.cap && !t.initial) || passive(tokens, i)) return null;
  let phrase: Phrase | null = null;
  const relative = SPEECH_VERBS.has(t.lower) ? relativeSubject(tokens, text, i) : null;
  if (relative) return { verb: i, mention: relative, distance: Math.min(gap(relative, span), gap(t, span)) };
  // (A title in quote marks is no one's words: tested only when the noun of saying is there.)
  const possessor = possessorCue(tokens, text, i, span);
  if (possessor && !isTitleCase(span.text)) return possessor;
  if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') phrase = phraseAfter(tokens, i + 2) ?? sourceUntilPause(tokens, i + 2);
  else if (PARTICIPLES.has(t.lower) || introducingParticiple(tokens, i, span)) phrase = participleSubject(tokens, text, sent, i);
  else if ((t.lower === 'put' || t.lower === 'puts') && tokens[i + 1]?.lower === 'it') phrase = subjectBefore(tokens, i) ?? clauseSubject(tokens, sent, i);
  else if (!SPEECH_VERBS.has(t.lower))
    phrase = !verbForm(t)
      ? pluralSubjectAfterQuote(tokens, text, i)
      : quotingVerb(tokens, i)
        ? subjectAfterQuote(tokens, i)
        : (subjectAfterInvertedVerb(tokens, i) ?? objectQuoteSubject(tokens, i, span) ?? subjectAfterCommaQuote(tokens, i));
  else if (SPEECH_VERBS.has(t.lower))
    phrase =
      subjectBefore(tokens, i) ??
      (inverted(tokens, i) ? invertedSubject(tokens, i) : null) ??
      infinitiveSubject(tokens, i) ??
      subjectPastAdjunct(tokens, i) ??
      subjectPastRelative(tokens, i) ??
      (reducedRelative(tokens, i) ? null : (innerClauseSubject(tokens, text, sent, i) ?? clauseSubject(tokens, sent, i)));
  if (!phrase) return null;
  const mention = describe(tokens, text, phrase);
  return { verb: i, mention, distance: Math.min(gap(mention, span), gap(t, span)) };
}

/**
 * "… Biden Jr., in an interview with CNN, blurted out “…”": a verb whose object is the quote
 * itself, right after it or a particle, says the quote; a title ("launched “Operation X”") is no
 * one's words.
 */
function objectQuoteSubject(tokens: Token[], i: number, span: QuoteSpan): Phrase | null {
  let k = i + 1;
  while (tokens[k] && tokens[k]!.quote === -1 && (/^[,:]$/.test(tokens[k]!.text) || SPEECH_PARTICLES.has(tokens[k]!.lower))) k++;
  if (tokens[k]?.start !== span.outerStart || isTitleCase(span.text)) return null;
  return subjectBefore(tokens, i);
}

/**
 * `“This is fantastic!” beamed Donald Hartley of Madison`: a verb right after a quote that opens
 * its sentence, followed by a name, is a verb of saying by position.
 */
function subjectAfterInvertedVerb(tokens: Token[], i: number): Phrase | null {
  const before = i - 1;
  if (before < 0 || tokens[before]!.quote < 0 || !closesClause(tokens, before) || !quoteOpensSentence(tokens, before)) return null;
  const p = phraseAfter(tokens, i + 1, true);
  if (!p || tokens[p.to]?.word) return null;
  return tokens.slice(p.from, p.to).some((t) => t.cap) ? p : null;
}

/** The quote whose last token is `k` opens its sentence. */
function quoteOpensSentence(tokens: Token[], k: number): boolean {
  const q = tokens[k]!.quote;
  let open = k;
  while (open > 0 && tokens[open - 1]!.quote === q) open--;
  return tokens[open]!.initial;
}

/**
 * `"Donald Trump is not a racist, guys," LeVell assured the mostly white crowd`: after a quote
 * that opens its sentence and ends on a comma, a name and its verb are the attribution, object
 * or not.
 */
function subjectAfterCommaQuote(tokens: Token[], i: number): Phrase | null {
  const p = subjectAfterQuote(tokens, i);
  if (!p) return null;
  let k = p.from - 1;
  while (k > 0 && tokens[k]!.quote !== -1 && !tokens[k]!.word && /^['"“”‘’]$/.test(tokens[k]!.text)) k--;
  // "''Tales From the Crypt,'' an HBO series that first aired": a title and what describes it.
  if (tokens[k]?.text !== ',' || tokens[k]!.quote === -1 || isTitleCase(quoteWords(tokens, k))) return null;
  return tokens[p.from]!.cap || p.to - p.from === 1 ? p : null;
}

/**
 * `"Today, the kingdom is …," the Saudis state in the white paper`: the plain form of a verb of
 * saying ("states" is one) after a quote and a plural subject (or a group's name) says it.
 */
function pluralSubjectAfterQuote(tokens: Token[], text: string, i: number): Phrase | null {
  if (!SPEECH_VERBS.has(`${tokens[i]!.lower}s`) || !quotingVerb(tokens, i)) return null;
  const p = subjectAfterQuote(tokens, i);
  const m = p && describe(tokens, text, p);
  // ("the Saudis" is read as a name: only a singular pronoun rules the plain form out.)
  return m && (m.plural || m.organization || (m.kind !== 'pronoun' && !m.gender)) ? p : null;
}

/** The subject of a verb of saying by position: a name or pronoun right after the quote. */
function subjectAfterQuote(tokens: Token[], i: number): Phrase | null {
  const p = describedName(tokens, subjectBefore(tokens, i));
  if (!p) return null;
  const before = p.from - 1;
  if (before < 0 || tokens[before]!.quote < 0 || !closesClause(tokens, before)) return null;
  // The quote opens its sentence: `“…,” the crowd applauded` after a fragment is the crowd's doing.
  return quoteOpensSentence(tokens, before) ? p : null;
}

/** The longest source read after "according to" up to its comma. */
const SOURCE_MAX_TOKENS = 10;

/**
 * "According to his longtime personal physician, …", "according to a copy of the letter reviewed
 * by The Post": whatever "according to" governs is the source, a person or a document, up to the
 * next pause.
 */
function sourceUntilPause(tokens: Token[], start: number): Phrase | null {
  const first = tokens[start];
  if (!first?.word || first.quote !== -1) return null;
  let to = start;
  for (; to < tokens.length && to - start < SOURCE_MAX_TOKENS && tokens[to]!.quote === -1; to++) {
    const t = tokens[to]!;
    // "a copy of the letter reviewed by The Post": the source ends before what describes it
    // ("the recently court-released playbook": after an adverb the participle is the noun's).
    const describes = /[a-z](?:ed|ing)$/.test(t.lower) && !/[a-z]ly$/.test(tokens[to - 1]!.lower);
    if (to > start + 1 && !t.cap && (describes || (PHRASE_BREAKERS.has(t.lower) && t.lower !== 'of'))) return { from: start, to };
    if (!t.word && !(t.text === '.' && tokens[to + 1]?.word && tokens[to - 1]?.end === t.start)) break;
  }
  const stop = tokens[to];
  return to > start && (!stop || !stop.word) ? { from: start, to } : null;
}

/**
 * "said Beck, who said there were “too many …”": the verb's own subject is the relative
 * pronoun, so it is the mention, and it names the name it hangs on.
 */
function relativeSubject(tokens: Token[], text: string, v: number): Mention | null {
  let j = v - 1;
  while (j >= 0 && tokens[j]!.word && !tokens[j]!.cap && VERB_FILLERS.has(tokens[j]!.lower)) j--;
  // "who, after trading insults with Mr. Hannity, said": an inserted phrase set off by commas.
  if (tokens[j]?.text === ',') {
    let k = j - 1;
    while (k > 0 && j - k < INSERT_MAX_TOKENS && tokens[k]!.text !== ',' && tokens[k]!.quote === -1) k--;
    if (tokens[k]?.text === ',' && RELATIVE_SUBJECTS.has(tokens[k - 1]?.lower ?? '')) j = k - 1;
  }
  const who = tokens[j];
  if (!who || !RELATIVE_SUBJECTS.has(who.lower) || who.quote !== -1) return null;
  const end = tokens[j - 1]?.text === ',' ? j - 2 : j - 1;
  if (end < 0 || !tokens[end]!.word) return null;
  const antecedent = phraseEndingAt(tokens, end, true);
  if (!antecedent) return null;
  const mention = describe(tokens, text, antecedent);
  // "a campaign surrogate who said": a description is named by itself, not by "who".
  if (mention.kind !== 'name') return null;
  return { ...mention, start: who.start, end: who.end, text: who.text };
}

/** The longest phrase set off by commas between a relative pronoun and its verb. */
const INSERT_MAX_TOKENS = 16;

/**
 * "She said she recalls …": a reported verb inside another's report is the outer speaker's.
 */
function outerCue(tokens: Token[], text: string, cue: Cue, span: QuoteSpan, sent: Sentence): Cue {
  let k = tokenAt(tokens, cue.mention.start) - 1;
  if (tokens[k]?.lower === 'that') k--;
  const outer = k >= 0 && SPEECH_VERBS.has(tokens[k]!.lower) ? cueAt(tokens, text, k, span, sent) : null;
  if (!outer && tokens[k]?.lower === 'what' && cue.mention.kind === 'pronoun' && tokens[k - 1]?.word) return whatAntecedent(tokens, text, cue, clauseSubject(tokens, sent, k - 1));
  return outer && (outer.mention.kind !== 'nominal' || (cue.mention.kind === 'pronoun' && (isRoleNominal(outer.mention) || outer.mention.plural))) ? outer : cue;
}

/**
 * "The president denounced what he called the “deeply pessimistic” vision": the pronoun of "what
 * he called" is the clause subject's, when that subject is one it can stand for: a person for
 * "he" and "she", a group for "they", a named organisation for "it" ("The group … what it
 * called" keeps "it", which names the group where "the group" would not).
 */
function whatAntecedent(tokens: Token[], text: string, cue: Cue, subject: Phrase | null): Cue {
  const m = subject && describe(tokens, text, subject);
  if (!m || m.kind === 'pronoun' || m.end > cue.mention.start || /['’]s$/u.test(m.text)) return cue;
  const p = cue.mention;
  const agrees = p.plural
    ? m.plural || m.organization
    : p.head === 'it'
      ? m.kind === 'name' && m.organization
      : !m.plural && !m.organization && (m.kind === 'name' || isRoleNominal(m));
  return agrees && (!p.gender || !m.gender || p.gender === m.gender) ? { ...cue, mention: m } : cue;
}

/** A clause subject is looked for this many tokens back at most. */
const CLAUSE_MAX_TOKENS = 80;

/**
 * "Clinton spoke Tuesday, arguing that …": a participle's subject is the clause's, read from
 * the sentence start (after an opening phrase such as "On Tuesday,").
 */
function clauseSubject(tokens: Token[], sent: Sentence, verb: number): Phrase | null {
  const first = Math.max(tokenAt(tokens, sent.start), verb - CLAUSE_MAX_TOKENS);
  // "''It has …,'' Leonard E. Burman, director of …, said": the clause starts after the quote;
  // "The Rove ad hits Clinton for taking “…” and claims": a quote inside the clause starts nothing.
  for (let k = verb - 1; k > first; k--) {
    if (tokens[k]!.quote >= 0) {
      const after = closesClause(tokens, k) ? subjectFrom(tokens, k + 1 + (tokens[k + 1]?.text === ',' ? 1 : 0), verb) : null;
      // "Joe Scarborough, host of “Morning Joe,” suggested": a title is no clause boundary, but
      // the subject before it named the show rather than said its name.
      // ("Sanders visited NBC's “Today” to discuss …, saying": a title that sets off nothing is no boundary;
      // "addressed his concerns in an interview with “The View,” remarking": nor one that ends the clause before its participle.)
      const boundary = isTitleCase(quoteWords(tokens, k)) && setOff(tokens, k) && !/[a-z]ing$/.test(tokens[nextWord(tokens, k)]?.lower ?? '');
      return after ?? (boundary ? null : (coordinateSubject(tokens, first, verb) ?? subjectFrom(tokens, first, verb)));
    }
  }
  return coordinateSubject(tokens, first, verb) ?? subjectFrom(tokens, first, verb);
}

/** The first word after token `k`. */
function nextWord(tokens: Token[], k: number): number {
  let j = k + 1;
  while (tokens[j] && !tokens[j]!.word) j++;
  return j;
}

/** The quote ending at token `k` closes a phrase set off by a comma: "host of “Morning Joe,” suggested". */
function setOff(tokens: Token[], k: number): boolean {
  return tokens[k + 1]?.text === ',' || (tokens[k - 1]?.text === ',' && !tokens[k]!.word);
}

/** `“…,”` or `“…!”`: the quote ending at token `k` ends a clause of its own. */
function closesClause(tokens: Token[], k: number): boolean {
  let j = k;
  while (j > 0 && tokens[j]!.quote === tokens[k]!.quote && !tokens[j]!.word && /^['"“”‘’]$/.test(tokens[j]!.text)) j--;
  return /^[,!?]$/.test(tokens[j]!.text) || tokens[k + 1]?.text === ',';
}

/** The subject of a clause starting at token `first` whose verb is at `verb`. */
function subjectFrom(tokens: Token[], start: number, verb: number): Phrase | null {
  const opener = tokens[start]?.lower ?? '';
  // "As the crowd began to chant, Silverman … joked": after a subordinate clause, the main one's.
  if (LEADING_SUBORDINATORS.has(opener)) {
    const main = subjectAfterComma(tokens, start, verb);
    if (main) return main;
  }
  // "But Obama, making it clear …, described", "When Trump later referred to …": the
  // conjunction opens the clause, its subject follows.
  const first = (LEADING_COORDINATORS.has(opener) || LEADING_SUBORDINATORS.has(opener)) && tokens[start + 1]?.word ? start + 1 : start;
  const direct = tokens[first]?.quote === -1 ? (phraseAfter(tokens, first) ?? nominalAfter(tokens, first)) : null;
  // The sentence's own subject may carry an appositive: "Dean, a medical doctor, then appeared";
  // a wire dateline ("WASHINGTON, Dec. 8 (UPI) —") is not a subject.
  // "The British capital's new mayor on Tuesday rejected …": a determiner makes it a subject even
  // before a preposition (a place name is not one: "Iowa, on Sunday").
  const determined = direct !== null && DETERMINERS.has(tokens[direct.from]!.lower);
  // "Hours later, Trump returned …": a sentence's first word that is a word of the language names no one.
  const noOne = direct !== null && direct.to - direct.from === 1 && !PRONOUNS.has(bareWord(tokens[direct.from]!.lower)) && notAName(tokens[direct.from]!);
  if (
    direct &&
    !noOne &&
    direct.to <= verb &&
    !isDateline(tokens, direct) &&
    (tokens[pastParenthesis(tokens, direct.to)]?.text === ',' || determined || beforeVerb(tokens, direct, verb))
  )
    return withNamedAppositive(tokens, direct, verb);
  // "Protesters marching through the streets chanted": a plural that is a word of the language
  // ("When terrorists are revealed …, Obama and Clinton call them": a subordinate clause's is not).
  return (tokens[first]?.quote === -1 && !LEADING_SUBORDINATORS.has(opener) ? groupAfter(tokens, first, verb) : null) ?? subjectAfterComma(tokens, first, verb);
}

/** "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton tried …": skip opening phrases. */
function subjectAfterComma(tokens: Token[], first: number, verb: number): Phrase | null {
  for (let k = first; k < verb; k++) {
    if (isPause(tokens, k)) {
      // "Declaring that …, the billionaire real estate mogul offered …": a determiner and nouns too.
      const p = phraseAfter(tokens, k + 1) ?? nominalAfter(tokens, k + 1) ?? groupAfter(tokens, k + 1, verb);
      if (p && p.to <= verb && beforeVerb(tokens, p, verb)) return withNamedAppositive(tokens, p, verb);
    }
  }
  return null;
}

/**
 * "footage of Hillary Clinton asking" names the speaker right before the participle; "emailed
 * supporters saying" does not (a bare object), so the clause subject speaks.
 */
function participleSubject(tokens: Token[], text: string, sent: Sentence, i: number): Phrase | null {
  const preposed = preposedSubject(tokens, tokenAt(tokens, sent.start), tokenAt(tokens, sent.end), i);
  if (preposed) return preposed;
  const before = tokens[i - 1]?.word ? subjectBefore(tokens, i) : null;
  if (before && describe(tokens, text, before).kind !== 'nominal') return before;
  return clauseSubject(tokens, sent, i) ?? before;
}

/** The longest parenthesis read as part of the name before it. */
const PARENTHESIS_MAX_TOKENS = 8;

/**
 * "Sen. Bernie Sanders (I-Vt.) on Saturday criticized": a short label in brackets right after a
 * name (a party and state, an age: capitalised words and numbers) belongs to it; the clause goes
 * on after it.
 */
function pastParenthesis(tokens: Token[], k: number): number {
  if (tokens[k]?.text !== '(' || tokens[k].quote !== -1) return k;
  for (let j = k + 1; j < tokens.length && j - k <= PARENTHESIS_MAX_TOKENS; j++) {
    if (tokens[j]!.text === ')') return j + 1;
    // "People (mostly men, but also some women) are": an aside of its own, not a label.
    const t = tokens[j]!;
    if (/^[(,;]$/.test(t.text) || t.quote !== -1 || (t.word && !t.cap && !/\d/.test(t.text))) return k;
  }
  return k;
}

const isDateline = (tokens: Token[], p: Phrase): boolean =>
  p.to - p.from <= 3 && tokens.slice(p.from, p.to).every((t) => !t.word || (t.text.length > 2 && t.text === t.text.toUpperCase()));

/** A subject is followed by its verb, not by a comma or a preposition ("Iowa, on Sunday"). */
function beforeVerb(tokens: Token[], p: Phrase, verb: number): boolean {
  const to = pastWhen(tokens, pastAppositive(tokens, pastParenthesis(tokens, p.to), verb));
  if (to === verb) return true;
  const next = tokens[to];
  return Boolean(next && next.word && !next.cap && !/^(of|in|on|at|from|to|and|or|for|with|by|near)$/.test(next.lower));
}

/**
 * "a premium for items labeled “Made in the U.S.A.”" describes the noun, and "could be termed
 * “influence peddling”" is a passive: neither has the clause's subject as its speaker.
 */
function reducedRelative(tokens: Token[], i: number): boolean {
  if (!/ed$/.test(tokens[i]!.lower)) return false;
  const noun = tokens[i - 1];
  const preposition = tokens[i - 2];
  if (noun && /^(be|been|being)$/.test(noun.lower)) return true;
  return Boolean(noun?.word && !noun.cap && preposition && /^(for|of|in|on|with|by|about|from|to)$/.test(preposition.lower));
}

/**
 * "a Marine was found guilty of “gross negligence”", "his salespersons were told, “…”": the
 * subject of a passive verb of saying is who heard or was judged, not who spoke.
 */
const PASSIVE_BE = oneOf(PASSIVE_BE_FORMS);

function passive(tokens: Token[], i: number): boolean {
  if (!/[a-z]ed$/.test(tokens[i]!.lower) && !IRREGULAR_SPEECH_PARTICIPLES.has(tokens[i]!.lower)) return false;
  let j = i - 1;
  while (j > 0 && tokens[j]!.word && !tokens[j]!.cap && /[a-z]ly$/.test(tokens[j]!.lower)) j--;
  return tokens[j]?.quote === -1 && PASSIVE_BE.test(tokens[j]!.lower);
}

/** `, said Caddell.`; but in ", said the candidate could win" the phrase is the reported clause's subject. */
function invertedSubject(tokens: Token[], i: number): Phrase | null {
  // "“…,” said another.": an unnamed member of a group.
  if (ANONYMOUS.has(tokens[i + 1]?.lower ?? '') && !tokens[i + 2]?.word) return { from: i + 1, to: i + 2 };
  const p = phraseAfter(tokens, i + 1, true) ?? nominalUntilPause(tokens, i + 1);
  if (!p || CLAUSE_AUXILIARIES.has(tokens[p.to]?.lower ?? '')) return null;
  // ", said the bureau's director, James B. Comey, on Monday": the description and its name.
  const name = tokens[p.to]?.text === ',' && !tokens[p.to - 1]!.cap ? phraseAfter(tokens, p.to + 1) : null;
  const named = name && tokens[name.to - 1]!.cap && /^[,.;]$/.test(tokens[name.to]?.text ?? '.');
  return named ? { from: p.from, to: name.to } : p;
}

/** `“…,” said Caddell` and `, said Caddell`: the subject follows the verb. */
function inverted(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  // "Said Ellis: …" opens its sentence with the verb.
  return !before || tokens[i]!.initial || before.quote >= 0 || before.text === ',' || /["“”’]/.test(before.text);
}

const endsWithColon = (text: string, sent: Sentence): boolean => text.slice(sent.start, sent.end).trimEnd().endsWith(':');

function quoteOnly(tokens: Token[], sent: Sentence): boolean {
  let outside = 0;
  for (let i = tokenAt(tokens, sent.start); i < tokens.length && tokens[i]!.start < sent.end; i++) {
    if (tokens[i]!.quote >= 0) i = tokenAt(tokens, quoteEndOf(tokens, i)) - 1;
    else if (tokens[i]!.word && ++outside > QUOTE_ONLY_WORDS) return false;
  }
  return true;
}

function hasQuote(spans: QuoteSpan[], sent: Sentence): boolean {
  const first = spans[partitionPoint(spans, (q) => q.outerEnd <= sent.start)];
  return first !== undefined && first.outerStart < sent.end;
}
