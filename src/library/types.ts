import type { Quote, Reading } from '../article/types.js';
import type { ArticleVisibility } from './article-visibility.js';
import type { FeedStore } from './feed-store.js';
import type { FleetStore } from './fleet-store.js';
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

/**
 * Where an article is added: the shared collection (the operator's folder, the CLI), or a
 * server's own collection (`/article add`, its feeds), with who added it when a member did.
 */
export type Destination = { collection: 'shared' } | { collection: 'guild'; guildId: string; addedBy: string | null };

/**
 * Which articles a read sees: a server's visible articles (its own collection, and the shared
 * one unless the server hides it), the shared collection alone, or the whole archive (the
 * operator's CLI). Every read takes one, so no command can see past its server by accident.
 */
export type Scope = { guildId: string } | 'shared' | 'all';

/** What `/article remove` did: unlinked from the server, deleted with it, or refused. */
export type RemoveOutcome =
  /** Unlinked; another collection still holds it. `stillVisible` when the server sees it through the shared collection. */
  | { kind: 'unlinked'; stillVisible: boolean }
  /** No collection held it any more: the article, its reading and quotes are gone. */
  | { kind: 'deleted' }
  /** It is in the shared collection only: the operator's folder, not the server's to remove. */
  | { kind: 'shared' }
  /** The server does not see it (or it does not exist): the same answer either way. */
  | { kind: 'not-found' };

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
  /** The guild's local date, `YYYY-MM-DD` (`YYYY-MM-DD+2`… for an extra run): one briefing per guild per local day. */
  localDate: string;
  status: DeliveryStatus;
  /** Every part's message id once sent. */
  messageIds: string[];
  /** Why the last attempt failed (pending: it will be retried; failed: the day is given up). */
  error: string | null;
  /** Articles covered, so the next digest starts after them. */
  articleIds: number[];
  updatedAt: number;
  /** The process holding the lease, null when none does. */
  owner: string | null;
  /** The lease runs out at this instant (ms since epoch); any process may claim the job after it. */
  leaseUntil: number;
  /** Claims so far, the first included. */
  attempts: number;
  /** No claim before this instant: the backoff after a failed attempt. */
  nextAttemptAt: number;
  /** The end of the guild's local day: no attempt after it. */
  deadlineAt: number;
  createdAt: number;
  /** Part number -> message id of the parts posted so far, in part order. */
  parts: Map<number, string>;
}

/** What a new delivery job is created with. */
export interface DeliveryJobInput {
  guildId: string;
  localDate: string;
  articleIds: number[];
  deadlineAt: number;
}

/** One page of a list, with how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  /** True when `total` is a lower bound: counting stopped at a cap (a search matching most of the archive). */
  capped?: boolean;
}

/**
 * Articles, their texts and readings, and the collections that hold them. Saving an article
 * also links its speakers and quotes (see SpeakerStore) and adds it to a collection; the same
 * text is stored once, however many collections hold it. "Newest" is always the most recently
 * stored: the article id order. Every read takes a Scope.
 * Every store method is asynchronous, so a server database (PostgreSQL) can implement it; the
 * SQLite stores run synchronously underneath and are wrapped once (see sync-store.ts).
 */
export interface ArticleStore {
  /** Stores (or finds, by text) the article and adds it to `destination`'s collection. */
  saveArticle(input: ArticleInput, reading: Reading, destination: Destination): Promise<{ article: StoredArticle; outcome: SaveOutcome }>;
  /** Adds an article already stored to a collection; true when it was not there yet. */
  linkArticle(articleId: number, destination: Destination): Promise<boolean>;
  /** `/article remove`: unlinks it from the server's collection, deleting it when no collection holds it. */
  removeArticle(guildId: string, articleId: number): Promise<RemoveOutcome>;
  /** Whether a server sees the shared collection (true unless it turned it off). */
  sharedVisible(guildId: string): Promise<boolean>;
  setSharedVisible(guildId: string, visible: boolean): Promise<void>;
  /** Archive-wide, for the ingest's dedup: the same text or URL is stored once. */
  findByHash(hash: string): Promise<StoredArticle | null>;
  findBySource(source: string): Promise<StoredArticle | null>;
  /** Null when the article does not exist or `scope` does not see it: the same answer. */
  getArticle(scope: Scope, id: number): Promise<StoredArticle | null>;
  /** The articles of `ids` that exist and `scope` sees, in the order given: one read for a briefing's list. */
  getArticles(scope: Scope, ids: readonly number[]): Promise<StoredArticle[]>;
  getText(id: number): Promise<string | null>;
  getReading(scope: Scope, id: number): Promise<Reading | null>;
  /** The most recently stored article the scope sees. */
  latestArticle(scope: Scope): Promise<StoredArticle | null>;
  /** Newest first; `search` matches every word of title or text (words of 1-3 letters as word starts). */
  listArticles(scope: Scope, options?: { search?: string; limit?: number; offset?: number }): Promise<Page<StoredArticle>>;
  /** Autocomplete: up to `limit` articles matching what was typed (the last word as a word start), newest first (no count). */
  suggestArticles(scope: Scope, typed: string, limit?: number): Promise<StoredArticle[]>;
  /** Articles added to the scope's collections since `since` (ms since epoch, inclusive), newest first. */
  articlesSince(scope: Scope, since: number): Promise<StoredArticle[]>;
}

/** A quote found by text search; unattributed quotes have no speaker. */
export interface QuoteHit {
  article: StoredArticle;
  quote: Quote;
  speaker: SpeakerSummary | null;
}

/**
 * Archive-wide speakers and their quotes: autocomplete, forgiving search, "did you mean". A
 * speaker's identity is archive-wide; a scope sees only the speakers it has quotes of, with
 * `quoteCount` the quotes in its visible articles.
 */
export interface SpeakerStore {
  /** Autocomplete: up to `limit` speakers whose name, alias or role starts a word with `prefix`, most quoted first. */
  suggestSpeakers(scope: Scope, prefix: string, limit?: number): Promise<SpeakerSummary[]>;
  findSpeakers(scope: Scope, query: string): Promise<SpeakerMatch>;
  /** Quotes by one archive-wide speaker in the scope's articles, newest article first; optionally in one article only. */
  quotesBySpeaker(scope: Scope, speakerId: string, options?: { articleId?: number; limit?: number; offset?: number }): Promise<Page<SpeakerQuote>>;
  /** Quotes in the scope's articles whose text or speaker name has every word of `search` (prefixes, accents folded). */
  searchQuotes(scope: Scope, search: string, options?: { limit?: number; offset?: number }): Promise<Page<QuoteHit>>;
}

/** Each guild's briefing settings (`/briefing setup`). */
export interface GuildSettingsStore {
  getGuildSettings(guildId: string): Promise<GuildSettings | null>;
  listGuildSettings(): Promise<GuildSettings[]>;
  saveGuildSettings(settings: GuildSettings): Promise<void>;
  deleteGuildSettings(guildId: string): Promise<void>;
}

/**
 * The delivery log as leased jobs: one briefing per guild per local day. A job is created
 * once, claimed by one owner at a time for a lease it renews while posting, and settled as
 * sent or failed; a lease that runs out lets any process claim it again.
 */
export interface DeliveryStore {
  getDelivery(guildId: string, localDate: string): Promise<Delivery | null>;
  lastDelivery(guildId: string): Promise<Delivery | null>;
  /** Pending jobs nobody holds whose next attempt is due, oldest due first. */
  dueDeliveries(limit?: number): Promise<Delivery[]>;
  /** Creates the job, unclaimed and due now; false when the guild's day has one already. */
  createDelivery(job: DeliveryJobInput): Promise<boolean>;
  /** Takes the lease of a pending, due, unheld job for `leaseMs`: the job as claimed, or null when it is not to be had. */
  claimDelivery(guildId: string, localDate: string, owner: string, leaseMs: number): Promise<Delivery | null>;
  /** The heartbeat: extends `owner`'s lease; false when it no longer holds the job. */
  renewLease(guildId: string, localDate: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Records that part `part` went out as `messageId`; false when `owner` no longer holds the job. */
  recordPart(guildId: string, localDate: string, owner: string, part: number, messageId: string): Promise<boolean>;
  /** Settles the job and frees the lease; false when `owner` does not hold it. */
  finishDelivery(guildId: string, localDate: string, owner: string, result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string | null }): Promise<boolean>;
  /** Frees the lease, the job still pending: due again at `next.at` (now by default), with why. */
  releaseDelivery(guildId: string, localDate: string, owner: string, next?: { at?: number; error?: string | null }): Promise<boolean>;
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
  /** What the processes of a fleet share: Discord's request budget. */
  fleet: FleetStore;
  /**
   * One bounded step of the search indexes' upkeep (merging what saves added), which saves leave
   * to it; true while more remains. The bot runs it on a timer.
   */
  tidySearch(pages?: number): Promise<boolean>;
  /** Closes the database (or gives back the pool's connections). */
  close(): Promise<void>;
}
