/**
 * Which server may see an article, as far as this archive knows: the one question quote alerts
 * ask. Collections (issue 11) replace this with their own answer behind the same interface.
 */
import type { Database } from 'better-sqlite3';

export interface ArticleVisibility {
  /** True when `guildId` may see article `articleId`: shared, its own, or brought by its own feed. */
  isVisibleTo(guildId: string, articleId: number): boolean;
}

/**
 * From what main records: `discord:<guild>/…` sources belong to that guild; an article that only
 * feeds brought belongs to those feeds' guilds; a folder file, a CLI path or URL is shared.
 * A URL a member added with `/article add` is stored under its address alone, so it reads as shared.
 */
export function createArticleVisibility(db: Database): ArticleVisibility {
  const source = db.prepare<[number], { source: string }>('SELECT source FROM articles WHERE id = ?');
  const feedGuilds = db.prepare<[number], { guild_id: string }>(
    'SELECT DISTINCT f.guild_id FROM feed_items i JOIN feeds f ON f.id = i.feed_id WHERE i.article_id = ?',
  );
  return {
    isVisibleTo(guildId, articleId) {
      const row = source.get(articleId);
      if (!row) return false;
      if (row.source.startsWith('discord:')) return row.source.startsWith(`discord:${guildId}/`);
      // A file of the operator's folder, or text given to the CLI, is shared whatever feed also carried it
      if (row.source.startsWith('/') || row.source.startsWith('local/')) return true;
      const guilds = feedGuilds.all(articleId).map((r) => r.guild_id);
      return guilds.length === 0 || guilds.includes(guildId);
    },
  };
}
