import type { Database } from 'better-sqlite3';
import type { Sync } from './sync-store.js';
import { type FeedRow, toFeed } from './rows.js';

/** A feed a guild follows, with the state of its polling. */
export interface Feed {
  id: number;
  guildId: string;
  url: string;
  title: string | null;
  /** Where new articles are announced; null when added outside a channel. */
  channelId: string | null;
  etag: string | null;
  lastModified: string | null;
  lastError: string | null;
  /** Failed polls in a row; the back-off grows with it. */
  failures: number;
  /** ms since epoch. */
  nextPollAt: number;
  lastPolledAt: number | null;
  /** False until the first successful poll, which stores items but announces none. */
  primed: boolean;
  addedAt: number;
}

export interface PollSuccess {
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  polledAt: number;
  nextPollAt: number;
}

/** The feeds table: which guild follows which feed, and which items each has seen. */
export interface FeedStore {
  /** Adds a feed for a guild; null when the guild already follows it. */
  addFeed(feed: { guildId: string; url: string; channelId: string | null; now: number }): Promise<Feed | null>;
  removeFeed(guildId: string, url: string): Promise<boolean>;
  getFeed(id: number): Promise<Feed | null>;
  listFeeds(guildId: string): Promise<Feed[]>;
  /** Feeds whose next poll is at or before `now`, the most overdue first (leased or not: `claimFeed` decides). */
  dueFeeds(now: number): Promise<Feed[]>;
  /**
   * Takes the poll of a due feed for `owner` until `now + leaseMs`, in one atomic step; null when
   * it is not due, or another owner's lease is still running. A lease that ran out (its process
   * died) may be taken over.
   */
  claimFeed(id: number, owner: string, now: number, leaseMs: number): Promise<Feed | null>;
  /** Extends `owner`'s lease while a long poll goes on; false when the lease was lost. */
  renewFeedLease(id: number, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives back `owner`'s lease without recording a poll (a shutdown mid-poll). */
  releaseFeed(id: number, owner: string): Promise<void>;
  /** Records a poll and ends its lease. */
  recordSuccess(id: number, success: PollSuccess): Promise<void>;
  /** Records a failed poll and ends its lease. */
  recordFailure(id: number, failure: { error: string; polledAt: number; nextPollAt: number }): Promise<void>;
  hasSeen(feedId: number, itemKey: string): Promise<boolean>;
  markSeen(feedId: number, itemKey: string, articleId: number | null): Promise<void>;
}

/** The statements over `feeds` and `feed_items`, prepared once. */
export function createFeedStore(db: Database): Sync<FeedStore> {
  const insert = db.prepare<[string, string, string | null, number, number]>(
    'INSERT OR IGNORE INTO feeds (guild_id, url, channel_id, next_poll_at, added_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byKey = db.prepare<[string, string], FeedRow>('SELECT * FROM feeds WHERE guild_id = ? AND url = ?');
  const byId = db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const byGuild = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE guild_id = ? ORDER BY added_at, id');
  const due = db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, id');
  const remove = db.prepare<[string, string]>('DELETE FROM feeds WHERE guild_id = ? AND url = ?');
  const success = db.prepare<[string | null, string | null, string | null, number, number, number]>(
    `UPDATE feeds SET title = coalesce(?, title), etag = ?, last_modified = ?, last_error = NULL, failures = 0,
       last_polled_at = ?, next_poll_at = ?, primed = 1, lease_owner = NULL, lease_until = 0 WHERE id = ?`,
  );
  const failure = db.prepare<[string, number, number, number]>(
    'UPDATE feeds SET last_error = ?, failures = failures + 1, last_polled_at = ?, next_poll_at = ?, lease_owner = NULL, lease_until = 0 WHERE id = ?',
  );
  const claim = db.prepare<[string, number, number, number, number], FeedRow>(
    'UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE id = ? AND next_poll_at <= ? AND lease_until <= ? RETURNING *',
  );
  const renew = db.prepare<[number, number, string, number]>('UPDATE feeds SET lease_until = ? WHERE id = ? AND lease_owner = ? AND lease_until > ?');
  const release = db.prepare<[number, string]>('UPDATE feeds SET lease_owner = NULL, lease_until = 0 WHERE id = ? AND lease_owner = ?');
  const seen = db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM feed_items WHERE feed_id = ? AND item_key = ?');
  const mark = db.prepare<[number, string, number | null]>('INSERT OR REPLACE INTO feed_items (feed_id, item_key, article_id) VALUES (?, ?, ?)');

  return {
    addFeed({ guildId, url, channelId, now }) {
      const added = insert.run(guildId, url, channelId, now, now).changes === 1;
      return added ? toFeed(byKey.get(guildId, url)!) : null;
    },
    removeFeed: (guildId, url) => remove.run(guildId, url).changes > 0,
    getFeed: (id) => {
      const row = byId.get(id);
      return row ? toFeed(row) : null;
    },
    listFeeds: (guildId) => byGuild.all(guildId).map(toFeed),
    dueFeeds: (now) => due.all(now).map(toFeed),
    claimFeed: (id, owner, now, leaseMs) => {
      const row = claim.get(owner, now + leaseMs, id, now, now);
      return row ? toFeed(row) : null;
    },
    // A lease already run out is not renewed: another process may hold the feed now
    renewFeedLease: (id, owner, now, leaseMs) => renew.run(now + leaseMs, id, owner, now).changes === 1,
    releaseFeed: (id, owner) => void release.run(id, owner),
    recordSuccess: (id, s) => void success.run(s.title, s.etag, s.lastModified, s.polledAt, s.nextPollAt, id),
    recordFailure: (id, f) => void failure.run(f.error, f.polledAt, f.nextPollAt, id),
    hasSeen: (feedId, itemKey) => seen.get(feedId, itemKey) !== undefined,
    markSeen: (feedId, itemKey, articleId) => void mark.run(feedId, itemKey, articleId),
  };
}
