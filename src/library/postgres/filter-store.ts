/** Keywords and speakers a server's briefing or feed must match, on PostgreSQL (../filter-store.ts). */
import { NO_FILTER, type FilterStore } from '../filter-store.js';
import type { PgDatabase } from './database.js';

export function pgFilterStore(db: PgDatabase): FilterStore {
  const { sql } = db;
  return {
    async getFilter(guildId, target) {
      const row = await sql.one<{ keywords: string; speakers: string }>('SELECT keywords, speakers FROM filters WHERE guild_id = $1 AND target = $2', [guildId, target]);
      return row ? { keywords: JSON.parse(row.keywords) as string[], speakers: JSON.parse(row.speakers) as string[] } : NO_FILTER;
    },
    async setFilter(guildId, target, filter) {
      if (filter.keywords.length === 0 && filter.speakers.length === 0) await sql.run('DELETE FROM filters WHERE guild_id = $1 AND target = $2', [guildId, target]);
      else
        await sql.run(
          `INSERT INTO filters (guild_id, target, keywords, speakers) VALUES ($1, $2, $3, $4)
           ON CONFLICT (guild_id, target) DO UPDATE SET keywords = excluded.keywords, speakers = excluded.speakers`,
          [guildId, target, JSON.stringify(filter.keywords), JSON.stringify(filter.speakers)],
        );
    },
    hasFeedFilters: async (guildId) => (await sql.one("SELECT 1 AS n FROM filters WHERE guild_id = $1 AND target LIKE 'feed:%' LIMIT 1", [guildId])) !== undefined,
    async feedFiltersOf(guildId, articleId) {
      const rows = await sql.rows<{ keywords: string | null; speakers: string | null }>(
        `SELECT fl.keywords, fl.speakers FROM feed_items i JOIN feeds f ON f.id = i.feed_id
         LEFT JOIN filters fl ON fl.guild_id = f.guild_id AND fl.target = 'feed:' || f.url
         WHERE f.guild_id = $1 AND i.article_id = $2 ORDER BY i.feed_id, i.item_key`,
        [guildId, articleId],
      );
      return rows.map((r) => ({ keywords: JSON.parse(r.keywords ?? '[]') as string[], speakers: JSON.parse(r.speakers ?? '[]') as string[] }));
    },
  };
}
