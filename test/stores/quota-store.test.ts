import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DAY_MS, type QuotaLimits, type QuotaStore } from '../../src/library/quota-store.js';
import type { Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';

const GUILD = '300000000000000003';
const OTHER_GUILD = '300000000000000077';
const ALICE = '200000000000000002';
const BOB = '200000000000000099';
const MINUTE = 60_000;
const T0 = Date.parse('2024-06-01T08:00:00Z');
const LIMITS: QuotaLimits = { memberMax: 3, memberWindowMs: 10 * MINUTE, guildPerDay: 5 };

describe.each(STORE_FACTORIES)('the quota store ($name)', (factory) => {
  let stores: Stores;
  let quotas: QuotaStore;
  const claim = async (userId: string, now: number, limits = LIMITS, guildId = GUILD) => await quotas.claim({ guildId, userId, now, limits });
  beforeEach(async () => {
    stores = await factory.open(() => T0);
    quotas = stores.quotas;
  });
  afterEach(async () => await stores.close());

  test('GIVEN three additions spread over ten minutes THEN the fourth is refused until the first leaves the window', async () => {
    expect((await claim(ALICE, T0)).ok).toBe(true);
    expect((await claim(ALICE, T0 + 2 * MINUTE)).ok).toBe(true);
    expect((await claim(ALICE, T0 + 4 * MINUTE)).ok).toBe(true);
    expect(await claim(ALICE, T0 + 5 * MINUTE)).toEqual({ ok: false, scope: 'member', limit: 3, windowMs: 10 * MINUTE, retryAt: T0 + 10 * MINUTE });
    expect((await claim(ALICE, T0 + 10 * MINUTE)).ok).toBe(true);
  });

  test('GIVEN a check THEN it answers like a claim but takes no slot', async () => {
    for (let i = 0; i < 3; i++) expect((await quotas.check({ guildId: GUILD, userId: ALICE, now: T0, limits: LIMITS })).ok).toBe(true);
    expect((await claim(ALICE, T0)).ok).toBe(true);
  });

  test('GIVEN a released slot THEN it can be used again', async () => {
    const slots = [await claim(ALICE, T0), await claim(ALICE, T0), await claim(ALICE, T0)];
    expect((await claim(ALICE, T0)).ok).toBe(false);
    const [first] = slots;
    if (first?.ok) await quotas.release(first.id);
    expect((await claim(ALICE, T0)).ok).toBe(true);
  });

  test('GIVEN a server at its day limit THEN every member is refused until 24 hours after the oldest addition', async () => {
    for (let i = 0; i < 3; i++) await claim(ALICE, T0 + i * MINUTE);
    await claim(BOB, T0 + 20 * MINUTE);
    await claim(BOB, T0 + 21 * MINUTE);
    expect(await claim(BOB, T0 + 22 * MINUTE)).toEqual({ ok: false, scope: 'guild', limit: 5, windowMs: DAY_MS, retryAt: T0 + DAY_MS });
    expect((await claim(BOB, T0 + 22 * MINUTE, LIMITS, OTHER_GUILD)).ok).toBe(true);
    expect((await claim(BOB, T0 + DAY_MS)).ok).toBe(true);
  });

  test('GIVEN limits of 0 THEN nothing is refused', async () => {
    const open = { memberMax: 0, memberWindowMs: MINUTE, guildPerDay: 0 };
    for (let i = 0; i < 50; i++) expect((await claim(ALICE, T0, open)).ok).toBe(true);
  });

  test('GIVEN a lowered limit with more additions than it allows THEN a slot frees only when enough of them have left the window', async () => {
    for (let i = 0; i < 3; i++) await claim(ALICE, T0 + i * MINUTE);
    const lower = { ...LIMITS, memberMax: 1 };
    // Three in the window and one allowed: all three must leave it, the last at 08:02 + 10 minutes
    expect(await claim(ALICE, T0 + 3 * MINUTE, lower)).toMatchObject({ ok: false, retryAt: T0 + 2 * MINUTE + 10 * MINUTE });
  });
});
