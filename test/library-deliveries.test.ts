import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DeliveryNotClaimedError } from '../src/library/guild-store.js';
import { openLibrary, type SqliteLibrary } from '../src/library/sqlite.js';
import type { GuildSettings } from '../src/library/types.js';

let library: SqliteLibrary;
let clock: number;
beforeEach(() => {
  clock = 1_000;
  library = openLibrary(':memory:', { now: () => clock });
});
afterEach(() => library.close());

const settings = (guildId: string, over: Partial<GuildSettings> = {}): GuildSettings => ({
  guildId, channelId: `chan-${guildId}`, time: '08:00', timezone: 'Europe/Istanbul', roleId: null, postWhenEmpty: false, enabled: true, ...over,
});

describe('guild settings', () => {
  test('GIVEN saved settings THEN they read back and a second save replaces them', () => {
    library.saveGuildSettings(settings('g1'));
    library.saveGuildSettings(settings('g1', { time: '19:30', roleId: 'r1', postWhenEmpty: true, enabled: false }));
    expect(library.getGuildSettings('g1')).toEqual(settings('g1', { time: '19:30', roleId: 'r1', postWhenEmpty: true, enabled: false }));
  });

  test('GIVEN several guilds THEN all are listed and a deleted one is gone', () => {
    library.saveGuildSettings(settings('g2'));
    library.saveGuildSettings(settings('g1'));
    expect(library.listGuildSettings().map((s) => s.guildId)).toEqual(['g1', 'g2']);
    library.deleteGuildSettings('g1');
    expect(library.getGuildSettings('g1')).toBeNull();
    expect(library.listGuildSettings()).toHaveLength(1);
  });
});

describe('delivery log', () => {
  test('GIVEN a guild and day THEN only the first claim wins', () => {
    expect(library.beginDelivery('g1', '2026-11-24', [1, 2])).toBe(true);
    expect(library.beginDelivery('g1', '2026-11-24', [3])).toBe(false);
    expect(library.getDelivery('g1', '2026-11-24')).toEqual({
      guildId: 'g1', localDate: '2026-11-24', status: 'pending', messageIds: [], error: null, articleIds: [1, 2], updatedAt: 1_000,
    });
  });

  test('GIVEN two libraries on one file THEN the claim is still exactly once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-claim-'));
    const a = openLibrary(join(dir, 'db.sqlite'));
    const b = openLibrary(join(dir, 'db.sqlite'));
    const wins = [a, b, a, b].map((l) => l.beginDelivery('g1', '2026-11-24', []));
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
    expect(wins).toEqual([true, false, false, false]);
  });

  test('GIVEN the same day in other guilds or other days THEN each is claimed separately', () => {
    expect(library.beginDelivery('g1', '2026-11-24', [])).toBe(true);
    expect(library.beginDelivery('g2', '2026-11-24', [])).toBe(true);
    expect(library.beginDelivery('g1', '2026-11-25', [])).toBe(true);
  });

  test('GIVEN a sent delivery THEN its status, message ids and time are recorded', () => {
    library.beginDelivery('g1', '2026-11-24', [7]);
    clock = 2_000;
    library.finishDelivery('g1', '2026-11-24', { status: 'sent', messageIds: ['m1', 'm2'] });
    expect(library.getDelivery('g1', '2026-11-24')).toMatchObject({ status: 'sent', messageIds: ['m1', 'm2'], error: null, articleIds: [7], updatedAt: 2_000 });
  });

  test('GIVEN a failed delivery THEN the error is recorded and the day stays claimed', () => {
    library.beginDelivery('g1', '2026-11-24', []);
    library.finishDelivery('g1', '2026-11-24', { status: 'failed', error: 'Missing Access: channel c1' });
    expect(library.getDelivery('g1', '2026-11-24')).toMatchObject({ status: 'failed', error: 'Missing Access: channel c1' });
    expect(library.beginDelivery('g1', '2026-11-24', [])).toBe(false);
  });

  test('GIVEN no claim THEN finishing a delivery is an error', () => {
    expect(() => library.finishDelivery('g1', '2026-11-24', { status: 'sent' })).toThrow(DeliveryNotClaimedError);
  });

  test('GIVEN several days THEN lastDelivery is the latest local date', () => {
    library.beginDelivery('g1', '2026-11-23', []);
    library.beginDelivery('g1', '2026-11-25', []);
    library.beginDelivery('g1', '2026-11-24', []);
    expect(library.lastDelivery('g1')?.localDate).toBe('2026-11-25');
    expect(library.lastDelivery('g2')).toBeNull();
    expect(library.getDelivery('g1', '2026-11-01')).toBeNull();
  });
});
