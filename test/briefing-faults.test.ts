/**
 * The daily briefing under ordinary faults, in process with a clock the test moves: a busy
 * channel after a crash, two `/briefing now` at once, a locked database at the due minute, two
 * processes on one database (one slow enough to lose its lease), and a storm of 429s. The
 * faults that need a real kill are in test/fault/.
 */
import { SHARED } from '../src/ingest/destination.js';
import Database from 'better-sqlite3';
import { Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { briefingOf } from '../src/briefing/build-briefing.js';
import { postBriefing } from '../src/discord/post-briefing.js';
import { parseBriefingMarker, renderBriefing } from '../src/discord/render-briefing.js';
import type { Stores } from '../src/library/types.js';
import { fakeClock, openTestLibrary, startBriefingBot, tempLibraryPath, type BriefingBot, type FakeClock } from './fake-discord/briefing-bot.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { distinctStoryReading } from './fake-discord/readings.js';
import { claimDay } from './stores/delivery-jobs.js';

const TZ = 'Europe/Istanbul';
const DAY = '2024-06-01';
// Istanbul is UTC+3: 09:00 there
const DUE = '2024-06-01T06:00:00Z';

/** `count` articles added the evening before: a briefing of `count` items (three messages for 25). */
async function seed(stores: Stores, clock: FakeClock, count: number): Promise<void> {
  clock.set('2024-05-31T20:00:00Z');
  for (let i = 0; i < count; i++) {
    await stores.articles.saveArticle(
      { source: `wire-${i}.txt`, url: `https://example.com/${i}`, text: `Erdogan said Idlib… (${i})`, title: `Idlib, part ${i}`, date: '2024-05-31' },
      distinctStoryReading(i),
      SHARED,
    );
  }
  await stores.guilds.saveGuildSettings({
    guildId: '300000000000000003',
    channelId: '400000000000000004',
    time: '09:00',
    timezone: TZ,
    roleId: null,
    postWhenEmpty: false,
    enabled: true,
  });
  clock.set('2024-06-01T05:00:00Z');
}

describe('the daily briefing under faults', () => {
  let fake: FakeDiscord;
  let file: ReturnType<typeof tempLibraryPath>;
  let clock: FakeClock;
  const bots: BriefingBot[] = [];
  const guild = () => fake.ids.guildId;
  const channel = () => fake.ids.channelId;

  const start = async (owner?: string): Promise<BriefingBot> => {
    // Room for every seeded story, so 25 of them make a briefing of three messages
    const bot = await startBriefingBot(fake, file.path, clock.clock, { owner, maxItems: 25 });
    bots.push(bot);
    return bot;
  };
  /** Part number -> how many messages in the channel are that part of today's briefing. */
  const partCounts = (): Record<number, number> => {
    const counts: Record<number, number> = {};
    for (const message of fake.messagesIn(channel()) as { embeds: { footer?: { text: string } }[] }[]) {
      const marker = message.embeds.map((e) => parseBriefingMarker(e.footer?.text ?? '')).find(Boolean);
      if (marker) counts[marker.part] = (counts[marker.part] ?? 0) + 1;
    }
    return counts;
  };

  const prepare = async (articles: number): Promise<void> => {
    fake = await FakeDiscord.start();
    file = tempLibraryPath();
    clock = fakeClock('2024-06-01T05:00:00Z');
    const stores = openTestLibrary(file.path, clock.clock);
    await seed(stores, clock, articles);
    await stores.close();
  };
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close();
    await fake.close();
    file.cleanup();
  });

  describe('with a one-message briefing', () => {
    beforeEach(() => prepare(2));

    test('GIVEN a crash after posting and 150 newer messages in the channel THEN the restart reads past them, finds the briefing and posts nothing', async () => {
      const a = await start();
      clock.set(DUE);
      await claimDay(a.stores.deliveries, guild(), DAY, [1, 2], { timezone: TZ });
      // Posted without a nonce, as if the nonce had long expired: only the channel can tell
      await postBriefing(a.client, channel(), renderBriefing(await briefingOf(a.stores, guild(), [1, 2], clock.clock()), DAY));
      for (let i = 0; i < 150; i++) fake.say(channel(), `chatter ${i}`);
      await a.kill();
      clock.advance(5 * 60_000);
      const b = await start();
      expect(await b.stores.deliveries.getDelivery(guild(), DAY)).toMatchObject({ status: 'sent', messageIds: [fake.messagesIn(channel())[0]!.id] });
      expect(partCounts()).toEqual({ 1: 1 });
      // Read forward from the job's start, a page of 100 at a time
      const reads = fake.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${channel()}/messages`);
      expect(reads.map((c) => c.query.limit)).toEqual(['100', '100']);
      expect(reads.every((c) => c.query.after)).toBe(true);
    });

    test('GIVEN two /briefing now at the same moment THEN one briefing is posted, and the other caller is told it is being posted', async () => {
      await start();
      const first = fake.command('briefing', [{ name: 'now', options: [] }]);
      const second = fake.command('briefing', [{ name: 'now', options: [] }]);
      const answers = await Promise.all([first, second].map((sent) => fake.waitForResponse(sent, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'))));
      expect(answers.map((a) => a.body.content as string).sort()).toEqual([
        'A briefing is being posted right now. Check /briefing status in a moment.',
        expect.stringContaining('Posted the briefing (1 message)'),
      ]);
      expect(partCounts()).toEqual({ 1: 1 });
      expect(fake.postsTo(channel())).toHaveLength(1);
    });

    test('GIVEN two processes on one database asked for /briefing now at once THEN exactly one briefing', async () => {
      const a = await start('process-a');
      const b = await start('process-b');
      const outcomes = await Promise.all([a.deliverer.deliverNow(guild()), b.deliverer.deliverNow(guild())]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'sent']);
      expect(fake.postsTo(channel())).toHaveLength(1);
    });

    test('GIVEN another connection holding the write lock over the due minute THEN the tick answers at once without posting, and the briefing goes out after the unlock', async () => {
      const b = await start();
      const other = new Database(file.path);
      other.exec('BEGIN IMMEDIATE');
      clock.set(DUE);
      let outcome;
      try {
        outcome = await b.scheduler.runDue(guild());
        expect(outcome).toMatchObject({ kind: 'retrying', reason: expect.stringContaining('storage unavailable') });
        // A sweep meanwhile fares no better, and no post goes out unrecorded
        expect((await b.scheduler.catchUp()).map((o) => o.kind)).toEqual(['retrying']);
        expect(fake.postsTo(channel())).toHaveLength(0);
      } finally {
        other.exec('COMMIT');
        other.close();
      }
      clock.advance(15_000);
      expect((await b.scheduler.catchUp()).map((o) => o.kind)).toEqual(['sent']);
      expect(partCounts()).toEqual({ 1: 1 });
    });

    test('GIVEN the write lock taken while a part is being posted THEN the part is not posted again: the day is settled from the channel once the lease runs out', async () => {
      const b = await start();
      clock.set(DUE);
      fake.postLatencyMs = 100;
      const other = new Database(file.path);
      const running = b.scheduler.runDue(guild());
      await fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${channel()}/messages`);
      other.exec('BEGIN IMMEDIATE');
      const outcome = await running;
      other.exec('COMMIT');
      other.close();
      // Recording the result met the lock: the job waits for its lease to run out, then is settled from the channel
      expect(outcome.kind).toBe('retrying');
      clock.advance(31_000);
      expect((await b.scheduler.catchUp()).map((o) => o.kind)).toContain('sent');
      expect(partCounts()).toEqual({ 1: 1 });
      expect(await b.stores.deliveries.getDelivery(guild(), DAY)).toMatchObject({ status: 'sent', attempts: 2 });
    });

    test('GIVEN a storm of 429s on the channel THEN discord.js waits them out and the briefing goes out once', async () => {
      const b = await start();
      fake.fail({ method: 'POST', path: `/channels/${channel()}/messages`, status: 429, retryAfter: 0.02, times: 15 });
      clock.set(DUE);
      expect((await b.scheduler.runDue(guild())).kind).toBe('sent');
      expect(fake.calls.filter((c) => c.status === 429)).toHaveLength(15);
      expect(partCounts()).toEqual({ 1: 1 });
    });
  });

  describe('with a briefing of three messages', () => {
    beforeEach(() => prepare(25));

    test('GIVEN a first process too slow to renew its lease THEN a second takes over, and every part is in the channel once', async () => {
      const a = await start('slow-process');
      const b = await start('second-process');
      clock.set(DUE);
      fake.postLatencyMs = 150;
      const slow = a.scheduler.runDue(guild());
      await fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${channel()}/messages`);
      // The lease (30 s) runs out before a's heartbeat (every 10 s of real time) comes round
      clock.advance(31_000);
      const [taken] = await b.scheduler.catchUp();
      const [first] = [await slow];
      expect(taken?.kind).toBe('sent');
      expect(first.kind).toBe('busy');
      expect(partCounts()).toEqual({ 1: 1, 2: 1, 3: 1 });
      expect(await b.stores.deliveries.getDelivery(guild(), DAY)).toMatchObject({ status: 'sent', owner: null, attempts: 2 });
    });
  });
});

describe('the fake Discord, as Discord answers', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(() => fake.close());

  test('GIVEN the same nonce twice with enforce_nonce THEN the second post answers with the first message; without it, two messages', () => {
    const post = (body: Record<string, unknown>) => fake.history.post('1', body);
    const first = post({ content: 'a', nonce: 'n1', enforce_nonce: true });
    expect(post({ content: 'a', nonce: 'n1', enforce_nonce: true }).id).toBe(first.id);
    expect(post({ content: 'a', nonce: 'n1' }).id).not.toBe(first.id);
    expect(fake.messagesIn('1')).toHaveLength(2);
    // Another author's nonce is their own
    expect(fake.history.post('1', { content: 'a', nonce: 'n1', enforce_nonce: true }, fake.ids.userId).id).not.toBe(first.id);
  });

  test('GIVEN 250 messages THEN reads page by `after` oldest-first in pages of at most 100, each newest first, and `before` pages back', async () => {
    for (let i = 0; i < 250; i++) fake.say('1', `m${i}`);
    const get = async (query: Record<string, string>) =>
      (await (await fetch(`${fake.apiUrl}/v10${Routes.channelMessages('1')}?${new URLSearchParams(query).toString()}`)).json()) as { id: string; content: string }[];
    const all = fake.messagesIn('1');
    const page = await get({ after: '0', limit: '100' });
    expect(page.map((m) => m.content)).toEqual(
      all
        .slice(0, 100)
        .map((m) => m.content)
        .reverse(),
    );
    const next = await get({ after: page[0]!.id, limit: '500' });
    expect(next.map((m) => m.content).at(-1)).toBe('m100');
    expect(next).toHaveLength(100);
    expect((await get({})).map((m) => m.content)).toEqual(
      all
        .slice(-50)
        .map((m) => m.content)
        .reverse(),
    );
    expect((await get({ before: all[10]!.id as string })).map((m) => m.content)).toEqual(
      all
        .slice(0, 10)
        .map((m) => m.content)
        .reverse(),
    );
  });
});
