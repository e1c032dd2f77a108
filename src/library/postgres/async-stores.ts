/**
 * TEMPORARY: the store interfaces as the `async` branch makes them (every method a promise of
 * today's value, `close()` a promise), until that branch lands on main and the interfaces in
 * types.ts are async themselves.
 */
import type { ArticleVisibility } from '../article-visibility.js';
import type { FeedStore } from '../feed-store.js';
import type { FilterStore } from '../filter-store.js';
import type { FollowStore } from '../follow-store.js';
import type { QuotaStore } from '../quota-store.js';
import type { ArticleStore, DeliveryStore, GuildSettingsStore, SpeakerStore } from '../types.js';

export type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : T[K] };

export interface AsyncStores {
  articles: Async<ArticleStore>;
  speakers: Async<SpeakerStore>;
  guilds: Async<GuildSettingsStore>;
  deliveries: Async<DeliveryStore>;
  feeds: Async<FeedStore>;
  quotas: Async<QuotaStore>;
  follows: Async<FollowStore>;
  filters: Async<FilterStore>;
  visibility: Async<ArticleVisibility>;
  close(): Promise<void>;
}
