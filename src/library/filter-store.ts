/**
 * Keywords and speakers a server's briefing, or one of its feeds, must match (`/feed add … keywords:`,
 * `/briefing setup … speakers:`). An empty filter lets everything through.
 */
import type { Database } from 'better-sqlite3';
import type { Sync } from './sync-store.js';

export interface ItemFilter {
  keywords: string[];
  speakers: string[];
}

export const NO_FILTER: ItemFilter = { keywords: [], speakers: [] };

/** What a filter is on: the server's briefing, or one of its feeds (by URL). */
export type FilterTarget = 'briefing' | `feed:${string}`;

export const feedTarget = (url: string): FilterTarget => `feed:${url}`;

export interface FilterStore {
  /** The filter on `target`; NO_FILTER when none is set. */
  getFilter(guildId: string, target: FilterTarget): Promise<ItemFilter>;
  /** Sets the filter; an empty one removes it. */
  setFilter(guildId: string, target: FilterTarget, filter: ItemFilter): Promise<void>;
  /** The filters of `guildId`'s feeds that brought the article (NO_FILTER for a feed without one); empty when none did. */
  feedFiltersOf(guildId: string, articleId: number): Promise<ItemFilter[]>;
  /** Whether any of `guildId`'s feeds has a filter: without one, no article needs `feedFiltersOf`. */
  hasFeedFilters(guildId: string): Promise<boolean>;
}

export function createFilterStore(db: Database): Sync<FilterStore> {
  const get = db.prepare<[string, string], { keywords: string; speakers: string }>('SELECT keywords, speakers FROM filters WHERE guild_id = ? AND target = ?');
  const put = db.prepare<[string, string, string, string]>('INSERT OR REPLACE INTO filters (guild_id, target, keywords, speakers) VALUES (?, ?, ?, ?)');
  const remove = db.prepare<[string, string]>('DELETE FROM filters WHERE guild_id = ? AND target = ?');
  const ofFeeds = db.prepare<[string, number], { keywords: string | null; speakers: string | null }>(
    `SELECT fl.keywords, fl.speakers FROM feed_items i JOIN feeds f ON f.id = i.feed_id
     LEFT JOIN filters fl ON fl.guild_id = f.guild_id AND fl.target = 'feed:' || f.url
     WHERE f.guild_id = ? AND i.article_id = ?`,
  );
  const anyOfFeeds = db.prepare<[string], { n: number }>("SELECT 1 AS n FROM filters WHERE guild_id = ? AND target LIKE 'feed:%' LIMIT 1");
  return {
    getFilter(guildId, target) {
      const row = get.get(guildId, target);
      return row ? { keywords: JSON.parse(row.keywords) as string[], speakers: JSON.parse(row.speakers) as string[] } : NO_FILTER;
    },
    setFilter(guildId, target, filter) {
      if (filter.keywords.length === 0 && filter.speakers.length === 0) remove.run(guildId, target);
      else put.run(guildId, target, JSON.stringify(filter.keywords), JSON.stringify(filter.speakers));
    },
    hasFeedFilters: (guildId) => anyOfFeeds.get(guildId) !== undefined,
    feedFiltersOf: (guildId, articleId) =>
      ofFeeds.all(guildId, articleId).map((r) => ({ keywords: JSON.parse(r.keywords ?? '[]') as string[], speakers: JSON.parse(r.speakers ?? '[]') as string[] })),
  };
}
