/** Each guild's briefing settings on PostgreSQL (../guild-settings-store.ts). */
import type { GuildSettingsStore } from '../types.js';
import type { PgDatabase } from './database.js';
import { type SettingsRow, toSettings } from '../rows.js';

const SETTINGS = 'SELECT guild_id, channel_id, "time", timezone, role_id, post_when_empty, enabled FROM guild_settings';

export function pgGuildSettingsStore(db: PgDatabase): GuildSettingsStore {
  const { sql } = db;
  return {
    async getGuildSettings(guildId) {
      const row = await sql.one<SettingsRow>(`${SETTINGS} WHERE guild_id = $1`, [guildId]);
      return row ? toSettings(row) : null;
    },
    listGuildSettings: async () => (await sql.rows<SettingsRow>(`${SETTINGS} ORDER BY guild_id`)).map(toSettings),
    async saveGuildSettings(s) {
      await sql.run(
        `INSERT INTO guild_settings (guild_id, channel_id, "time", timezone, role_id, post_when_empty, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, "time" = excluded."time", timezone = excluded.timezone,
           role_id = excluded.role_id, post_when_empty = excluded.post_when_empty, enabled = excluded.enabled`,
        [s.guildId, s.channelId, s.time, s.timezone, s.roleId, s.postWhenEmpty ? 1 : 0, s.enabled ? 1 : 0],
      );
    },
    async deleteGuildSettings(guildId) {
      await sql.run('DELETE FROM guild_settings WHERE guild_id = $1', [guildId]);
    },
  };
}
