import type { Reading } from '../article/types.js';
import type { ArticleInput, SaveOutcome, StoredArticle } from '../library/types.js';
import type { Destination } from './destination.js';

/**
 * What the ingest needs of the archive, and nothing more: find an article by its text or its
 * address, and save a new one into a destination. The ArticleStore is one as it is (its
 * `saveArticle` ignores the destination); an article store with collections plugs in here.
 */
export interface ArticleSink {
  findByHash(hash: string): StoredArticle | null;
  findBySource(source: string): StoredArticle | null;
  getReading(id: number): Reading | null;
  saveArticle(input: ArticleInput, reading: Reading, destination: Destination): { article: StoredArticle; outcome: SaveOutcome };
}
