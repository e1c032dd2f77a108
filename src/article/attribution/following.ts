/**
 * An attribution in the sentence after a quote-only sentence: `“Are we going to war?” Sen. Rand
 * Paul asked.`, and the verbs that say a quote by their position right after it.
 */
import type { Cue } from './cue.js';
import { verbForm } from './governing.js';
import { SPEECH_VERBS, VERB_FILLERS } from '../lexicon/lexicon.js';
import { describe } from './mentions.js';
import { phraseAfter, subjectBefore } from '../grammar/phrases.js';
import { isTitleCase } from './titles.js';
import { quoteEndOf, quoteWords, tokenAt, type Token } from '../grammar/tokens.js';
import type { QuoteSpan, Sentence } from '../types.js';

/** `“Are we going to war?” Sen. Rand Paul asked.`: the attribution opens the next sentence. */
export function followingCue(tokens: Token[], text: string, next: Sentence | undefined, span: QuoteSpan): Cue | null {
  if (!next) return null;
  const first = tokenAt(tokens, next.start);
  if (tokens[first]?.quote !== -1) return null;
  // "“…,” he said. “B.”\nRubio said that …": a new line after the quote starts the narrative
  // again; its verb is not the quote's attribution.
  const sameLine = !text.slice(span.outerEnd, next.start).includes('\n');
  if (!sameLine) return null;
  const phrase = phraseAfter(tokens, first);
  let v = phrase ? phrase.to : first;
  while (tokens[v] && VERB_FILLERS.has(tokens[v]!.lower)) v++;
  // "“B.” He added: “C.”": a verb that opens a colon or a comma before a quote introduces that one.
  if (introducesNext(tokens, v)) return null;
  // "“You know, it happens, right?” Trump went on.": a verb that ends the clause says it too.
  const says = tokens[v] && (SPEECH_VERBS.has(tokens[v]!.lower) || (phrase && verbForm(tokens[v]!) && quotingVerb(tokens, v)));
  if (!says) return appositiveFollowingCue(tokens, text, next, first, span);
  const subject = phrase ?? phraseAfter(tokens, v + 1, true);
  // "“It shows a lack of character.” Reid said both are “non-entities”": a verb whose own clause runs on to a quote says that one.
  if (!subject || quotesOwn(tokens, v, next)) return null;
  return { verb: v, mention: describe(tokens, text, subject), distance: next.start - span.outerEnd };
}

/** The verb at `v` runs on, a few words only, to a quote of its own sentence (a title, "Star Wars", is no one's words). */
function quotesOwn(tokens: Token[], v: number, sent: Sentence): boolean {
  for (let k = v + 1; k < tokens.length && tokens[k]!.start < sent.end && k - v <= OWN_QUOTE_REACH_TOKENS; k++)
    if (tokens[k]!.quote >= 0 || !tokens[k]!.word) return tokens[k]!.quote >= 0 && !isTitleCase(quoteWords(tokens, tokenAt(tokens, quoteEndOf(tokens, k)) - 1));
  return false;
}

/** How far a verb's own reported clause runs to its quote: "Reid said both Rubio and Cruz are “…”". */
const OWN_QUOTE_REACH_TOKENS = 10;

/** `He added, “…”`, `He added: “…”`: the verb at `v` is followed at once by a pause and a quote. */
function introducesNext(tokens: Token[], v: number): boolean {
  const pause = tokens[v + 1];
  return Boolean(pause && pause.quote === -1 && /^[,:]$/.test(pause.text) && (tokens[v + 2]?.quote ?? -1) >= 0);
}

/** How far into the next sentence its verb of saying may stand: past a long appositive. */
const FOLLOWING_VERB_MAX_TOKENS = 24;

/**
 * `“Long live freedom of speech!” Margarita Simonyan, the editor in chief of RT, wrote.`: the
 * subject, read back from the verb past its appositive, opens the sentence (on the quote's line,
 * which followingCue has checked).
 */
function appositiveFollowingCue(tokens: Token[], text: string, next: Sentence, first: number, span: QuoteSpan): Cue | null {
  const end = Math.min(tokenAt(tokens, next.end), first + FOLLOWING_VERB_MAX_TOKENS);
  for (let v = first + 1; v < end; v++) {
    const t = tokens[v]!;
    if (t.quote >= 0) return null;
    if (!SPEECH_VERBS.has(t.lower) || t.cap) continue;
    const subject = subjectBefore(tokens, v);
    return subject && subject.from === first ? { verb: v, mention: describe(tokens, text, subject), distance: next.start - span.outerEnd } : null;
  }
  return null;
}

/**
 * `“Go back to Univision,” Trump barked`: a verb right after a quote that closes a clause and
 * its subject is a verb of saying by position, whatever the verb.
 */
export function quotingVerb(tokens: Token[], i: number): boolean {
  // The clause ends with the verb (or an adverb or a phrase of where and when), no object follows.
  const next = tokens[i + 1];
  // "…,” he points out.": a particle that ends the clause; "blurted out “…”" has the quote for its object.
  if (next?.lower === 'out') return !tokens[i + 2] || (!tokens[i + 2]!.word && tokens[i + 2]!.quote < 0);
  return !next || !next.word || /ly$/.test(next.lower) || /^(at|in|on|from|during|after|before|back|as|while|with|into|over|and|but)$/.test(next.lower);
}
