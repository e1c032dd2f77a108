/** Engine test helpers: read a text or fail loudly, and find a quote by how it starts. */
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
