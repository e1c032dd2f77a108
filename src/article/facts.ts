import type { Article, Facts, Quote, Sentence, Speaker } from './types.js';

/** Key facts. Not built yet: empty lists claim nothing. */
export function extractFacts(_article: Article, _sentences: Sentence[], _quotes: Quote[], _speakers: Speaker[]): Facts {
  return { people: [], places: [], organizations: [], dates: [], numbers: [], key: [] };
}
