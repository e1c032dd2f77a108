import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryNotClaimedError } from '../../src/library/delivery-store.js';
import { openStores } from '../../src/library/open-stores.js';
import type { Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';

describe.each(STORE_FACTORIES)('the delivery store ($name)', (factory) => {
  let stores: Stores;
  let clock: number;
  beforeEach(() => {
    clock = 1_000;
    stores = factory.open(() => clock);
  });
  afterEach(() => stores.close());

  describe('delivery log', () => {
    test('GIVEN a guild and day THEN only the first claim wins', () => {
      expect(stores.deliveries.beginDelivery('g1', '2026-11-24', [1, 2])).toBe(true);
      expect(stores.deliveries.beginDelivery('g1', '2026-11-24', [3])).toBe(false);
      expect(stores.deliveries.getDelivery('g1', '2026-11-24')).toEqual({
        guildId: 'g1', localDate: '2026-11-24', status: 'pending', messageIds: [], error: null, articleIds: [1, 2], updatedAt: 1_000,
      });
    });

    test('GIVEN the same day in other guilds or other days THEN each is claimed separately', () => {
      expect(stores.deliveries.beginDelivery('g1', '2026-11-24', [])).toBe(true);
      expect(stores.deliveries.beginDelivery('g2', '2026-11-24', [])).toBe(true);
      expect(stores.deliveries.beginDelivery('g1', '2026-11-25', [])).toBe(true);
    });

    test('GIVEN a sent delivery THEN its status, message ids and time are recorded', () => {
      stores.deliveries.beginDelivery('g1', '2026-11-24', [7]);
      clock = 2_000;
      stores.deliveries.finishDelivery('g1', '2026-11-24', { status: 'sent', messageIds: ['m1', 'm2'] });
      expect(stores.deliveries.getDelivery('g1', '2026-11-24')).toMatchObject({ status: 'sent', messageIds: ['m1', 'm2'], error: null, articleIds: [7], updatedAt: 2_000 });
    });

    test('GIVEN a failed delivery THEN the error is recorded and the day stays claimed', () => {
      stores.deliveries.beginDelivery('g1', '2026-11-24', []);
      stores.deliveries.finishDelivery('g1', '2026-11-24', { status: 'failed', error: 'Missing Access: channel c1' });
      expect(stores.deliveries.getDelivery('g1', '2026-11-24')).toMatchObject({ status: 'failed', error: 'Missing Access: channel c1' });
      expect(stores.deliveries.beginDelivery('g1', '2026-11-24', [])).toBe(false);
    });

    test('GIVEN no claim THEN finishing a delivery is an error', () => {
      expect(() => stores.deliveries.finishDelivery('g1', '2026-11-24', { status: 'sent' })).toThrow(DeliveryNotClaimedError);
    });

    test('GIVEN several days THEN lastDelivery is the latest local date', () => {
      stores.deliveries.beginDelivery('g1', '2026-11-23', []);
      stores.deliveries.beginDelivery('g1', '2026-11-25', []);
      stores.deliveries.beginDelivery('g1', '2026-11-24', []);
      expect(stores.deliveries.lastDelivery('g1')?.localDate).toBe('2026-11-25');
      expect(stores.deliveries.lastDelivery('g2')).toBeNull();
      expect(stores.deliveries.getDelivery('g1', '2026-11-01')).toBeNull();
    });
  });
});

// SQLite's own: two processes on one file race for the same claim
describe('the SQLite delivery log on a file', () => {
  test('GIVEN two libraries on one file THEN the claim is still exactly once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-claim-'));
    const a = openStores(join(dir, 'db.sqlite'));
    const b = openStores(join(dir, 'db.sqlite'));
    const wins = [a, b, a, b].map((l) => l.deliveries.beginDelivery('g1', '2026-11-24', []));
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
    expect(wins).toEqual([true, false, false, false]);
  });
});
