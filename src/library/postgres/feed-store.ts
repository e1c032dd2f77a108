/**
 * Feeds and the items each has seen, on PostgreSQL (../feed-store.ts). A poll is a leased job:
 * the claim is one conditional UPDATE … RETURNING over a row picked with FOR UPDATE SKIP LOCKED,
 * so of the processes that race for a due feed exactly one gets it and none waits.
 */
import type { Feed, FeedStore } from '../feed-store.js';
import type { PgDatabase } from './database.js';
import { type FeedRow, toFeed } from '../rows.js';

const COLUMNS = 'id, guild_id, url, title, channel_id, etag, last_modified, last_error, failures, next_poll_at, last_polled_at, primed, added_at';

export function pgFeedStore(db: PgDatabase): FeedStore {
  const { sql } = db;
  const feed = (row: FeedRow | undefined): Feed | null => (row ? toFeed(row) : null);
  return {
    addFeed: async ({ guildId, url, channelId, now }) =>
      feed(
        await sql.one<FeedRow>(
          `INSERT INTO feeds (guild_id, url, channel_id, next_poll_at, added_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (guild_id, url) DO NOTHING RETURNING ${COLUMNS}`,
          [guildId, url, channelId, now],
        ),
      ),
    removeFeed: async (guildId, url) => (await sql.run('DELETE FROM feeds WHERE guild_id = $1 AND url = $2', [guildId, url])) > 0,
    getFeed: async (id) => feed(await sql.one<FeedRow>(`SELECT ${COLUMNS} FROM feeds WHERE id = $1`, [id])),
    listFeeds: async (guildId) => (await sql.rows<FeedRow>(`SELECT ${COLUMNS} FROM feeds WHERE guild_id = $1 ORDER BY added_at, id`, [guildId])).map(toFeed),
    dueFeeds: async (now) => (await sql.rows<FeedRow>(`SELECT ${COLUMNS} FROM feeds WHERE next_poll_at <= $1 ORDER BY next_poll_at, id`, [now])).map(toFeed),
    claimFeed: async (id, owner, now, leaseMs) =>
      feed(
        await sql.one<FeedRow>(
          `UPDATE feeds SET lease_owner = $1, lease_until = $2
           WHERE id = (SELECT id FROM feeds WHERE id = $3 AND next_poll_at <= $4 AND lease_until <= $4 FOR UPDATE SKIP LOCKED)
           AND next_poll_at <= $4 AND lease_until <= $4
           RETURNING ${COLUMNS}`,
          [owner, now + leaseMs, id, now],
        ),
      ),
    // A lease already run out is not renewed: another process may hold the feed now
    renewFeedLease: async (id, owner, now, leaseMs) =>
      (await sql.run('UPDATE feeds SET lease_until = $1 WHERE id = $2 AND lease_owner = $3 AND lease_until > $4', [now + leaseMs, id, owner, now])) === 1,
    releaseFeed: async (id, owner) => void (await sql.run('UPDATE feeds SET lease_owner = NULL, lease_until = 0 WHERE id = $1 AND lease_owner = $2', [id, owner])),
    recordSuccess: async (id, s) =>
      void (await sql.run(
        `UPDATE feeds SET title = coalesce($1, title), etag = $2, last_modified = $3, last_error = NULL, failures = 0,
           last_polled_at = $4, next_poll_at = $5, primed = 1, lease_owner = NULL, lease_until = 0 WHERE id = $6`,
        [s.title, s.etag, s.lastModified, s.polledAt, s.nextPollAt, id],
      )),
    recordFailure: async (id, f) =>
      void (await sql.run('UPDATE feeds SET last_error = $1, failures = failures + 1, last_polled_at = $2, next_poll_at = $3, lease_owner = NULL, lease_until = 0 WHERE id = $4', [
        f.error,
        f.polledAt,
        f.nextPollAt,
        id,
      ])),
    hasSeen: async (feedId, itemKey) => (await sql.one('SELECT 1 AS n FROM feed_items WHERE feed_id = $1 AND item_key = $2', [feedId, itemKey])) !== undefined,
    markSeen: async (feedId, itemKey, articleId) =>
      void (await sql.run(
        'INSERT INTO feed_items (feed_id, item_key, article_id) VALUES ($1, $2, $3) ON CONFLICT (feed_id, item_key) DO UPDATE SET article_id = excluded.article_id',
        [feedId, itemKey, articleId],
      )),
  };
}
