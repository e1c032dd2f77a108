import type { ArticleStore } from '../library/types.js';

/**
 * What the ingest needs of the archive, and nothing more: find an article by its text or its
 * address (archive-wide: the same text is stored once), read its reading, save a new one into
 * a destination's collection, or add one already stored to it.
 */
export type ArticleSink = Pick<ArticleStore, 'findByHash' | 'findBySource' | 'getReading' | 'saveArticle' | 'linkArticle'>;
