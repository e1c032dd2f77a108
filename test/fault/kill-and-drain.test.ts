/**
 * The bot in a child process, killed while it delivers. With kill -9 at random points and a
 * restart at once, every briefing goes out, each part exactly once; with SIGTERM the deliveries
 * in flight finish (or are given back when the drain's deadline passes) and nothing is left
 * pending.
 *
 * Trials are kept modest so the suite stays fast: 10 kills over 3 guilds each (30 deliveries of
 * 3 parts, 9 posts a trial). Each kill lands after the k-th post of its trial reached Discord
 * (k from 0 to 9), at a random moment within that post's answer, which the fake Discord holds
 * back after creating the message: before any post, between parts, after a message exists but
 * before the bot heard of it, or after everything. k and the moments come from a seeded
 * generator, so a failure can be replayed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeDiscord } from '../fake-discord/fake-discord.js';
import {
  dueGuild,
  FAST_DELIVERY,
  PARTS,
  partCounts,
  saveGuilds,
  seedArticles,
  startChildBot,
  until,
  withLibrary,
  workspace,
  type ChildBot,
  type FaultGuild,
  type Workspace,
} from './child-bot.js';

const TRIALS = 10;
const GUILDS_PER_TRIAL = 3;
// Each message post is answered this late, so a delivery spans a few hundred ms to kill inside
const POST_LATENCY_MS = 40;
// A kill before any post lands this long (at most) after the guilds are set up: within a sweep or two
const EARLY_KILL_MS = 400;
const SEED = 12;

/** A small seeded generator (mulberry32): the same kill points on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isPostTo = (guilds: FaultGuild[]) => (call: { method: string; path: string }) =>
  call.method === 'POST' && guilds.some((g) => call.path === `/channels/${g.channelId}/messages`);

async function deliveredExactlyOnce(fake: FakeDiscord, space: Workspace, guilds: FaultGuild[]): Promise<void> {
  await until(() => guilds.every((g) => partCounts(fake, g).size === PARTS), 'every part of every briefing', 20_000);
  for (const g of guilds) expect(Object.fromEntries(partCounts(fake, g))).toEqual({ 1: 1, 2: 1, 3: 1 });
  // Recorded as sent, with the very messages the channel shows
  await expect
    .poll(() => withLibrary(space, (s) => Promise.all(guilds.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))?.status))), { timeout: 10_000 })
    .toEqual(guilds.map(() => 'sent'));
  const recorded = await withLibrary(space, (s) => Promise.all(guilds.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))!.messageIds)));
  guilds.forEach((g, i) =>
    expect(recorded[i]).toEqual(
      fake
        .messagesIn(g.channelId)
        .filter((m) => (m.author as { id: string }).id === fake.ids.botUserId)
        .map((m) => m.id),
    ),
  );
}

describe('kill -9 while delivering, restarted at once', () => {
  let fake: FakeDiscord;
  let space: Workspace;
  let bot: ChildBot | null = null;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.postLatencyMs = POST_LATENCY_MS;
    space = workspace();
    await withLibrary(space, seedArticles);
  });
  afterAll(async () => {
    bot?.process.kill('SIGKILL');
    await bot?.exited;
    await fake.close();
    space.cleanup();
  });

  test(`GIVEN ${TRIALS} kills at random points of ${GUILDS_PER_TRIAL} deliveries each THEN 0 briefings are lost and 0 parts are posted twice`, async () => {
    const random = seeded(SEED);
    const kills: number[] = [];
    const postsAtKill: number[] = [];
    bot = await startChildBot(fake, space);
    for (let trial = 0; trial < TRIALS; trial++) {
      const guilds = Array.from({ length: GUILDS_PER_TRIAL }, (_, i) => dueGuild(trial * GUILDS_PER_TRIAL + i));
      // The running bot's next sweep finds them due
      await withLibrary(space, async (s) => await saveGuilds(s, guilds));
      const k = Math.floor(random() * (GUILDS_PER_TRIAL * PARTS + 1));
      kills.push(k);
      if (k === 0) await new Promise((resolve) => setTimeout(resolve, random() * EARLY_KILL_MS));
      else {
        await fake.waitFor((c) => isPostTo(guilds)(c) && fake.calls.filter(isPostTo(guilds)).length >= k, 10_000);
        await new Promise((resolve) => setTimeout(resolve, random() * POST_LATENCY_MS));
      }
      bot.process.kill('SIGKILL');
      await bot.exited;
      postsAtKill.push(fake.calls.filter(isPostTo(guilds)).length);
      bot = await startChildBot(fake, space);
      await deliveredExactlyOnce(fake, space, guilds);
    }
    console.info(
      `kill -9: ${TRIALS} trials × ${GUILDS_PER_TRIAL} guilds × ${PARTS} parts; killed after post k = ${kills.join(', ')}; posts Discord had seen at each kill: ${postsAtKill.join(', ')}; repeated posts answered by nonce: ${fake.history.deduplicated}`,
    );
  }, 240_000);
});

describe('SIGTERM while delivering', () => {
  let fake: FakeDiscord;
  let space: Workspace;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    space = workspace();
    await withLibrary(space, seedArticles);
  });
  afterAll(async () => {
    await fake.close();
    space.cleanup();
  });

  test('GIVEN SIGTERM after the first post THEN the deliveries in flight finish, nothing is left pending, and the bot exits 0', async () => {
    fake.postLatencyMs = POST_LATENCY_MS;
    const bot = await startChildBot(fake, space);
    const guilds = [0, 1, 2].map((n) => dueGuild(100 + n));
    await withLibrary(space, async (s) => await saveGuilds(s, guilds));
    await fake.waitFor(isPostTo(guilds), 10_000);
    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.log()).toMatch(/SIGTERM: shutting down[\s\S]*Deliveries in flight: 3 finished, 0 given back[\s\S]*Stopped\./);
    await deliveredExactlyOnce(fake, space, guilds);
    const statuses = await withLibrary(space, (s) => Promise.all(guilds.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))?.status)));
    expect(statuses.filter((status) => status === 'pending')).toEqual([]);
  }, 60_000);

  test('GIVEN SIGTERM and posts slower than the drain deadline THEN the leases are given back, and the next start finishes them without waiting or repeating a part', async () => {
    fake.postLatencyMs = 400;
    const bot = await startChildBot(fake, space, { ...FAST_DELIVERY, leaseMs: 60_000, drainMs: 100 });
    const guilds = [0, 1, 2].map((n) => dueGuild(200 + n));
    await withLibrary(space, async (s) => await saveGuilds(s, guilds));
    await fake.waitFor(isPostTo(guilds), 10_000);
    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.log()).toMatch(/Deliveries in flight: 0 finished, 3 given back/);
    const left = await withLibrary(space, (s) => Promise.all(guilds.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))!)));
    for (const job of left) expect(job).toMatchObject({ status: 'pending', owner: null, leaseUntil: 0 });
    // A lease of a minute, given back: the next process need not wait it out
    fake.postLatencyMs = 0;
    const next = await startChildBot(fake, space, { ...FAST_DELIVERY, leaseMs: 60_000 });
    try {
      await deliveredExactlyOnce(fake, space, guilds);
    } finally {
      next.process.kill('SIGKILL');
      await next.exited;
    }
  }, 60_000);
});

describe('two processes on one database', () => {
  let fake: FakeDiscord;
  let space: Workspace;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.postLatencyMs = POST_LATENCY_MS;
    space = workspace();
    await withLibrary(space, seedArticles);
  });
  afterAll(async () => {
    await fake.close();
    space.cleanup();
  });

  test('GIVEN two bots sweeping the same due guilds THEN each guild gets exactly one briefing, and each job was claimed once', async () => {
    const bots = [await startChildBot(fake, space), await startChildBot(fake, space)];
    try {
      const guilds = [0, 1, 2, 3, 4, 5].map((n) => dueGuild(300 + n));
      await withLibrary(space, async (s) => await saveGuilds(s, guilds));
      await deliveredExactlyOnce(fake, space, guilds);
      expect(await withLibrary(space, (s) => Promise.all(guilds.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))!.attempts)))).toEqual(guilds.map(() => 1));
    } finally {
      for (const bot of bots) bot.process.kill('SIGKILL');
      await Promise.all(bots.map((bot) => bot.exited));
    }
  }, 60_000);
});
