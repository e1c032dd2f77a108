import type { Quote, Reading } from '../article/types.js';
import type { ArticleVisibility } from './article-visibility.js';
import type { FeedStore } from './feed-store.js';
import type { FilterStore } from './filter-store.js';
import type { FollowStore } from './follow-store.js';
import type { QuotaStore } from './quota-store.js';

/** An article as stored in the archive. */
export interface StoredArticle {
  id: number;
  /** Where it came from: a file path, a URL, `discord:<guild>/<user>`. */
  source: string;
  /** Canonical URL when the article came from the web. */
  url: string | null;
  title: string | null;
  /** `YYYY-MM-DD` or null. */
  date: string | null;
  /** sha256 of the text, hex. */
  hash: string;
  /** When it entered the archive (ms since epoch). */
  addedAt: number;
}

export interface ArticleInput {
  source: string;
  url?: string | null;
  text: string;
  title: string | null;
  date: string | null;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/** A quote found by speaker search, with the article it belongs to. */
export interface SpeakerQuote {
  article: StoredArticle;
  quote: Quote;
  /** The archive-wide speaker (linked across articles). */
  speaker: SpeakerSummary;
}

/** A person or organisation as the archive knows them, across articles. */
export interface SpeakerSummary {
  /** Archive-wide id: stable, derived from the canonical name. */
  id: string;
  name: string;
  aliases: string[];
  roles: string[];
  quoteCount: number;
}

export interface SpeakerMatch {
  /** Speakers that match the query (surname, full name, role, accents and case folded). */
  matches: SpeakerSummary[];
  /** Close names when nothing matched ("did you mean …"). */
  suggestions: SpeakerSummary[];
}

export interface GuildSettings {
  guildId: string;
  channelId: string;
  /** `HH:MM`, 24-hour, local to `timezone`. */
  time: string;
  /** IANA name, e.g. `Europe/Istanbul`. */
  timezone: string;
  roleId: string | null;
  /** Post a briefing even when nothing is new. */
  postWhenEmpty: boolean;
  enabled: boolean;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface Delivery {
  guildId: string;
  /** The guild's local date, `YYYY-MM-DD`: one briefing per guild per local day. */
  localDate: string;
  status: DeliveryStatus;
  messageIds: string[];
  error: string | null;
  /** Articles covered, so the next digest starts after them. */
  articleIds: number[];
  updatedAt: number;
}

/** One page of a list, with how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  /** True when `total` is a lower bound: counting stopped at a cap (a search matching most of the archive). */
  capped?: boolean;
}

/**
 * Articles, their texts and readings. Saving an article also links its speakers and quotes
 * (see SpeakerStore). "Newest" is always the most recently added: the article id order.
 * Synchronous for now; every method returns a plain value, so an async implementation
 * (PostgreSQL) wraps the same shapes in promises.
 */
export interface ArticleStore {
  saveArticle(input: ArticleInput, reading: Reading): { article: StoredArticle; outcome: SaveOutcome };
  findByHash(hash: string): StoredArticle | null;
  findBySource(source: string): StoredArticle | null;
  getArticle(id: number): StoredArticle | null;
  getText(id: number): string | null;
  getReading(id: number): Reading | null;
  /** The most recently added article. */
  latestArticle(): StoredArticle | null;
  /** Newest added first; `search` matches every word of title or text (words of 1-3 letters as word starts). */
  listArticles(options?: { search?: string; limit?: number; offset?: number }): Page<StoredArticle>;
  /** Autocomplete: up to `limit` articles matching what was typed (the last word as a word start), newest added first (no count). */
  suggestArticles(typed: string, limit?: number): StoredArticle[];
  /** Articles added since `since` (ms since epoch, inclusive), newest first. */
  articlesSince(since: number): StoredArticle[];
}

/** A quote found by text search; unattributed quotes have no speaker. */
export interface QuoteHit {
  article: StoredArticle;
  quote: Quote;
  speaker: SpeakerSummary | null;
}

/** Archive-wide speakers and their quotes: autocomplete, forgiving search, "did you mean". */
export interface SpeakerStore {
  /** Autocomplete: up to `limit` speakers whose name, alias or role starts a word with `prefix`, most quoted first. */
  suggestSpeakers(prefix: string, limit?: number): SpeakerSummary[];
  findSpeakers(query: string): SpeakerMatch;
  /** Quotes by one archive-wide speaker, newest added article first; optionally in one article only. */
  quotesBySpeaker(speakerId: string, options?: { articleId?: number; limit?: number; offset?: number }): Page<SpeakerQuote>;
  /** Quotes whose text or speaker name has every word of `search` (prefixes, accents folded). */
  searchQuotes(search: string, options?: { limit?: number; offset?: number }): Page<QuoteHit>;
}

/** Each guild's briefing settings (`/briefing setup`). */
export interface GuildSettingsStore {
  getGuildSettings(guildId: string): GuildSettings | null;
  listGuildSettings(): GuildSettings[];
  saveGuildSettings(settings: GuildSettings): void;
  deleteGuildSettings(guildId: string): void;
}

/** The delivery log: one briefing per guild per local day. */
export interface DeliveryStore {
  getDelivery(guildId: string, localDate: string): Delivery | null;
  lastDelivery(guildId: string): Delivery | null;
  /** Claims the day for a guild; false when a delivery for that day already exists. */
  beginDelivery(guildId: string, localDate: string, articleIds: number[]): boolean;
  finishDelivery(guildId: string, localDate: string, result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string | null }): void;
}

/** Every store over one database, and the one way to close it. */
export interface Stores {
  articles: ArticleStore;
  speakers: SpeakerStore;
  guilds: GuildSettingsStore;
  deliveries: DeliveryStore;
  feeds: FeedStore;
  /** What members and servers added, for the `/article add` quotas. */
  quotas: QuotaStore;
  /** Who follows which speaker, and the quote alert log. */
  follows: FollowStore;
  /** Keywords and speakers a feed's items or a briefing must match. */
  filters: FilterStore;
  /** Which server may see an article (quote alerts ask it). */
  visibility: ArticleVisibility;
  close(): void;
}
