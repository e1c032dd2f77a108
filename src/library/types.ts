import type { Quote, Reading } from '../article/types.js';

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

/** The archive. Implementations: SQLite (`sqlite.ts`). Readings are computed once, at ingest. */
export interface Library {
  saveArticle(input: ArticleInput, reading: Reading): { article: StoredArticle; outcome: SaveOutcome };
  findByHash(hash: string): StoredArticle | null;
  findBySource(source: string): StoredArticle | null;
  getArticle(id: number): StoredArticle | null;
  getText(id: number): string | null;
  getReading(id: number): Reading | null;
  latestArticle(): StoredArticle | null;
  /** Newest first (by date, then by when added); `search` matches title and text. */
  listArticles(options?: { search?: string; limit?: number; offset?: number }): { items: StoredArticle[]; total: number };
  /** Autocomplete: up to `limit` speakers whose name, alias or role starts a word with `prefix`. */
  suggestSpeakers(prefix: string, limit?: number): SpeakerSummary[];
  findSpeakers(query: string): SpeakerMatch;
  /** Quotes by one archive-wide speaker, newest article first; optionally in one article only. */
  quotesBySpeaker(speakerId: string, options?: { articleId?: number; limit?: number; offset?: number }): { items: SpeakerQuote[]; total: number };
  /** Articles added since `since` (ms since epoch), newest first. */
  articlesSince(since: number): StoredArticle[];

  getGuildSettings(guildId: string): GuildSettings | null;
  listGuildSettings(): GuildSettings[];
  saveGuildSettings(settings: GuildSettings): void;
  deleteGuildSettings(guildId: string): void;

  getDelivery(guildId: string, localDate: string): Delivery | null;
  lastDelivery(guildId: string): Delivery | null;
  /** Claims the day for a guild; false when a delivery for that day already exists. */
  beginDelivery(guildId: string, localDate: string, articleIds: number[]): boolean;
  finishDelivery(guildId: string, localDate: string, result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string | null }): void;

  close(): void;
}
