/**
 * Which relative pronoun is the subject of the verb that governs a quote: "Mr. Scott, who has
 * called …".
 */
import type { Cue } from './cue.js';
import { abbreviationDot } from '../grammar/clauses.js';
import { SPEECH_VERBS } from '../lexicon/lexicon.js';
import { tokenAt, type Token } from '../grammar/tokens.js';
import type { QuoteSpan } from '../types.js';

/** The most tokens read between a speaker's mention and the relative pronoun after it. */
const RELATIVE_REACH_TOKENS = 16;

/**
 * "Mr. Scott, who has called Mr. Trump's comments “racially toxic,” portrayed …", "said Scott
 * Reed, the Chamber's strategist, who added that … “like folks …”": a quote inside a relative
 * clause is governed by the clause's verb, whose subject is the relative pronoun: it is the
 * mention, and it names the one the clause hangs on.
 */
export function relativeMention(tokens: Token[], text: string, cue: Cue, span: QuoteSpan): Cue {
  if (cue.mention.kind === 'pronoun' || cue.mention.end > span.outerStart) return cue;
  const after = tokenAt(tokens, cue.mention.end);
  const open = tokenAt(tokens, span.outerStart);
  let who = -1;
  for (let k = after; k < open && k - after <= RELATIVE_REACH_TOKENS; k++) {
    const t = tokens[k]!;
    if (t.quote !== -1 || (/^[.;:!?]$/.test(t.text) && !abbreviationDot(tokens, k)) || SPEECH_VERBS.has(t.lower)) return cue;
    if (t.lower === 'who' && tokens[k - 1]?.text === ',') {
      who = k;
      break;
    }
  }
  if (who < 0) return cue;
  // The clause runs on to the quote: a comma after "who" sets off an inserted phrase
  // ("who, on a press call Friday, criticized"); any other ends the clause before the quote.
  let k = who + 1;
  if (tokens[k]?.text === ',') {
    k++;
    while (k < open && tokens[k]!.text !== ',') k++;
    k++;
  }
  for (; k < open; k++) {
    const t = tokens[k]!;
    if (t.quote !== -1 || (/^[,.;:!?\u2014\u2013]$/.test(t.text) && !abbreviationDot(tokens, k))) return cue;
  }
  const w = tokens[who]!;
  return { ...cue, mention: { ...cue.mention, start: w.start, end: w.end, text: text.slice(w.start, w.end) } };
}
