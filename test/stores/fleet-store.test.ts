import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RequestSlot, SlotRequest } from '../../src/library/fleet-store.js';
import type { Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';

// 50 a second, handed out at most 100 ms ahead: five slots
const INTERVAL_MS = 20;
const HORIZON_MS = 100;
const T0 = 1_700_000_000_000;

describe.each(STORE_FACTORIES)('the fleet store: request budget ($name)', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.open(() => T0);
  });
  afterEach(async () => await stores.close());

  const take = (now: number, over: Partial<SlotRequest> = {}): Promise<RequestSlot> =>
    stores.fleet.takeRequestSlot({ name: 'discord', now, interval: INTERVAL_MS, horizon: HORIZON_MS, ...over });
  const takeMany = async (count: number, now: number, over: Partial<SlotRequest> = {}): Promise<RequestSlot[]> => {
    const slots: RequestSlot[] = [];
    for (let i = 0; i < count; i++) slots.push(await take(now, over));
    return slots;
  };

  test('GIVEN an idle budget THEN the first slot is now, and slots taken together are one interval apart', async () => {
    expect(await takeMany(5, T0)).toEqual([0, 20, 40, 60, 80].map((offset) => ({ granted: true, at: T0 + offset })));
  });

  test('GIVEN slots handed out up to the horizon THEN the next is refused until a slot falls within it, and then given', async () => {
    await takeMany(5, T0);
    // The next slot starts at T0 + 100: the horizon from T0 + 1
    expect(await take(T0)).toEqual({ granted: false, retryAt: T0 + 1 });
    expect(await take(T0 + 1)).toEqual({ granted: true, at: T0 + 100 });
  });

  test('GIVEN a refused request THEN it took nothing: the slot it was refused is the next one given', async () => {
    await takeMany(5, T0);
    await takeMany(3, T0);
    expect(await take(T0 + 10)).toEqual({ granted: true, at: T0 + 100 });
  });

  test('GIVEN the budget idle past its last slot THEN no credit was saved: slots start from now again, one interval apart', async () => {
    await takeMany(2, T0);
    expect(await takeMany(3, T0 + 5_000)).toEqual([0, 20, 40].map((offset) => ({ granted: true, at: T0 + 5_000 + offset })));
  });

  test('GIVEN a request between two slots THEN it is given the next free slot, never one in the past', async () => {
    await takeMany(3, T0);
    // Slots T0, +20, +40 are taken; at T0 + 30 the next free one is T0 + 60
    expect(await take(T0 + 30)).toEqual({ granted: true, at: T0 + 60 });
  });

  test('GIVEN two budgets THEN each has slots of its own', async () => {
    await takeMany(5, T0);
    expect(await take(T0, { name: 'other' })).toEqual({ granted: true, at: T0 });
  });

  test('GIVEN the budget deferred (Discord said wait) THEN no slot is given before then; a deferral to an earlier time changes nothing', async () => {
    await stores.fleet.deferRequests({ name: 'discord', until: T0 + 500 });
    await stores.fleet.deferRequests({ name: 'discord', until: T0 + 200 });
    expect(await take(T0)).toEqual({ granted: false, retryAt: T0 + 401 });
    expect(await take(T0, { horizon: 1_000 })).toEqual({ granted: true, at: T0 + 500 });
    expect(await take(T0 + 600)).toEqual({ granted: true, at: T0 + 600 });
  });

  test('GIVEN many requests at once THEN no two share a slot and none is given twice', async () => {
    const slots = await Promise.all(Array.from({ length: 12 }, () => take(T0, { horizon: 1_000 })));
    const times = slots.map((s) => (s.granted ? s.at : -1)).sort((a, b) => a - b);
    expect(times).toEqual(Array.from({ length: 12 }, (_, i) => T0 + i * INTERVAL_MS));
  });
});
