import type { Database } from 'better-sqlite3';
import type { Delivery, DeliveryStatus, GuildSettings } from './types.js';

interface SettingsRow {
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  role_id: string | null;
  post_when_empty: number;
  enabled: number;
}

interface DeliveryRow {
  guild_id: string;
  local_date: string;
  status: string;
  message_ids: string;
  error: string | null;
  article_ids: string;
  updated_at: number;
}

function toSettings(row: SettingsRow): GuildSettings {
  return {
    guildId: row.guild_id, channelId: row.channel_id, time: row.time, timezone: row.timezone,
    roleId: row.role_id, postWhenEmpty: row.post_when_empty === 1, enabled: row.enabled === 1,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    guildId: row.guild_id, localDate: row.local_date, status: row.status as DeliveryStatus,
    messageIds: JSON.parse(row.message_ids) as string[], error: row.error,
    articleIds: JSON.parse(row.article_ids) as number[], updatedAt: row.updated_at,
  };
}

/** Guild settings and the delivery log; `now` is the clock, passed in. */
export function createGuildStore(db: Database, now: () => number) {
  const getSettings = db.prepare<[string], SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = ?');
  const allSettings = db.prepare<[], SettingsRow>('SELECT * FROM guild_settings ORDER BY guild_id');
  const putSettings = db.prepare<[string, string, string, string, string | null, number, number]>(
    `INSERT OR REPLACE INTO guild_settings (guild_id, channel_id, time, timezone, role_id, post_when_empty, enabled)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const dropSettings = db.prepare<[string]>('DELETE FROM guild_settings WHERE guild_id = ?');
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
    getGuildSettings: (guildId: string) => {
      const row = getSettings.get(guildId);
      return row ? toSettings(row) : null;
    },
    listGuildSettings: () => allSettings.all().map(toSettings),
    saveGuildSettings(s: GuildSettings): void {
      putSettings.run(s.guildId, s.channelId, s.time, s.timezone, s.roleId, s.postWhenEmpty ? 1 : 0, s.enabled ? 1 : 0);
    },
    deleteGuildSettings(guildId: string): void {
      dropSettings.run(guildId);
    },
    getDelivery: (guildId: string, localDate: string) => {
      const row = getDelivery.get(guildId, localDate);
      return row ? toDelivery(row) : null;
    },
    lastDelivery: (guildId: string) => {
      const row = lastDelivery.get(guildId);
      return row ? toDelivery(row) : null;
    },
    beginDelivery(guildId: string, localDate: string, articleIds: number[]): boolean {
      return claim.run(guildId, localDate, JSON.stringify(articleIds), now()).changes === 1;
    },
    finishDelivery(guildId: string, localDate: string, result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string | null }): void {
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
