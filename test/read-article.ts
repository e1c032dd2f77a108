/** Engine test helpers: read a text or fail loudly, find a quote by how it starts, check who it is given to. */
import { expect } from 'vitest';
import { readArticle } from '../src/article/index.js';
import type { Quote, Reading } from '../src/article/types.js';

export function read(text: string): Reading {
  const result = readArticle(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function quoteOf(reading: Reading, start: string): Quote {
  const quote = reading.quotes.find((q) => q.text.startsWith(start));
  if (!quote) throw new Error(`no quote starting "${start}" in: ${reading.quotes.map((q) => q.text).join(' | ')}`);
  return quote;
}

/** A quote of a real sentence and who it is attributed to. */
export interface AttributionCase {
  form: string;
  text: string;
  /** The start of the quote's text. */
  quote: string;
  speaker: string;
  /** The phrase of the attribution clause that names the speaker. */
  mention: string;
}

/** The case's quote goes to its speaker, named by its mention; returns the quote. */
export function expectSpeaker(c: AttributionCase): Quote {
  const quote = quoteOf(read(c.text), c.quote);
  expect(quote.speaker?.name).toBe(c.speaker);
  expect(quote.speaker?.mention?.text).toBe(c.mention);
  return quote;
}
