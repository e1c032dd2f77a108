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
  beforeEach(() => {
    clock = 1_000;
    stores = factory.open(() => clock);
  });
  afterEach(() => stores.close());

  describe('guild settings', () => {
    test('GIVEN saved settings THEN they read back and a second save replaces them', () => {
      stores.guilds.saveGuildSettings(settings('g1'));
      stores.guilds.saveGuildSettings(settings('g1', { time: '19:30', roleId: 'r1', postWhenEmpty: true, enabled: false }));
      expect(stores.guilds.getGuildSettings('g1')).toEqual(settings('g1', { time: '19:30', roleId: 'r1', postWhenEmpty: true, enabled: false }));
    });

    test('GIVEN several guilds THEN all are listed and a deleted one is gone', () => {
      stores.guilds.saveGuildSettings(settings('g2'));
      stores.guilds.saveGuildSettings(settings('g1'));
      expect(stores.guilds.listGuildSettings().map((s) => s.guildId)).toEqual(['g1', 'g2']);
      stores.guilds.deleteGuildSettings('g1');
      expect(stores.guilds.getGuildSettings('g1')).toBeNull();
      expect(stores.guilds.listGuildSettings()).toHaveLength(1);
    });
  });
});
