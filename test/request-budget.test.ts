/**
 * Discord's request budget shared by the processes of a fleet: each process takes send slots
 * from the database, so together they never go faster than the budget; and discord.js's REST
 * calls go through it, save interaction responses, which Discord does not count.
 */
import { Routes, type Client } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { createClient } from '../src/discord/client.js';
import { budgetedRequest, countsAgainstBudget, fleetRequestBudget, slotIntervalUs, type RequestBudget } from '../src/discord/request-budget.js';
import type { FleetStore } from '../src/library/fleet-store.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { tempLibraryPath } from './fake-discord/briefing-bot.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';

/** Time that moves only when every waiter is asleep: it jumps to the earliest wake-up. */
function virtualTime(start: number) {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    async run(done: () => boolean): Promise<void> {
      while (!done()) {
        await new Promise((resolve) => setImmediate(resolve));
        if (timers.length === 0) continue;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}

const T0 = 1_700_000_000_000;
const opened: Stores[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const stores of opened.splice(0)) await stores.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** One connection per process to one library file. */
function processes(count: number): Stores[] {
  const file = tempLibraryPath();
  cleanups.push(() => file.cleanup());
  const all = Array.from({ length: count }, () => openStores(file.path));
  opened.push(...all);
  return all;
}

describe('the fleet request budget', () => {
  test('GIVEN three processes sending at once on one database THEN their requests go out one interval apart: never more than the budget in any second', async () => {
    const time = virtualTime(T0);
    const perSecond = 50;
    const sent: { process: number; at: number }[] = [];
    const budgets = processes(3).map((stores) => fleetRequestBudget({ store: stores.fleet, perSecond, log: memoryLogger([]), now: time.now, sleep: time.sleep }));
    const all = budgets.flatMap((budget, process) => Array.from({ length: 60 }, () => budget.acquire().then(() => sent.push({ process, at: time.now() }))));
    await time.run(() => sent.length === all.length);
    const times = sent.map((s) => s.at).sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Microseconds in the store, milliseconds here
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(slotIntervalUs(perSecond) / 1000 - 0.001);
    // Any one second: at most the budget, and not far under it
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(perSecond);
    expect(busiest).toBeGreaterThan(perSecond * 0.9);
    // Every process had its share while the others were sending
    const firstSecond = sent.filter((s) => s.at < T0 + 1000);
    expect(new Set(firstSecond.map((s) => s.process)).size).toBe(3);
  });

  test('GIVEN a process alone and idle THEN its request goes out at once, with no wait', async () => {
    const time = virtualTime(T0);
    const [stores] = processes(1);
    const budget = fleetRequestBudget({ store: stores!.fleet, perSecond: 50, log: memoryLogger([]), now: time.now, sleep: time.sleep });
    let done = false;
    void budget.acquire().then(() => (done = true));
    await time.run(() => done);
    expect(time.now()).toBe(T0);
  });

  test('GIVEN the database out of reach THEN the process paces itself alone and says so once', async () => {
    const time = virtualTime(T0);
    const logs: string[] = [];
    const locked = (): Promise<never> => Promise.reject(new Error('SQLITE_BUSY: database is locked'));
    const broken: FleetStore = { takeRequestSlot: locked, deferRequests: locked };
    const budget = fleetRequestBudget({ store: broken, perSecond: 10, log: memoryLogger(logs), now: time.now, sleep: time.sleep });
    const sent: number[] = [];
    for (let i = 0; i < 5; i++) void budget.acquire().then(() => sent.push(time.now()));
    await time.run(() => sent.length === 5);
    expect(sent.map((at) => at - T0)).toEqual([0, 1, 2, 3, 4].map((n) => (n * slotIntervalUs(10)) / 1000));
    expect(logs).toEqual(['warn: The shared request budget is out of reach (SQLITE_BUSY: database is locked); pacing this process alone.']);
  });

  test('GIVEN a process that wakes long after its slot (a stalled event loop) THEN it takes a fresh slot rather than crowd the next ones', async () => {
    const time = virtualTime(T0);
    const [stores] = processes(1);
    let stalls = 1;
    // The first wait overshoots by 280 ms, as when the event loop was busy
    const stalling = (ms: number): Promise<void> => time.sleep(ms + (stalls-- > 0 ? 280 : 0));
    const budget = fleetRequestBudget({ store: stores!.fleet, perSecond: 50, log: memoryLogger([]), now: time.now, sleep: stalling });
    const sent: number[] = [];
    void budget.acquire().then(() => sent.push(time.now()));
    void budget.acquire().then(() => sent.push(time.now()));
    await time.run(() => sent.length === 2);
    // The first went at once; the second woke 280 ms after its slot and took the slot of that moment
    const interval = slotIntervalUs(50);
    expect(sent[0]).toBe(T0);
    expect(sent[1]! - T0).toBeCloseTo(interval / 1000 + 280, 2);
    // The store's slots are in microseconds
    const woke = Math.round(sent[1]! * 1000);
    expect(await stores!.fleet.takeRequestSlot({ name: 'discord', now: woke, interval, horizon: 1_000_000 })).toEqual({ granted: true, at: woke + interval });
  });

  test('GIVEN a global 429 from Discord THEN the whole fleet waits: the shared budget gives no slot before its retry-after', async () => {
    const [a, b] = processes(2);
    const budget = fleetRequestBudget({ store: a!.fleet, perSecond: 50, log: memoryLogger([]) });
    const tooMany = () =>
      Promise.resolve({ status: 429, headers: new Headers({ 'x-ratelimit-global': 'true', 'retry-after': '5' }) } as unknown as Awaited<
        ReturnType<ReturnType<typeof budgetedRequest>>
      >);
    const before = Date.now();
    await budgetedRequest(budget, tooMany)('https://discord.com/api/v10/channels/1/messages', { method: 'POST' });
    // Another process asking for a slot now is told to wait about five seconds
    const slot = await b!.fleet.takeRequestSlot({ name: 'discord', now: Date.now() * 1000, interval: slotIntervalUs(50), horizon: 1_000_000 });
    expect(slot.granted).toBe(false);
    if (!slot.granted) expect(slot.retryAt).toBeGreaterThanOrEqual((before + 4_000) * 1000);
  });

  test.each([
    ['http://127.0.0.1:1/api/v10/channels/1/messages', true],
    ['https://discord.com/api/v10/gateway/bot', true],
    ['https://discord.com/api/v10/interactions/1/tok/callback', false],
    ['https://discord.com/api/v10/webhooks/1/tok/messages/@original', false],
  ])('GIVEN %s THEN it counts against the budget: %s', (url, counted) => {
    expect(countsAgainstBudget(url)).toBe(counted);
  });

  test('GIVEN an interaction response THEN it takes no slot; a channel post does', async () => {
    let taken = 0;
    const budget: RequestBudget = { acquire: () => Promise.resolve(void (taken += 1)), defer: () => Promise.resolve() };
    const base = () => Promise.resolve({ status: 204 } as unknown as Awaited<ReturnType<ReturnType<typeof budgetedRequest>>>);
    const request = budgetedRequest(budget, base);
    await request('https://discord.com/api/v10/interactions/1/tok/callback', { method: 'POST' });
    expect(taken).toBe(0);
    await request('https://discord.com/api/v10/channels/1/messages', { method: 'POST' });
    expect(taken).toBe(1);
  });
});

/** A client that only posts: its REST takes the token login would give it. */
function restOnly(client: Client): Client {
  client.rest.setToken(TEST_TOKEN);
  return client;
}

describe('discord.js clients of three processes against a Discord that enforces its global limit', () => {
  let fake: FakeDiscord;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.destroy();
    await fake.close();
  });

  test('GIVEN every client posting at once THEN Discord answers none with a 429 and every message arrives', async () => {
    fake = await FakeDiscord.start();
    // The budget a little under Discord's limit, so timers firing late cannot crowd two seconds' requests into one
    fake.rateLimit({ perSecond: 10, scope: 'global' });
    const budgets = processes(3).map((stores) => fleetRequestBudget({ store: stores.fleet, perSecond: 8, log: memoryLogger([]) }));
    for (const budget of budgets) clients.push(restOnly(createClient({ token: TEST_TOKEN, apiUrl: fake.apiUrl, budget })));
    const channel = (i: number): string => String(900000000000000000n + BigInt(i));
    const posts = clients.flatMap((client, p) =>
      Array.from({ length: 8 }, (_, i) => client.rest.post(Routes.channelMessages(channel(p * 8 + i)), { body: { content: `post ${i}` } })),
    );
    await Promise.all(posts);
    expect(fake.rateLimited).toBe(0);
    expect(Array.from({ length: 24 }, (_, i) => fake.messagesIn(channel(i)).length)).toEqual(Array.from({ length: 24 }, () => 1));
  });

  test('GIVEN the same clients without the shared budget THEN Discord answers with 429s (what the budget prevents)', async () => {
    fake = await FakeDiscord.start();
    fake.rateLimit({ perSecond: 10, scope: 'global' });
    for (let p = 0; p < 3; p++) clients.push(restOnly(createClient({ token: TEST_TOKEN, apiUrl: fake.apiUrl })));
    const posts = clients.flatMap((client, p) =>
      Array.from({ length: 8 }, (_, i) => client.rest.post(Routes.channelMessages(String(910000000000000000n + BigInt(p * 8 + i))), { body: { content: 'x' } })),
    );
    await Promise.all(posts);
    expect(fake.rateLimited).toBeGreaterThan(0);
  });
});
