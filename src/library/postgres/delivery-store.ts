/**
 * The delivery log on PostgreSQL, as leased jobs (../delivery-store.ts). A claim is one
 * conditional UPDATE … RETURNING: the row is picked with FOR UPDATE SKIP LOCKED, so a process
 * racing another for the same job gets its answer (null) at once instead of waiting for the
 * winner's commit, and the UPDATE re-checks the lease, which is the whole of the mutual exclusion.
 */
import type { Delivery, DeliveryStore } from '../types.js';
import type { PgDatabase } from './database.js';
import { type DeliveryRow, toDelivery } from '../rows.js';

const COLUMNS = 'guild_id, local_date, status, message_ids, error, article_ids, updated_at, owner, lease_until, attempts, next_attempt_at, deadline_at, created_at, parts';
// Oldest due first, so a backlog drains in order; the partial index serves it
const DUE_BATCH = 100;
const HELD_BY = "guild_id = $2 AND local_date = $3 AND owner = $4 AND status = 'pending'";

export function pgDeliveryStore(db: PgDatabase, now: () => number): DeliveryStore {
  const { sql } = db;
  const delivery = (row: DeliveryRow | undefined): Delivery | null => (row ? toDelivery(row) : null);
  return {
    getDelivery: async (guildId, localDate) =>
      delivery(await sql.one<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE guild_id = $1 AND local_date = $2`, [guildId, localDate])),
    lastDelivery: async (guildId) => delivery(await sql.one<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE guild_id = $1 ORDER BY local_date DESC LIMIT 1`, [guildId])),
    async dueDeliveries(limit = DUE_BATCH) {
      const rows = await sql.rows<DeliveryRow>(
        `SELECT ${COLUMNS} FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1 ORDER BY next_attempt_at, created_at, guild_id, local_date LIMIT $2`,
        [now(), limit],
      );
      return rows.map(toDelivery);
    },
    // The primary key (guild_id, local_date) makes creation happen once: only one INSERT wins
    async createDelivery({ guildId, localDate, articleIds, deadlineAt }) {
      const at = now();
      const created = await sql.run(
        `INSERT INTO deliveries (guild_id, local_date, status, article_ids, updated_at, created_at, deadline_at, next_attempt_at)
         VALUES ($1, $2, 'pending', $3, $4, $4, $5, $4) ON CONFLICT DO NOTHING`,
        [guildId, localDate, JSON.stringify(articleIds), at, deadlineAt],
      );
      return created === 1;
    },
    async claimDelivery(guildId, localDate, owner, leaseMs) {
      const at = now();
      const row = await sql.one<DeliveryRow>(
        `UPDATE deliveries SET owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
         WHERE (guild_id, local_date) = (
           SELECT guild_id, local_date FROM deliveries WHERE guild_id = $4 AND local_date = $5 AND status = 'pending' AND lease_until <= $3 AND next_attempt_at <= $3
           FOR UPDATE SKIP LOCKED)
         AND status = 'pending' AND lease_until <= $3 AND next_attempt_at <= $3
         RETURNING ${COLUMNS}`,
        [owner, at + leaseMs, at, guildId, localDate],
      );
      return delivery(row);
    },
    // Still the owner means nobody took over, even if the lease ran out meanwhile
    renewLease: async (guildId, localDate, owner, leaseMs) =>
      (await sql.run(`UPDATE deliveries SET lease_until = $1 WHERE ${HELD_BY}`, [now() + leaseMs, guildId, localDate, owner])) === 1,
    recordPart: async (guildId, localDate, owner, part, messageId) =>
      (await sql.run(`UPDATE deliveries SET parts = jsonb_set(parts::jsonb, ARRAY[$1::text], to_jsonb($5::text))::text WHERE ${HELD_BY}`, [
        String(part),
        guildId,
        localDate,
        owner,
        messageId,
      ])) === 1,
    async finishDelivery(guildId, localDate, owner, result) {
      const changed = await sql.run(`UPDATE deliveries SET status = $1, message_ids = $5, error = $6, updated_at = $7, owner = NULL, lease_until = 0 WHERE ${HELD_BY}`, [
        result.status,
        guildId,
        localDate,
        owner,
        JSON.stringify(result.messageIds ?? []),
        result.error ?? null,
        now(),
      ]);
      return changed === 1;
    },
    async releaseDelivery(guildId, localDate, owner, next = {}) {
      const at = now();
      const changed = await sql.run(`UPDATE deliveries SET owner = NULL, lease_until = 0, next_attempt_at = $1, error = coalesce($5, error), updated_at = $6 WHERE ${HELD_BY}`, [
        next.at ?? at,
        guildId,
        localDate,
        owner,
        next.error ?? null,
        at,
      ]);
      return changed === 1;
    },
  };
}
