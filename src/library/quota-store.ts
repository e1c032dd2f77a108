/**
 * How many articles members and servers added with `/article add`, kept in the database so a
 * restart does not reset a quota. Every addition is counted, whatever its source (a URL is
 * stored under its own address, not under who added it, so the archive alone cannot tell).
 */
import type { Database } from 'better-sqlite3';
import type { QuotaLimits } from '../config.js';
import type { Sync } from './sync-store.js';

export type { QuotaLimits };

export const DAY_MS = 24 * 60 * 60_000;

export interface QuotaRequest {
  guildId: string;
  userId: string;
  /** ms since epoch. */
  now: number;
  limits: QuotaLimits;
}

/** A slot taken (`id`, to give back if nothing was added), or which bound refused and when a slot frees. */
export type QuotaClaim = { ok: true; id: number } | { ok: false; scope: 'member' | 'guild'; limit: number; windowMs: number; retryAt: number };

export interface QuotaStore {
  /** What `claim` would answer now, without taking a slot: a refusal can be said before any work starts. */
  check(request: QuotaRequest): Promise<QuotaClaim>;
  /** Takes one slot when both bounds allow it; checking and taking are one step, so parallel adds cannot overshoot. */
  claim(request: QuotaRequest): Promise<QuotaClaim>;
  /** Gives a slot back: the addition stored nothing new (already in the archive, or it failed). */
  release(id: number): Promise<void>;
}

/** The SQLite quota store over the `additions` table. */
export function createQuotaStore(db: Database): Sync<QuotaStore> {
  const prune = db.prepare<[string, number]>('DELETE FROM additions WHERE guild_id = ? AND added_at <= ?');
  const insert = db.prepare<[string, string, number]>('INSERT INTO additions (guild_id, user_id, added_at) VALUES (?, ?, ?)');
  const remove = db.prepare<[number]>('DELETE FROM additions WHERE id = ?');
  const memberCount = db.prepare<[string, string, number], { n: number }>('SELECT count(*) AS n FROM additions WHERE guild_id = ? AND user_id = ? AND added_at > ?');
  const guildCount = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM additions WHERE guild_id = ? AND added_at > ?');
  // The addition whose expiry brings the count back under the limit
  const memberFreed = db.prepare<[string, string, number, number], { at: number }>(
    'SELECT added_at AS at FROM additions WHERE guild_id = ? AND user_id = ? AND added_at > ? ORDER BY added_at LIMIT 1 OFFSET ?',
  );
  const guildFreed = db.prepare<[string, number, number], { at: number }>(
    'SELECT added_at AS at FROM additions WHERE guild_id = ? AND added_at > ? ORDER BY added_at LIMIT 1 OFFSET ?',
  );

  const admit = ({ guildId, userId, now, limits }: QuotaRequest, take: boolean): QuotaClaim => {
    // Nothing older than both windows can count again
    prune.run(guildId, now - Math.max(DAY_MS, limits.memberWindowMs));
    if (limits.memberMax > 0) {
      const since = now - limits.memberWindowMs;
      const count = memberCount.get(guildId, userId, since)!.n;
      if (count >= limits.memberMax) {
        const freed = memberFreed.get(guildId, userId, since, count - limits.memberMax)!.at;
        return { ok: false, scope: 'member', limit: limits.memberMax, windowMs: limits.memberWindowMs, retryAt: freed + limits.memberWindowMs };
      }
    }
    if (limits.guildPerDay > 0) {
      const since = now - DAY_MS;
      const count = guildCount.get(guildId, since)!.n;
      if (count >= limits.guildPerDay) {
        const freed = guildFreed.get(guildId, since, count - limits.guildPerDay)!.at;
        return { ok: false, scope: 'guild', limit: limits.guildPerDay, windowMs: DAY_MS, retryAt: freed + DAY_MS };
      }
    }
    return { ok: true, id: take ? Number(insert.run(guildId, userId, now).lastInsertRowid) : 0 };
  };
  const claim = db.transaction((request: QuotaRequest) => admit(request, true));

  return {
    check: (request) => admit(request, false),
    claim: (request) => claim.immediate(request),
    release: (id) => void remove.run(id),
  };
}
