import type { QuoteSpan, Span } from './types.js';

export function findQuotes(_text: string, _paragraphs: Span[]): QuoteSpan[] {
  return [];
}
