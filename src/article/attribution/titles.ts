/**
 * Titles of works and nicknames in quote marks: "Johnnie Ray's hit “Cry,”", "his new film, “The
 * Forger,”", "the condition whose victims are nicknamed ‘Real-Life Vampires’". Named by the
 * narrator, they are no one's words.
 */
import { SPEECH_VERBS } from '../lexicon/lexicon.js';
import { tokenAt, type Token } from '../grammar/tokens.js';
import type { QuoteSpan, Sentence } from '../types.js';
import { WORK_LABELS } from '../lexicon/nouns.js';

/**
 * The quote is a title in Title Case right after a word that labels it, in a sentence of the
 * narrator's: no verb of saying stands before it ("Clinton says the Ohio native nicknamed “King
 * James” …" reports her words).
 */
export function isLabelledTitle(tokens: Token[], sentence: Sentence, span: QuoteSpan): boolean {
  let k = tokenAt(tokens, span.outerStart) - 1;
  if (tokens[k]?.text === ',') k--;
  const label = tokens[k];
  if (!label || label.cap || label.quote !== -1 || !WORK_LABELS.has(label.lower) || !isTitleCase(span.text.replace(/[,.!?]+$/u, ''))) return false;
  for (let j = tokenAt(tokens, sentence.start); j < k; j++) if (tokens[j]!.quote === -1 && SPEECH_VERBS.has(tokens[j]!.lower)) return false;
  return true;
}

/** "Celebrity Apprentice", "Make America Great Again": a short run of capitalised words, a title rather than speech. */
export function isTitleCase(quote: string): boolean {
  const words = quote.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const minor = /^(a|an|the|of|and|or|in|on|at|to|for|with|by|from|de|la)$/;
  return words.length > 0 && words.length <= 6 && words.every((w, i) => (i > 0 && minor.test(w)) || /^\p{Lu}/u.test(w));
}
