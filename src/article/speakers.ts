import type { Article, Quote, QuoteSpan, Sentence, Speaker } from './types.js';

export function attributeQuotes(_article: Article, _sentences: Sentence[], spans: QuoteSpan[]): { quotes: Quote[]; speakers: Speaker[] } {
  return { quotes: spans.map((s) => ({ ...s, speaker: null })), speakers: [] };
}
