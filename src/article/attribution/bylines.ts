/**
 * Speakers named at the quote marks with no verb of saying: a colon introduction, a transcript
 * line, a byline after a dash.
 */
import type { Cue } from './cue.js';
import { describe } from './mentions.js';
import { phraseAfter, phraseEndingAt } from '../grammar/phrases.js';
import { tokenAt, type Token } from '../grammar/tokens.js';
import type { QuoteSpan } from '../types.js';
import { OBJECT_PREPOSITIONS } from '../lexicon/prepositions.js';

/** `Michael P. McDonald: “At long last…”`: a name and a colon introduce the quote. */
export function colonIntroduction(tokens: Token[], text: string, span: QuoteSpan, anywhere = false): Cue | null {
  const k = tokenAt(tokens, span.outerStart) - 1;
  if (tokens[k]?.text !== ':') return null;
  let phrase = phraseEndingAt(tokens, k - 1);
  if (!phrase) return null;
  // "- Frank Newport and Jim Harter: “…”": two names introduce it; the first one's line.
  if (tokens[phrase.from - 1]?.lower === 'and' && tokens[phrase.from - 2]?.cap) phrase = phraseEndingAt(tokens, phrase.from - 2) ?? phrase;
  // The name must open its line (or follow a dash): "… - Michael P. McDonald: “…”"; or, when
  // no verb of saying in the sentence names anyone, stand anywhere before the colon ("The surge
  // doesn't surprise pollster Daron Shaw: “…”").
  const opener = tokens[phrase.from]!;
  const prev = tokens[phrase.from - 1];
  if (!anywhere && !opener.initial && !(prev && /^[\u2013\u2014-]$/.test(prev.text))) return null;
  // "a blunt message to Trump:", "celebrated the attacks on Twitter:": the object of a preposition is addressed, not speaking.
  if (anywhere && prev && OBJECT_PREPOSITIONS.has(prev.lower)) return null;
  const mention = describe(tokens, text, phrase);
  return mention.kind === 'name' && !mention.organization ? { verb: k, mention, distance: 0 } : null;
}

/** A transcript line names its speaker in capitals: `"PENCE: Well, look, …"`. */
const TRANSCRIPT_NAME = /^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s/;

export function transcriptSpeaker(tokens: Token[], text: string, span: QuoteSpan): Cue | null {
  const m = TRANSCRIPT_NAME.exec(span.text);
  if (!m || m[1]!.length < 3) return null;
  const from = tokenAt(tokens, span.start);
  const to = tokenAt(tokens, span.start + m[1]!.length);
  const mention = describe(tokens, text, { from, to });
  return mention.kind === 'name' ? { verb: from, mention, distance: 0 } : null;
}

/** `“…” ― Karen Bobadilla`: a dash and a name right after the closing mark. */
export function dashByline(tokens: Token[], text: string, span: QuoteSpan): Cue | null {
  const k = tokenAt(tokens, span.outerEnd);
  const dash = tokens[k];
  if (!dash || !/^[―—–-]$/.test(dash.text) || text.slice(span.outerEnd, dash.start).trim() !== '') return null;
  const phrase = phraseAfter(tokens, k + 1);
  // "“…” – Ready to quiz Trump –": a byline names and stops; a subhead goes on.
  if (!phrase || tokens[phrase.to]?.word) return null;
  const mention = describe(tokens, text, phrase);
  // "…”\n\n- Reuters.": a wire credit on a line of its own is the article's, not the quote's.
  const ownLine = text.slice(span.outerEnd, dash.start).includes('\n');
  return mention.kind === 'name' && !(ownLine && mention.organization) ? { verb: k, mention, distance: 0 } : null;
}
