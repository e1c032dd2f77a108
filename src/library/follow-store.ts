/**
 * Follows (a server follows a speaker by name) and the quote alert log: one row per
 * (follow, article), written before the alert is posted and updated after, so a restart posts
 * what is pending and never what was sent. A pending row is a leased job, as a delivery is
 * (delivery-store.ts): a process claims it with one conditional UPDATE (lease free, attempt
 * due), renews the lease while posting, and only the owner may settle or release it.
 */
import type { Database } from 'better-sqlite3';
import { foldKey } from '../article/text/fold.js';
import { lastWord, nameKeys, namesSpeaker, quotedSpeakers, type QuotedRow } from './speaker-match.js';
import type { Sync } from './sync-store.js';
import { type AlertRow, type FollowRow, toAlert, toFollow } from './rows.js';

export interface Follow {
  id: number;
  guildId: string;
  /** As shown: the archive's name when the speaker was known, else as typed. */
  name: string;
  channelId: string;
  roleId: string | null;
  addedAt: number;
}

/** A follow whose name names a speaker quoted in an article, with that speaker's quotes there. */
export interface FollowMatch {
  follow: Follow;
  speaker: { id: string; name: string; roles: string[] };
  /** In article order. */
  quotes: string[];
}

/** 'held': over the channel's hourly limit, waiting for the hour's summary. */
export type AlertStatus = 'pending' | 'sent' | 'held' | 'summarized' | 'failed';

export interface AlertEntry {
  followId: number;
  articleId: number;
  channelId: string;
  /** The rate limit's window: whole hours since the epoch. */
  hour: number;
  status: AlertStatus;
  messageId: string | null;
  error: string | null;
  /** The process holding the lease while it posts; null when free. */
  owner: string | null;
  /** Epoch ms the lease runs out; 0 when free. */
  leaseUntil: number;
  /** Claims so far: above 1, an earlier attempt may have posted, so the channel is read first. */
  attempts: number;
  /** Epoch ms before which the row is not claimed again (the backoff after a failure). */
  nextAttemptAt: number;
  /** Epoch ms the row was logged: nothing of it can be in the channel before. */
  createdAt: number;
}

export interface FollowStore {
  /**
   * Follows `name` in a guild; null when the guild already follows that name, or already
   * follows `max` speakers (checked and added as one step, so two adds at once cannot pass it).
   */
  addFollow(follow: { guildId: string; name: string; channelId: string; roleId: string | null; now: number; max?: number }): Promise<Follow | null>;
  /** Stops following `name` (or `#id`); the removed follow, or null when there was none. */
  removeFollow(guildId: string, name: string): Promise<Follow | null>;
  listFollows(guildId: string): Promise<Follow[]>;
  countFollows(guildId: string): Promise<number>;
  /** Follows in every guild that name a speaker quoted in the article, one entry per follow. */
  matchArticle(articleId: number): Promise<FollowMatch[]>;
  /**
   * Logs one alert per (follow, article) not yet logged: 'pending' while the channel has had
   * fewer than `perHour` this hour, else 'held'. Returns the rows it created.
   */
  logAlerts(entries: { followId: number; articleId: number; channelId: string }[], window: { hour: number; perHour: number; now: number }): Promise<AlertEntry[]>;
  getAlert(followId: number, articleId: number): Promise<AlertEntry | null>;
  /** Logged and not yet posted, oldest article first. */
  pendingAlerts(): Promise<AlertEntry[]>;
  /** Pending rows whose lease is free and whose next attempt is due at `now`, oldest article first. */
  dueAlerts(now: number, limit?: number): Promise<AlertEntry[]>;
  /** Takes the row for `owner` until `now + leaseMs` when it is pending, free and due; null when another holds it or it is settled. */
  claimAlert(followId: number, articleId: number, owner: string, lease: { leaseMs: number; now: number }): Promise<AlertEntry | null>;
  /** Extends the lease; false when `owner` no longer holds the row (taken over, or settled). */
  renewAlertLease(followId: number, articleId: number, owner: string, lease: { leaseMs: number; now: number }): Promise<boolean>;
  /** Settles the row; false (and nothing changed) when `owner` no longer holds it. */
  finishAlert(
    followId: number,
    articleId: number,
    owner: string,
    result: { status: 'sent' | 'failed'; messageId?: string | null; error?: string | null; now: number },
  ): Promise<boolean>;
  /** When the earliest pending row not due at `now` (held by a lease, or backed off) becomes due; null when none waits. */
  nextAlertAt(now: number): Promise<number | null>;
  /** Gives the lease back, the next attempt not before `at` (now by default); false when `owner` no longer holds it. */
  releaseAlert(followId: number, articleId: number, owner: string, next: { now: number; at?: number; error?: string }): Promise<boolean>;
  /** Held alerts of hours before `hour`, for their summaries. */
  heldBefore(hour: number): Promise<AlertEntry[]>;
  /**
   * Takes a channel's hour of held alerts for `owner`, to summarize: all its rows at once, when
   * none is leased and the next attempt is due. The rows claimed; none when another holds them.
   */
  claimSummary(channelId: string, hour: number, owner: string, lease: { leaseMs: number; now: number }): Promise<AlertEntry[]>;
  /** The hour's summary went out in the channel: its held alerts become 'summarized'; false when `owner` no longer holds them. */
  finishSummary(channelId: string, hour: number, owner: string, result: { messageId: string | null; now: number }): Promise<boolean>;
  /** Gives a claimed hour back, the next attempt not before `at` (now by default). */
  releaseSummary(channelId: string, hour: number, owner: string, next: { now: number; at?: number; error?: string }): Promise<boolean>;
  getFollow(id: number): Promise<Follow | null>;
}

// Oldest first, so a backlog drains in order; the partial index serves it
const DUE_BATCH = 100;

/** The statements over `follows` and `alerts`, prepared once. */
export function createFollowStore(db: Database): Sync<FollowStore> {
  const insert = db.prepare<[string, string, string, string, string, string | null, number]>(
    'INSERT OR IGNORE INTO follows (guild_id, name, key, surname, channel_id, role_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byKey = db.prepare<[string, string], FollowRow>('SELECT * FROM follows WHERE guild_id = ? AND key = ?');
  const byId = db.prepare<[number], FollowRow>('SELECT * FROM follows WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM follows WHERE id = ?');
  const byGuild = db.prepare<[string], FollowRow>('SELECT * FROM follows WHERE guild_id = ? ORDER BY name, id');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM follows WHERE guild_id = ?');
  const quoted = db.prepare<[number], QuotedRow>(
    `SELECT q.text, s.id AS speaker_id, s.name, s.aliases, s.roles FROM quotes q JOIN speakers s ON s.id = q.speaker_id
     WHERE q.article_id = ? ORDER BY q.position`,
  );
  // The index on key serves the IN list, the one on surname the "same surname" candidates
  const candidates = (keys: string[], surname: string): FollowRow[] =>
    db.prepare<string[], FollowRow>(`SELECT * FROM follows WHERE key IN (${keys.map(() => '?').join(', ')}) UNION SELECT * FROM follows WHERE surname = ?`).all(...keys, surname);
  const used = db.prepare<[string, number], { n: number }>("SELECT count(*) AS n FROM alerts WHERE channel_id = ? AND hour = ? AND status IN ('pending', 'sent', 'failed')");
  const log = db.prepare<[number, number, string, number, AlertStatus, number, number, number]>(
    'INSERT OR IGNORE INTO alerts (follow_id, article_id, channel_id, hour, status, updated_at, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const one = db.prepare<[number, number], AlertRow>('SELECT * FROM alerts WHERE follow_id = ? AND article_id = ?');
  const pending = db.prepare<[], AlertRow>("SELECT * FROM alerts WHERE status = 'pending' ORDER BY article_id, follow_id");
  const due = db.prepare<[number, number, number], AlertRow>(
    "SELECT * FROM alerts WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ? ORDER BY article_id, follow_id LIMIT ?",
  );
  // The claim: whoever's UPDATE matches the free lease wins; a second one finds it taken
  const claim = db.prepare<[string, number, number, number, number, number, number], AlertRow>(
    `UPDATE alerts SET owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
     WHERE follow_id = ? AND article_id = ? AND status = 'pending' AND lease_until <= ? AND next_attempt_at <= ?
     RETURNING *`,
  );
  // Still the owner means nobody took over, even if the lease ran out meanwhile
  const renew = db.prepare<[number, number, number, string]>("UPDATE alerts SET lease_until = ? WHERE follow_id = ? AND article_id = ? AND owner = ? AND status = 'pending'");
  const finish = db.prepare<[string, string | null, string | null, number, number, number, string]>(
    `UPDATE alerts SET status = ?, message_id = ?, error = ?, updated_at = ?, owner = NULL, lease_until = 0
     WHERE follow_id = ? AND article_id = ? AND owner = ? AND status = 'pending'`,
  );
  const release = db.prepare<[number, string | null, number, number, number, string]>(
    `UPDATE alerts SET owner = NULL, lease_until = 0, next_attempt_at = ?, error = coalesce(?, error), updated_at = ?
     WHERE follow_id = ? AND article_id = ? AND owner = ? AND status = 'pending'`,
  );
  const nextDue = db.prepare<[number], { at: number | null }>(
    "SELECT min(max(lease_until, next_attempt_at)) AS at FROM alerts WHERE status = 'pending' AND max(lease_until, next_attempt_at) > ?",
  );
  const held = db.prepare<[number], AlertRow>("SELECT * FROM alerts WHERE status = 'held' AND hour < ? ORDER BY channel_id, hour, article_id, follow_id");
  const summarized = db.prepare<[string | null, number, string, number, string]>(
    "UPDATE alerts SET status = 'summarized', message_id = ?, updated_at = ?, owner = NULL, lease_until = 0 WHERE channel_id = ? AND hour = ? AND status = 'held' AND owner = ?",
  );
  const heldFree = db.prepare<[string, number, number, number], { taken: number }>(
    "SELECT count(*) AS taken FROM alerts WHERE channel_id = ? AND hour = ? AND status = 'held' AND (lease_until > ? OR next_attempt_at > ?)",
  );
  const claimHeld = db.prepare<[string, number, number, string, number], AlertRow>(
    `UPDATE alerts SET owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
     WHERE channel_id = ? AND hour = ? AND status = 'held' RETURNING *`,
  );
  const releaseHeld = db.prepare<[number, string | null, number, string, number, string]>(
    `UPDATE alerts SET owner = NULL, lease_until = 0, next_attempt_at = ?, error = coalesce(?, error), updated_at = ?
     WHERE channel_id = ? AND hour = ? AND status = 'held' AND owner = ?`,
  );
  // The check and the claim in one transaction: a second claimant finds the rows leased
  const claimSummary = db.transaction((channelId: string, hour: number, owner: string, leaseMs: number, now: number): AlertEntry[] => {
    if (heldFree.get(channelId, hour, now, now)!.taken > 0) return [];
    return claimHeld.all(owner, now + leaseMs, now, channelId, hour).map(toAlert);
  });

  function matchArticle(articleId: number): FollowMatch[] {
    const matches = new Map<number, FollowMatch>();
    for (const { speaker, quotes } of quotedSpeakers(quoted.all(articleId))) {
      for (const row of candidates(nameKeys(speaker), lastWord(foldKey(speaker.name)))) {
        if (matches.has(row.id) || !namesSpeaker(row.key, speaker)) continue;
        matches.set(row.id, { follow: toFollow(row), speaker: { id: speaker.id, name: speaker.name, roles: speaker.roles }, quotes });
      }
    }
    return [...matches.values()].sort((a, b) => a.follow.id - b.follow.id);
  }

  // A write transaction from the count on: another process adding at the same moment waits
  const addFollow = db.transaction(({ guildId, name, channelId, roleId, now, max }: Parameters<FollowStore['addFollow']>[0]): Follow | null => {
    if (max !== undefined && count.get(guildId)!.n >= max) return null;
    const key = foldKey(name);
    const added = insert.run(guildId, name.trim(), key, lastWord(key), channelId, roleId, now).changes === 1;
    return added ? toFollow(byKey.get(guildId, key)!) : null;
  });

  const logAlerts = db.transaction((entries: { followId: number; articleId: number; channelId: string }[], window: { hour: number; perHour: number; now: number }) => {
    const created: AlertEntry[] = [];
    for (const e of entries) {
      const status: AlertStatus = used.get(e.channelId, window.hour)!.n < window.perHour ? 'pending' : 'held';
      if (log.run(e.followId, e.articleId, e.channelId, window.hour, status, window.now, window.now, window.now).changes === 1)
        created.push(toAlert(one.get(e.followId, e.articleId)!));
    }
    return created;
  });

  return {
    addFollow: (follow) => addFollow.immediate(follow),
    removeFollow(guildId, name) {
      const id = /^#\d+$/.test(name.trim()) ? Number(name.trim().slice(1)) : null;
      const row = id !== null ? byId.get(id) : byKey.get(guildId, foldKey(name));
      if (!row || row.guild_id !== guildId) return null;
      remove.run(row.id);
      return toFollow(row);
    },
    listFollows: (guildId) => byGuild.all(guildId).map(toFollow),
    countFollows: (guildId) => count.get(guildId)!.n,
    matchArticle,
    logAlerts: (entries, window) => logAlerts(entries, window),
    getAlert: (followId, articleId) => {
      const row = one.get(followId, articleId);
      return row ? toAlert(row) : null;
    },
    pendingAlerts: () => pending.all().map(toAlert),
    dueAlerts: (now, limit = DUE_BATCH) => due.all(now, now, limit).map(toAlert),
    claimAlert: (followId, articleId, owner, { leaseMs, now }) => {
      const row = claim.get(owner, now + leaseMs, now, followId, articleId, now, now);
      return row ? toAlert(row) : null;
    },
    renewAlertLease: (followId, articleId, owner, { leaseMs, now }) => renew.run(now + leaseMs, followId, articleId, owner).changes === 1,
    finishAlert: (followId, articleId, owner, r) => finish.run(r.status, r.messageId ?? null, r.error ?? null, r.now, followId, articleId, owner).changes === 1,
    releaseAlert: (followId, articleId, owner, next) => release.run(next.at ?? next.now, next.error ?? null, next.now, followId, articleId, owner).changes === 1,
    nextAlertAt: (now) => nextDue.get(now)!.at,
    heldBefore: (hour) => held.all(hour).map(toAlert),
    claimSummary: (channelId, hour, owner, { leaseMs, now }) => claimSummary(channelId, hour, owner, leaseMs, now),
    finishSummary: (channelId, hour, owner, r) => summarized.run(r.messageId, r.now, channelId, hour, owner).changes > 0,
    releaseSummary: (channelId, hour, owner, next) => releaseHeld.run(next.at ?? next.now, next.error ?? null, next.now, channelId, hour, owner).changes > 0,
    getFollow: (id) => {
      const row = byId.get(id);
      return row ? toFollow(row) : null;
    },
  };
}
