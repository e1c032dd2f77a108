import { SPEECH_VERBS } from './lexicon.js';
import { describe, type Mention } from './mentions.js';
import { phraseAfter, subjectBefore, type Phrase } from './phrases.js';
import { tokenAt, type Token } from './tokens.js';
import type { QuoteSpan, Sentence } from './types.js';

/** An attribution: the verb of saying and the phrase that names the speaker. */
export interface Cue {
  verb: number;
  mention: Mention;
  /** Characters between the quote and the attribution: the nearest one wins. */
  distance: number;
}

/** A sentence is "only the quote" when at most this many words stand outside it. */
const QUOTE_ONLY_WORDS = 2;

/**
 * Finds who a quote is attributed to: a cue in its own sentence ("X said", "said X",
 * "according to X", "X told reporters"); else a colon introduction in the sentence before
 * ("Caddell continued:"); else, for a sentence that is only the quote, a speaker named in
 * the narrative sentence before it.
 */
export function findAttribution(tokens: Token[], sentences: Sentence[], spans: QuoteSpan[], span: QuoteSpan, text: string): Cue | null {
  const s = sentenceOf(sentences, span.start);
  const own = bestCue(tokens, text, sentences[s]!, span);
  if (own) return own;
  const prev = s > 0 ? sentences[s - 1]! : null;
  if (!prev) return null;
  if (endsWithColon(text, prev)) return bestCue(tokens, text, prev, span);
  const sameParagraph = prev.paragraph === sentences[s]!.paragraph;
  if (sameParagraph && quoteOnly(tokens, sentences[s]!) && !hasQuote(spans, prev)) return bestCue(tokens, text, prev, span);
  return null;
}

function bestCue(tokens: Token[], text: string, sent: Sentence, span: QuoteSpan): Cue | null {
  let best: Cue | null = null;
  for (let i = tokenAt(tokens, sent.start); i < tokens.length && tokens[i]!.start < sent.end; i++) {
    const cue = cueAt(tokens, text, i, span);
    if (cue && (!best || cue.distance < best.distance)) best = cue;
  }
  return best;
}

function cueAt(tokens: Token[], text: string, i: number, span: QuoteSpan): Cue | null {
  const t = tokens[i]!;
  if (t.quote >= 0 || !t.word) return null;
  let phrase: Phrase | null = null;
  if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') phrase = phraseAfter(tokens, i + 2);
  else if (SPEECH_VERBS.has(t.lower)) phrase = subjectBefore(tokens, i) ?? (inverted(tokens, i) ? phraseAfter(tokens, i + 1) : null);
  if (!phrase) return null;
  const mention = describe(tokens, text, phrase);
  const start = Math.min(mention.start, t.start);
  const end = Math.max(mention.end, t.end);
  const distance = end <= span.outerStart ? span.outerStart - end : Math.max(0, start - span.outerEnd);
  return { verb: i, mention, distance };
}

/** `“…,” said Caddell` and `, said Caddell`: the subject follows the verb. */
function inverted(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  return !before || before.quote >= 0 || before.text === ',' || /["“”’]/.test(before.text);
}

function endsWithColon(text: string, sent: Sentence): boolean {
  return text.slice(sent.start, sent.end).trimEnd().endsWith(':');
}

function quoteOnly(tokens: Token[], sent: Sentence): boolean {
  let outside = 0;
  for (let i = tokenAt(tokens, sent.start); i < tokens.length && tokens[i]!.start < sent.end; i++) {
    if (tokens[i]!.word && tokens[i]!.quote < 0) outside++;
  }
  return outside <= QUOTE_ONLY_WORDS;
}

function hasQuote(spans: QuoteSpan[], sent: Sentence): boolean {
  return spans.some((q) => q.outerStart < sent.end && q.outerEnd > sent.start);
}

function sentenceOf(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
