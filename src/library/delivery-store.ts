/**
 * The delivery log as leased jobs. A job per guild and local day is created once; any process
 * may then claim it with one conditional UPDATE (status pending, lease free, next attempt due),
 * which is the whole of the mutual exclusion. On PostgreSQL the same statement works as is, and
 * a batch claim becomes `… WHERE ctid IN (SELECT … FOR UPDATE SKIP LOCKED)`.
 */
import type { Database } from 'better-sqlite3';
import type { Sync } from './sync-store.js';
import type { DeliveryStore } from './types.js';
import { type DeliveryRow, toDelivery } from './rows.js';

// Oldest due first, so a backlog drains in order; the partial index serves it
const DUE_BATCH = 100;

/** The SQLite delivery log; `now` is the clock, passed in. */
export function createDeliveryStore(db: Database, now: () => number): Sync<DeliveryStore> {
  const getDelivery = db.prepare<[string, string], DeliveryRow>('SELECT * FROM deliveries WHERE guild_id = ? AND local_date = ?');
  const lastDelivery = db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1');
  const due = db.prepare<[number, number, number], DeliveryRow>(
    `SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ? ORDER BY next_attempt_at LIMIT ?`,
  );
  // The primary key (guild_id, local_date) makes creation happen once: only one INSERT wins
  const create = db.prepare<[string, string, string, number, number, number, number]>(
    `INSERT OR IGNORE INTO deliveries (guild_id, local_date, status, article_ids, updated_at, created_at, deadline_at, next_attempt_at)
     VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)`,
  );
  // The claim: whoever's UPDATE matches the free lease wins; a second one finds it taken
  const claim = db.prepare<[string, number, number, string, string, number, number], DeliveryRow>(
    `UPDATE deliveries SET owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
     WHERE guild_id = ? AND local_date = ? AND status = 'pending' AND lease_until <= ? AND next_attempt_at <= ?
     RETURNING *`,
  );
  // Still the owner means nobody took over, even if the lease ran out meanwhile
  const renew = db.prepare<[number, string, string, string]>(`UPDATE deliveries SET lease_until = ? WHERE guild_id = ? AND local_date = ? AND owner = ? AND status = 'pending'`);
  const recordPart = db.prepare<[string, string, string, string, string]>(
    `UPDATE deliveries SET parts = json_set(parts, '$."' || ? || '"', ?) WHERE guild_id = ? AND local_date = ? AND owner = ? AND status = 'pending'`,
  );
  const finish = db.prepare<[string, string, string | null, number, string, string, string]>(
    `UPDATE deliveries SET status = ?, message_ids = ?, error = ?, updated_at = ?, owner = NULL, lease_until = 0
     WHERE guild_id = ? AND local_date = ? AND owner = ? AND status = 'pending'`,
  );
  const release = db.prepare<[number, string | null, number, string, string, string]>(
    `UPDATE deliveries SET owner = NULL, lease_until = 0, next_attempt_at = ?, error = coalesce(?, error), updated_at = ?
     WHERE guild_id = ? AND local_date = ? AND owner = ? AND status = 'pending'`,
  );

  return {
    getDelivery: (guildId, localDate) => {
      const row = getDelivery.get(guildId, localDate);
      return row ? toDelivery(row) : null;
    },
    lastDelivery: (guildId) => {
      const row = lastDelivery.get(guildId);
      return row ? toDelivery(row) : null;
    },
    dueDeliveries: (limit = DUE_BATCH) => {
      const at = now();
      return due.all(at, at, limit).map(toDelivery);
    },
    createDelivery({ guildId, localDate, articleIds, deadlineAt }) {
      const at = now();
      return create.run(guildId, localDate, JSON.stringify(articleIds), at, at, deadlineAt, at).changes === 1;
    },
    claimDelivery(guildId, localDate, owner, leaseMs) {
      const at = now();
      const row = claim.get(owner, at + leaseMs, at, guildId, localDate, at, at);
      return row ? toDelivery(row) : null;
    },
    renewLease: (guildId, localDate, owner, leaseMs) => {
      return renew.run(now() + leaseMs, guildId, localDate, owner).changes === 1;
    },
    recordPart: (guildId, localDate, owner, part, messageId) => recordPart.run(String(part), messageId, guildId, localDate, owner).changes === 1,
    finishDelivery(guildId, localDate, owner, result) {
      const messageIds = JSON.stringify(result.messageIds ?? []);
      return finish.run(result.status, messageIds, result.error ?? null, now(), guildId, localDate, owner).changes === 1;
    },
    releaseDelivery: (guildId, localDate, owner, next = {}) => {
      const at = now();
      return release.run(next.at ?? at, next.error ?? null, at, guildId, localDate, owner).changes === 1;
    },
  };
}
