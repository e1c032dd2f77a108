/**
 * Follows and the quote alert log on PostgreSQL (../follow-store.ts). A pending alert is a leased
 * job claimed by one conditional UPDATE … RETURNING over a row picked with FOR UPDATE SKIP LOCKED;
 * a channel's hour of held alerts is claimed whole, or not at all.
 */
import { foldKey } from '../../article/text/fold.js';
import type { AlertEntry, AlertStatus, FollowMatch, FollowStore } from '../follow-store.js';
import { lastWord, nameKeys, namesSpeaker, quotedSpeakers, type QuotedRow } from '../speaker-match.js';
import { lockNamed, type PgDatabase } from './database.js';
import { type AlertRow, type FollowRow, toAlert, toFollow } from '../rows.js';

const FOLLOW = 'SELECT id, guild_id, name, key, channel_id, role_id, added_at FROM follows';
const ALERT_COLUMNS = 'follow_id, article_id, channel_id, hour, status, message_id, error, owner, lease_until, attempts, next_attempt_at, created_at';
const DUE_BATCH = 100;
/** The advisory lock of a channel's alert hour: logging checks the hour's count and adds to it in one step. */
const ALERT_LOG_LOCK = 0x62726633;
const FOLLOW_ADD_LOCK = 0x62726635;
const PENDING_HELD_BY = "follow_id = $2 AND article_id = $3 AND owner = $4 AND status = 'pending'";

export function pgFollowStore(db: PgDatabase): FollowStore {
  const { sql } = db;
  const followById = (id: number) => sql.one<FollowRow>(`${FOLLOW} WHERE id = $1`, [id]);
  const followByKey = (guildId: string, key: string) => sql.one<FollowRow>(`${FOLLOW} WHERE guild_id = $1 AND key = $2`, [guildId, key]);
  const alert = (row: AlertRow | undefined): AlertEntry | null => (row ? toAlert(row) : null);

  async function matchArticle(articleId: number): Promise<FollowMatch[]> {
    const quoted = await sql.rows<QuotedRow>(
      `SELECT q.text, s.id AS speaker_id, s.name, s.aliases, s.roles FROM quotes q JOIN speakers s ON s.id = q.speaker_id
       WHERE q.article_id = $1 ORDER BY q.position`,
      [articleId],
    );
    const matches = new Map<number, FollowMatch>();
    for (const { speaker, quotes } of quotedSpeakers(quoted)) {
      // The index on key serves the list, the one on surname the "same surname" candidates
      const candidates = await sql.rows<FollowRow>(`${FOLLOW} WHERE key = ANY($1::text[]) UNION ${FOLLOW} WHERE surname = $2 ORDER BY id`, [
        nameKeys(speaker),
        lastWord(foldKey(speaker.name)),
      ]);
      for (const row of candidates) {
        if (matches.has(row.id) || !namesSpeaker(row.key, speaker)) continue;
        matches.set(row.id, { follow: toFollow(row), speaker: { id: speaker.id, name: speaker.name, roles: speaker.roles }, quotes });
      }
    }
    return [...matches.values()].sort((a, b) => a.follow.id - b.follow.id);
  }

  /** One alert per (follow, article) not yet logged; pending while the channel's hour has room, else held. */
  async function logAlerts(entries: { followId: number; articleId: number; channelId: string }[], window: { hour: number; perHour: number; now: number }): Promise<AlertEntry[]> {
    return db.transaction(async (tx) => {
      // Channels locked in one order, so two processes logging for the same channels cannot deadlock
      for (const channel of [...new Set(entries.map((e) => e.channelId))].sort()) await lockNamed(tx, ALERT_LOG_LOCK, `${channel}/${window.hour}`);
      const created: AlertEntry[] = [];
      for (const e of entries) {
        const used = await tx.one<{ n: number }>("SELECT count(*) AS n FROM alerts WHERE channel_id = $1 AND hour = $2 AND status IN ('pending', 'sent', 'failed')", [
          e.channelId,
          window.hour,
        ]);
        const status: AlertStatus = (used?.n ?? 0) < window.perHour ? 'pending' : 'held';
        const row = await tx.one<AlertRow>(
          `INSERT INTO alerts (follow_id, article_id, channel_id, hour, status, updated_at, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
           ON CONFLICT DO NOTHING RETURNING ${ALERT_COLUMNS}`,
          [e.followId, e.articleId, e.channelId, window.hour, status, window.now],
        );
        if (row) created.push(toAlert(row));
      }
      return created;
    });
  }

  /**
   * A channel's hour of held alerts, all of it or none: the rows are locked (waiting for a
   * claimant in progress, never skipping, which would split the hour), and taken only when none
   * is leased or backing off.
   */
  async function claimSummary(channelId: string, hour: number, owner: string, { leaseMs, now }: { leaseMs: number; now: number }): Promise<AlertEntry[]> {
    const rows = await sql.rows<AlertRow>(
      `WITH held AS (
         SELECT follow_id, article_id, lease_until, next_attempt_at FROM alerts WHERE channel_id = $1 AND hour = $2 AND status = 'held' FOR UPDATE)
       UPDATE alerts a SET owner = $3, lease_until = $4, attempts = a.attempts + 1, updated_at = $5
       FROM held h WHERE a.follow_id = h.follow_id AND a.article_id = h.article_id
         AND NOT EXISTS (SELECT 1 FROM held WHERE lease_until > $5 OR next_attempt_at > $5)
       RETURNING ${ALERT_COLUMNS.split(', ')
         .map((c) => `a.${c}`)
         .join(', ')}`,
      [channelId, hour, owner, now + leaseMs, now],
    );
    return rows.map(toAlert).sort((a, b) => a.articleId - b.articleId || a.followId - b.followId);
  }

  return {
    addFollow: ({ guildId, name, channelId, roleId, now, max }) =>
      db.transaction(async (tx) => {
        if (max !== undefined) {
          // The guild's adds one at a time: under READ COMMITTED two could each count one short of the limit
          await lockNamed(tx, FOLLOW_ADD_LOCK, guildId);
          if (((await tx.one<{ n: number }>('SELECT count(*)::int AS n FROM follows WHERE guild_id = $1', [guildId]))?.n ?? 0) >= max) return null;
        }
        const key = foldKey(name);
        const row = await tx.one<FollowRow>(
          `INSERT INTO follows (guild_id, name, key, surname, channel_id, role_id, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (guild_id, key) DO NOTHING RETURNING id, guild_id, name, key, channel_id, role_id, added_at`,
          [guildId, name.trim(), key, lastWord(key), channelId, roleId, now],
        );
        return row ? toFollow(row) : null;
      }),
    async removeFollow(guildId, name) {
      const id = /^#\d+$/.test(name.trim()) ? Number(name.trim().slice(1)) : null;
      const row = id !== null ? await followById(id) : await followByKey(guildId, foldKey(name));
      if (!row || row.guild_id !== guildId) return null;
      await sql.run('DELETE FROM follows WHERE id = $1', [row.id]);
      return toFollow(row);
    },
    listFollows: async (guildId) => (await sql.rows<FollowRow>(`${FOLLOW} WHERE guild_id = $1 ORDER BY name, id`, [guildId])).map(toFollow),
    countFollows: async (guildId) => (await sql.one<{ n: number }>('SELECT count(*) AS n FROM follows WHERE guild_id = $1', [guildId]))?.n ?? 0,
    matchArticle,
    logAlerts,
    getAlert: async (followId, articleId) => alert(await sql.one<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE follow_id = $1 AND article_id = $2`, [followId, articleId])),
    pendingAlerts: async () => (await sql.rows<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE status = 'pending' ORDER BY article_id, follow_id`)).map(toAlert),
    dueAlerts: async (now, limit = DUE_BATCH) =>
      (
        await sql.rows<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM alerts WHERE status = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1 ORDER BY article_id, follow_id LIMIT $2`,
          [now, limit],
        )
      ).map(toAlert),
    claimAlert: async (followId, articleId, owner, { leaseMs, now }) =>
      alert(
        await sql.one<AlertRow>(
          `UPDATE alerts SET owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
           WHERE (follow_id, article_id) = (
             SELECT follow_id, article_id FROM alerts WHERE follow_id = $4 AND article_id = $5 AND status = 'pending' AND lease_until <= $3 AND next_attempt_at <= $3
             FOR UPDATE SKIP LOCKED)
           AND status = 'pending' AND lease_until <= $3 AND next_attempt_at <= $3
           RETURNING ${ALERT_COLUMNS}`,
          [owner, now + leaseMs, now, followId, articleId],
        ),
      ),
    // Still the owner means nobody took over, even if the lease ran out meanwhile
    renewAlertLease: async (followId, articleId, owner, { leaseMs, now }) =>
      (await sql.run(`UPDATE alerts SET lease_until = $1 WHERE ${PENDING_HELD_BY}`, [now + leaseMs, followId, articleId, owner])) === 1,
    finishAlert: async (followId, articleId, owner, r) =>
      (await sql.run(`UPDATE alerts SET status = $1, message_id = $5, error = $6, updated_at = $7, owner = NULL, lease_until = 0 WHERE ${PENDING_HELD_BY}`, [
        r.status,
        followId,
        articleId,
        owner,
        r.messageId ?? null,
        r.error ?? null,
        r.now,
      ])) === 1,
    releaseAlert: async (followId, articleId, owner, next) =>
      (await sql.run(`UPDATE alerts SET owner = NULL, lease_until = 0, next_attempt_at = $1, error = coalesce($5, error), updated_at = $6 WHERE ${PENDING_HELD_BY}`, [
        next.at ?? next.now,
        followId,
        articleId,
        owner,
        next.error ?? null,
        next.now,
      ])) === 1,
    nextAlertAt: async (now) =>
      (
        await sql.one<{ at: number | null }>(
          "SELECT min(greatest(lease_until, next_attempt_at)) AS at FROM alerts WHERE status = 'pending' AND greatest(lease_until, next_attempt_at) > $1",
          [now],
        )
      )?.at ?? null,
    heldBefore: async (hour) =>
      (await sql.rows<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE status = 'held' AND hour < $1 ORDER BY channel_id, hour, article_id, follow_id`, [hour])).map(toAlert),
    claimSummary,
    finishSummary: async (channelId, hour, owner, r) =>
      (await sql.run(
        "UPDATE alerts SET status = 'summarized', message_id = $1, updated_at = $2, owner = NULL, lease_until = 0 WHERE channel_id = $3 AND hour = $4 AND status = 'held' AND owner = $5",
        [r.messageId, r.now, channelId, hour, owner],
      )) > 0,
    releaseSummary: async (channelId, hour, owner, next) =>
      (await sql.run(
        `UPDATE alerts SET owner = NULL, lease_until = 0, next_attempt_at = $1, error = coalesce($2, error), updated_at = $3
         WHERE channel_id = $4 AND hour = $5 AND status = 'held' AND owner = $6`,
        [next.at ?? next.now, next.error ?? null, next.now, channelId, hour, owner],
      )) > 0,
    getFollow: async (id) => {
      const row = await followById(id);
      return row ? toFollow(row) : null;
    },
  };
}
