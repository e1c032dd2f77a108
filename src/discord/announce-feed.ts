/** New feed items announced in the feed's channel: only those its filter lets through. */
import type { Client } from 'discord.js';
import type { Feed } from '../library/feed-store.js';
import { feedTarget, type FilterStore } from '../library/filter-store.js';
import { matchesFilter } from '../library/item-filter.js';
import type { ArticleStore, StoredArticle } from '../library/types.js';
import { renderFeedArticles } from './render-ingest.js';

export function feedAnnouncer(client: Client, stores: { articles: ArticleStore; filters: FilterStore }) {
  return async (feed: Feed, articles: StoredArticle[]): Promise<void> => {
    if (!feed.channelId) return;
    const filter = await stores.filters.getFilter(feed.guildId, feedTarget(feed.url));
    const shown: StoredArticle[] = [];
    for (const a of articles) {
      const item = { title: a.title, text: (await stores.articles.getText(a.id)) ?? '', reading: await stores.articles.getReading('all', a.id) };
      if (matchesFilter(filter, item)) shown.push(a);
    }
    if (shown.length === 0) return;
    const channel = await client.channels.fetch(feed.channelId);
    const { ephemeral: _ephemeral, ...message } = renderFeedArticles(feed, shown);
    if (channel?.isSendable()) await channel.send(message);
  };
}
