/**
 * What members and servers added, for the `/article add` quotas, on PostgreSQL
 * (../quota-store.ts). A claim checks and takes a slot in one transaction under the guild's
 * advisory lock, so parallel adds in the fleet cannot overshoot, as SQLite's IMMEDIATE
 * transaction keeps them from doing in one file.
 */
import { DAY_MS, type QuotaClaim, type QuotaRequest, type QuotaStore } from '../quota-store.js';
import { lockNamed, type PgDatabase, type Sql } from './database.js';

/** The advisory lock of one guild's additions. */
const QUOTA_LOCK = 0x62726634;

async function admit(sql: Sql, { guildId, userId, now, limits }: QuotaRequest, take: boolean): Promise<QuotaClaim> {
  // Nothing older than both windows can count again
  await sql.run('DELETE FROM additions WHERE guild_id = $1 AND added_at <= $2', [guildId, now - Math.max(DAY_MS, limits.memberWindowMs)]);
  if (limits.memberMax > 0) {
    const since = now - limits.memberWindowMs;
    const count = (await sql.one<{ n: number }>('SELECT count(*) AS n FROM additions WHERE guild_id = $1 AND user_id = $2 AND added_at > $3', [guildId, userId, since]))!.n;
    if (count >= limits.memberMax) {
      // The addition whose expiry brings the count back under the limit
      const freed = await sql.one<{ at: number }>(
        'SELECT added_at AS at FROM additions WHERE guild_id = $1 AND user_id = $2 AND added_at > $3 ORDER BY added_at LIMIT 1 OFFSET $4',
        [guildId, userId, since, count - limits.memberMax],
      );
      return { ok: false, scope: 'member', limit: limits.memberMax, windowMs: limits.memberWindowMs, retryAt: freed!.at + limits.memberWindowMs };
    }
  }
  if (limits.guildPerDay > 0) {
    const since = now - DAY_MS;
    const count = (await sql.one<{ n: number }>('SELECT count(*) AS n FROM additions WHERE guild_id = $1 AND added_at > $2', [guildId, since]))!.n;
    if (count >= limits.guildPerDay) {
      const freed = await sql.one<{ at: number }>('SELECT added_at AS at FROM additions WHERE guild_id = $1 AND added_at > $2 ORDER BY added_at LIMIT 1 OFFSET $3', [
        guildId,
        since,
        count - limits.guildPerDay,
      ]);
      return { ok: false, scope: 'guild', limit: limits.guildPerDay, windowMs: DAY_MS, retryAt: freed!.at + DAY_MS };
    }
  }
  if (!take) return { ok: true, id: 0 };
  const row = await sql.one<{ id: number }>('INSERT INTO additions (guild_id, user_id, added_at) VALUES ($1, $2, $3) RETURNING id', [guildId, userId, now]);
  return { ok: true, id: row!.id };
}

export function pgQuotaStore(db: PgDatabase): QuotaStore {
  return {
    check: (request) => admit(db.sql, request, false),
    claim: (request) =>
      db.transaction(async (tx) => {
        await lockNamed(tx, QUOTA_LOCK, request.guildId);
        return admit(tx, request, true);
      }),
    release: async (id) => void (await db.sql.run('DELETE FROM additions WHERE id = $1', [id])),
  };
}
