import { readBytes, readText } from './read.js';
import { splitSentences } from './sentences.js';
import { findQuotes } from './quotes.js';
import { attributeQuotes } from './speakers.js';
import { summarize } from './headline.js';
import { extractFacts } from './facts.js';
import { rankSentences } from './rank.js';
import type { Article, ArticleMeta, Reading, Result } from './types.js';

export type * from './types.js';
export { readBytes, readText } from './read.js';
export { shownRoles } from './attribution/roles.js';

/**
 * Reads an article: text in, `Reading` out. Pure: no I/O, no clock. Bad input is a value
 * (`{ ok: false, error }`), never an exception.
 */
export function readArticle(input: string | Uint8Array, meta: ArticleMeta = {}): Result<Reading> {
  const read = typeof input === 'string' ? readText(input, meta) : readBytes(input, meta);
  if (!read.ok) return read;
  return { ok: true, value: readParsed(read.value) };
}

/** The pipeline over a parsed article: quotes, sentences, speakers, headline, facts. */
export function readParsed(article: Article): Reading {
  const spans = findQuotes(article.text, article.paragraphs);
  const sentences = splitSentences(article.text, article.paragraphs, spans);
  const { quotes, speakers } = attributeQuotes(article, sentences, spans);
  // Ranked once: the headline, the summary and the key facts all choose from it.
  const ranked = rankSentences(article.text, sentences, quotes);
  const { headline, summary } = summarize(article, sentences, quotes, speakers, ranked);
  const facts = extractFacts(article, sentences, quotes, speakers, ranked);
  return { title: article.title, date: article.date, headline, summary, quotes, speakers, facts };
}
