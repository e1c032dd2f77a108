import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { GuildSettings, Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';

const settings = (guildId: string, over: Partial<GuildSettings> = {}): GuildSettings => ({
  guildId,
  channelId: `chan-${guildId}`,
  time: '08:00',
  timezone: 'Europe/Istanbul',
  roleId: null,
  postWhenEmpty: false,
  enabled: true,
  ...over,
});

describe.each(STORE_FACTORIES)('the guild settings store ($name)', (factory) => {
  let stores: Stores;
  let clock: number;
  beforeEach(async () => {
    clock = 1_000;
    stores = await factory.open(() => clock);
  });
  afterEach(async () => await stores.close());

  describe('guild settings', () => {
    test('GIVEN saved settings THEN they read back and a second save replaces them', async () => {
      await stores.guilds.saveGuildSettings(settings('g1'));
      await stores.guilds.saveGuildSettings(settings('g1', { time: '19:30', roleId: 'r1', postWhenEmpty: true, enabled: false }));
      expect(await stores.guilds.getGuildSettings('g1')).toEqual(settings('g1', { time: '19:30', roleId: 'r1', postWhenEmpty: true, enabled: false }));
    });

    test('GIVEN several guilds THEN all are listed and a deleted one is gone', async () => {
      await stores.guilds.saveGuildSettings(settings('g2'));
      await stores.guilds.saveGuildSettings(settings('g1'));
      expect((await stores.guilds.listGuildSettings()).map((s) => s.guildId)).toEqual(['g1', 'g2']);
      await stores.guilds.deleteGuildSettings('g1');
      expect(await stores.guilds.getGuildSettings('g1')).toBeNull();
      expect(await stores.guilds.listGuildSettings()).toHaveLength(1);
    });
  });
});
