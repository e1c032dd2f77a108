/**
 * How many deliveries one process runs at once. A fan-out bigger than that waits, unclaimed, so
 * another process with room takes its share, and a process that dies leaves few leases behind.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { BriefingPoster, BriefingPostRequest } from '../src/briefing/briefing-poster.js';
import { createDeliverer, type Deliverer } from '../src/briefing/deliver.js';
import { SHARED } from '../src/ingest/destination.js';
import type { Stores } from '../src/library/types.js';
import { fakeClock, openTestLibrary, tempLibraryPath } from './fake-discord/briefing-bot.js';
import { memoryLogger } from './fake-discord/harness.js';
import { idlibReading } from './fake-discord/readings.js';

const GUILDS = 10;
const guildId = (i: number): string => String(700000000000000000n + BigInt(i));

let file: ReturnType<typeof tempLibraryPath>;
const opened: Stores[] = [];
const clock = fakeClock('2024-06-01T09:00:00Z');

/** A Discord that holds every post until the test lets it through. */
function heldPoster(): BriefingPoster & { held: BriefingPostRequest[]; release(): void } {
  const waiting: (() => void)[] = [];
  const held: BriefingPostRequest[] = [];
  return {
    held,
    post: async (request) => {
      held.push(request);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return [`${900000000000000000n + BigInt(held.indexOf(request))}`];
    },
    findPosted: () => Promise.resolve({ parts: new Map(), total: 0 }),
    release: () => waiting.splice(0).forEach((resolve) => resolve()),
  };
}

beforeEach(async () => {
  file = tempLibraryPath();
  const stores = openTestLibrary(file.path, clock.clock);
  await stores.articles.saveArticle({ source: 'idlib.txt', url: null, text: 'Erdogan said Idlib…', title: 'Idlib', date: '2024-06-01' }, idlibReading(), SHARED);
  for (let i = 0; i < GUILDS; i++)
    await stores.guilds.saveGuildSettings({
      guildId: guildId(i),
      channelId: String(800000000000000000n + BigInt(i)),
      time: '09:00',
      timezone: 'UTC',
      roleId: null,
      postWhenEmpty: false,
      enabled: true,
    });
  await stores.close();
});
afterEach(async () => {
  for (const stores of opened.splice(0)) await stores.close();
  file.cleanup();
});

function fleetProcess(owner: string, poster: BriefingPoster, maxRunning: number): { deliverer: Deliverer; stores: Stores } {
  const stores = openTestLibrary(file.path, clock.clock);
  opened.push(stores);
  return { deliverer: createDeliverer({ poster, stores, clock: clock.clock, log: memoryLogger([]), owner, maxRunning }), stores };
}

const owners = async (stores: Stores): Promise<(string | null)[]> =>
  Promise.all(Array.from({ length: GUILDS }, async (_, i) => (await stores.deliveries.getDelivery(guildId(i), '2024-06-01'))?.owner ?? null));

test('GIVEN more guilds due than a process runs at once THEN it holds that many leases, the rest wait unclaimed, and another process with room takes them', async () => {
  const posterA = heldPoster();
  const posterB = heldPoster();
  const a = fleetProcess('a', posterA, 3);
  const b = fleetProcess('b', posterB, 4);

  const runA = Array.from({ length: GUILDS }, (_, i) => a.deliverer.runDue(guildId(i)));
  await expect.poll(() => posterA.held.length).toBe(3);
  // Three made and claimed by a; the others wait for room, with nothing claimed
  expect((await owners(a.stores)).filter((o) => o === 'a')).toHaveLength(3);
  expect((await owners(a.stores)).filter((o) => o === null)).toHaveLength(GUILDS - 3);

  // Another process sweeping finds room for four of them
  const runB = Array.from({ length: GUILDS }, (_, i) => b.deliverer.runDue(guildId(i)));
  await expect.poll(() => posterB.held.length).toBe(4);
  expect((await owners(b.stores)).filter((o) => o === 'b')).toHaveLength(4);

  // As posts finish, the waiting ones go out, each once, until none is left
  for (let round = 0; round < GUILDS && posterA.held.length + posterB.held.length < GUILDS; round++) {
    posterA.release();
    posterB.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  posterA.release();
  posterB.release();
  const outcomes = [...(await Promise.all(runA)), ...(await Promise.all(runB))];
  expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(GUILDS);
  expect(posterA.held.length + posterB.held.length).toBe(GUILDS);
  expect(posterB.held.length).toBeGreaterThanOrEqual(4);
  const statuses = await Promise.all(Array.from({ length: GUILDS }, async (_, i) => (await a.stores.deliveries.getDelivery(guildId(i), '2024-06-01'))?.status));
  expect(statuses).toEqual(Array.from({ length: GUILDS }, () => 'sent'));
});

test('GIVEN a process draining with scheduled runs waiting for room THEN they stop without claiming anything', async () => {
  const poster = heldPoster();
  const a = fleetProcess('a', poster, 2);
  const runs = Array.from({ length: 5 }, (_, i) => a.deliverer.runDue(guildId(i)));
  await expect.poll(() => poster.held.length).toBe(2);
  const drained = a.deliverer.drain(50);
  const outcomes = await Promise.all(runs.slice(2));
  expect(outcomes.map((o) => o.kind)).toEqual(['stopping', 'stopping', 'stopping']);
  poster.release();
  await drained;
  expect((await owners(a.stores)).filter((o) => o !== null)).toEqual([]);
});
