import type { Article, Quote, Sentence, Speaker } from './types.js';

/** Headline and summary. Not built yet: an empty headline and summary claim nothing. */
export function summarize(_article: Article, _sentences: Sentence[], _quotes: Quote[], _speakers: Speaker[]): { headline: string; summary: string[] } {
  return { headline: '', summary: [] };
}
