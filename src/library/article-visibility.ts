/**
 * Which server may see an article: the one question quote alerts ask, answered by the
 * collections (its server's own collection, and the shared one unless the server hides it).
 */
import type { ArticleStore } from './types.js';

export interface ArticleVisibility {
  /** True when `guildId` may see article `articleId`: in its own collection, or shared and not hidden there. */
  isVisibleTo(guildId: string, articleId: number): Promise<boolean>;
}

export function createArticleVisibility(articles: Pick<ArticleStore, 'getArticle'>): ArticleVisibility {
  return {
    isVisibleTo: async (guildId, articleId) => (await articles.getArticle({ guildId }, articleId)) !== null,
  };
}
