/**
 * The rows both stores read. SQLite's schema and PostgreSQL's share their tables and column
 * names, so each row has one shape and one mapping to what the stores return, used by both.
 */
import type { Quote, QuoteKind } from '../article/types.js';
import type { Feed } from './feed-store.js';
import type { AlertEntry, AlertStatus, Follow } from './follow-store.js';
import type { Delivery, DeliveryStatus, GuildSettings, SpeakerSummary, StoredArticle } from './types.js';

export interface ArticleRow {
  id: number;
  source: string;
  url: string | null;
  title: string | null;
  date: string | null;
  hash: string;
  added_at: number;
}

export function toStoredArticle(row: ArticleRow): StoredArticle {
  return { id: row.id, source: row.source, url: row.url, title: row.title, date: row.date, hash: row.hash, addedAt: row.added_at };
}

export interface QuoteRow {
  id: number;
  article_id: number;
  text: string;
  kind: string;
  start: number;
  end: number;
  outer_start: number;
  outer_end: number;
  continued: number;
  speaker_id: string | null;
  mention_text: string | null;
  mention_start: number | null;
  mention_end: number | null;
}

export function toQuote(row: QuoteRow, speaker: SpeakerSummary | null): Quote {
  const mention = row.mention_text === null ? null : { text: row.mention_text, start: row.mention_start ?? 0, end: row.mention_end ?? 0 };
  return {
    text: row.text,
    kind: row.kind as QuoteKind,
    start: row.start,
    end: row.end,
    outerStart: row.outer_start,
    outerEnd: row.outer_end,
    continued: row.continued === 1,
    speaker: speaker ? { id: speaker.id, name: speaker.name, mention } : null,
  };
}

/** A quote joined with its article, whose id comes as `a_id` beside the quote's own. */
export type JoinedRow = QuoteRow & Omit<ArticleRow, 'id'> & { a_id: number };
export const articleOf = (r: JoinedRow): StoredArticle => toStoredArticle({ ...r, id: r.a_id });

export interface SettingsRow {
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  role_id: string | null;
  post_when_empty: number;
  enabled: number;
}

export function toSettings(row: SettingsRow): GuildSettings {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    roleId: row.role_id,
    postWhenEmpty: row.post_when_empty === 1,
    enabled: row.enabled === 1,
  };
}

export interface DeliveryRow {
  guild_id: string;
  local_date: string;
  status: string;
  message_ids: string;
  error: string | null;
  article_ids: string;
  updated_at: number;
  owner: string | null;
  lease_until: number;
  attempts: number;
  next_attempt_at: number;
  deadline_at: number;
  created_at: number;
  parts: string;
}

export function toDelivery(row: DeliveryRow): Delivery {
  const parts = Object.entries(JSON.parse(row.parts) as Record<string, string>).map(([part, id]) => [Number(part), id] as const);
  return {
    guildId: row.guild_id,
    localDate: row.local_date,
    status: row.status as DeliveryStatus,
    messageIds: JSON.parse(row.message_ids) as string[],
    error: row.error,
    articleIds: JSON.parse(row.article_ids) as number[],
    updatedAt: row.updated_at,
    owner: row.owner,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deadlineAt: row.deadline_at,
    createdAt: row.created_at,
    parts: new Map(parts.sort(([a], [b]) => a - b)),
  };
}

export interface FeedRow {
  id: number;
  guild_id: string;
  url: string;
  title: string | null;
  channel_id: string | null;
  etag: string | null;
  last_modified: string | null;
  last_error: string | null;
  failures: number;
  next_poll_at: number;
  last_polled_at: number | null;
  primed: number;
  added_at: number;
}

export const toFeed = (row: FeedRow): Feed => ({
  id: row.id,
  guildId: row.guild_id,
  url: row.url,
  title: row.title,
  channelId: row.channel_id,
  etag: row.etag,
  lastModified: row.last_modified,
  lastError: row.last_error,
  failures: row.failures,
  nextPollAt: row.next_poll_at,
  lastPolledAt: row.last_polled_at,
  primed: row.primed === 1,
  addedAt: row.added_at,
});

export interface FollowRow {
  id: number;
  guild_id: string;
  name: string;
  key: string;
  channel_id: string;
  role_id: string | null;
  added_at: number;
}
export interface AlertRow {
  follow_id: number;
  article_id: number;
  channel_id: string;
  hour: number;
  status: AlertStatus;
  message_id: string | null;
  error: string | null;
  owner: string | null;
  lease_until: number;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

export const toFollow = (r: FollowRow): Follow => ({ id: r.id, guildId: r.guild_id, name: r.name, channelId: r.channel_id, roleId: r.role_id, addedAt: r.added_at });
export const toAlert = (r: AlertRow): AlertEntry => ({
  followId: r.follow_id,
  articleId: r.article_id,
  channelId: r.channel_id,
  hour: r.hour,
  status: r.status,
  messageId: r.message_id,
  error: r.error,
  owner: r.owner,
  leaseUntil: r.lease_until,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
});

export interface CollectionRow {
  id: number;
  shows_shared: number;
  article_count: number;
  shared_count: number;
}

export interface SpeakerCountRow {
  collection_id: number;
  speaker_id: string;
  quote_count: number;
  shared_count: number;
}
