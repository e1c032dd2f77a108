import type { Database } from 'better-sqlite3';
import type { Delivery, DeliveryStatus, DeliveryStore } from './types.js';

interface DeliveryRow {
  guild_id: string;
  local_date: string;
  status: string;
  message_ids: string;
  error: string | null;
  article_ids: string;
  updated_at: number;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    guildId: row.guild_id, localDate: row.local_date, status: row.status as DeliveryStatus,
    messageIds: JSON.parse(row.message_ids) as string[], error: row.error,
    articleIds: JSON.parse(row.article_ids) as number[], updatedAt: row.updated_at,
  };
}

/** The SQLite delivery log; `now` is the clock, passed in. */
export function createDeliveryStore(db: Database, now: () => number): DeliveryStore {
  const getDelivery = db.prepare<[string, string], DeliveryRow>('SELECT * FROM deliveries WHERE guild_id = ? AND local_date = ?');
  const lastDelivery = db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1');
  // The primary key (guild_id, local_date) makes the claim atomic: only one INSERT wins
  const claim = db.prepare<[string, string, string, number]>(
    `INSERT OR IGNORE INTO deliveries (guild_id, local_date, status, article_ids, updated_at) VALUES (?, ?, 'pending', ?, ?)`,
  );
  const finish = db.prepare<[string, string, string | null, number, string, string]>(
    'UPDATE deliveries SET status = ?, message_ids = ?, error = ?, updated_at = ? WHERE guild_id = ? AND local_date = ?',
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
    beginDelivery(guildId, localDate, articleIds) {
      return claim.run(guildId, localDate, JSON.stringify(articleIds), now()).changes === 1;
    },
    finishDelivery(guildId, localDate, result) {
      const messageIds = JSON.stringify(result.messageIds ?? []);
      const info = finish.run(result.status, messageIds, result.error ?? null, now(), guildId, localDate);
      if (info.changes === 0) throw new DeliveryNotClaimedError(`no delivery was begun for guild ${guildId} on ${localDate}`);
    },
  };
}

/** finishDelivery for a guild and day that beginDelivery never claimed: a scheduler bug. */
export class DeliveryNotClaimedError extends Error {
  override name = 'DeliveryNotClaimedError';
}
