import type { Database } from 'better-sqlite3';
import type { Sync } from './sync-store.js';
import type { GuildSettingsStore } from './types.js';
import { type SettingsRow, toSettings } from './rows.js';

/** The SQLite guild settings store. */
export function createGuildSettingsStore(db: Database): Sync<GuildSettingsStore> {
  const getSettings = db.prepare<[string], SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = ?');
  const allSettings = db.prepare<[], SettingsRow>('SELECT * FROM guild_settings ORDER BY guild_id');
  const putSettings = db.prepare<[string, string, string, string, string | null, number, number]>(
    `INSERT OR REPLACE INTO guild_settings (guild_id, channel_id, time, timezone, role_id, post_when_empty, enabled)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const dropSettings = db.prepare<[string]>('DELETE FROM guild_settings WHERE guild_id = ?');

  return {
    getGuildSettings: (guildId) => {
      const row = getSettings.get(guildId);
      return row ? toSettings(row) : null;
    },
    listGuildSettings: () => allSettings.all().map(toSettings),
    saveGuildSettings(s) {
      putSettings.run(s.guildId, s.channelId, s.time, s.timezone, s.roleId, s.postWhenEmpty ? 1 : 0, s.enabled ? 1 : 0);
    },
    deleteGuildSettings(guildId) {
      dropSettings.run(guildId);
    },
  };
}
