/**
 * Quote alerts with several processes on one archive: two bots (each its own discord.js Client,
 * its own connection to the SQLite file, its own lease owner) against one fake Discord. An alert
 * row is a leased job: one claim wins, and a row whose owner died is taken over once its lease
 * runs out, reading the channel before posting anything.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import { alertNonce, HOUR_MS } from '../src/briefing/alerts.js';
import { renderQuoteAlert } from '../src/discord/render-alert.js';
import { SHARED } from '../src/ingest/destination.js';
import type { Stores } from '../src/library/types.js';
import { startBot, type Bot } from '../src/main.js';
import { fakeClock, openTestLibrary, tempLibraryPath, TEST_TIMINGS, type FakeClock } from './fake-discord/briefing-bot.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';
import { inThreadIngest } from './ingest-harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOCHI = path.join(repoRoot, 'test/fixtures/e2e/sochi-2018-09-18.txt');

let fake: FakeDiscord;
let library: ReturnType<typeof tempLibraryPath>;
let time: FakeClock;
const running: { bot: Bot; stores: Stores }[] = [];
const logs: string[] = [];

beforeEach(async () => {
  fake = await FakeDiscord.start();
  library = tempLibraryPath();
  time = fakeClock('2024-06-01T08:10:00Z');
});
afterEach(async () => {
  for (const { bot, stores } of running.splice(0)) {
    await bot.stop();
    await stores.close();
  }
  await fake.close();
  library.cleanup();
});

/** One bot process on the shared library file. */
async function startProcess(): Promise<{ bot: Bot; stores: Stores }> {
  const stores = openTestLibrary(library.path, time.clock);
  const bot = await startBot({
    config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
    stores,
    ingest: inThreadIngest(stores.articles),
    clock: time.clock,
    log: memoryLogger(logs),
    commands,
    delivery: TEST_TIMINGS,
  });
  running.push({ bot, stores });
  await bot.alerts.idle();
  return { bot, stores };
}

const channel = (): string => fake.ids.channelId;

/** Putin followed and the Sochi article archived without raising its alert: the alert row is logged by hand, pending. */
async function pendingAlert(stores: Stores): Promise<{ followId: number; articleId: number }> {
  const follow = (await stores.follows.addFollow({ guildId: fake.ids.guildId, name: 'Putin', channelId: channel(), roleId: null, now: time.clock().getTime() }))!;
  await inThreadIngest(stores.articles).file(SOCHI, SHARED);
  const articleId = (await stores.articles.findBySource(SOCHI))!.id;
  await stores.follows.logAlerts([{ followId: follow.id, articleId, channelId: channel() }], { hour: 0, perHour: 10, now: time.clock().getTime() });
  return { followId: follow.id, articleId };
}

test('GIVEN two processes resuming the same pending alert at once THEN it is posted once: one claim wins and the other never sends it', async () => {
  const a = await startProcess();
  const b = await startProcess();
  const { followId, articleId } = await pendingAlert(a.stores);

  await Promise.all([a.bot.alerts.resume(), b.bot.alerts.resume()]);
  await Promise.all([a.bot.alerts.idle(), b.bot.alerts.idle()]);

  // Counted as posts, not messages: a second post with the nonce would be folded into one message by Discord
  expect(fake.postsTo(channel())).toHaveLength(1);
  expect(fake.messagesIn(channel())).toHaveLength(1);
  expect(fake.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${channel()}/messages`)).toEqual([]);
  expect(await b.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', messageId: fake.messagesIn(channel())[0].id, attempts: 1, owner: null });
});

test("GIVEN an alert left claimed by a dead process whose message is in the channel, beyond a page of later messages and Discord's nonce memory, THEN after its lease runs out another process records that message and posts nothing", async () => {
  const a = await startProcess();
  const b = await startProcess();
  const { followId, articleId } = await pendingAlert(a.stores);
  expect(await a.stores.follows.claimAlert(followId, articleId, 'dead-process', { leaseMs: TEST_TIMINGS.leaseMs, now: time.clock().getTime() })).not.toBeNull();
  // Readers talk in between, then the dead process's post lands; posted without enforce_nonce, Discord would not fold a repeat into it
  for (let i = 0; i < 150; i++) fake.say(channel(), `message ${i}`);
  const nonce = alertNonce(followId, articleId);
  const post = renderQuoteAlert(
    {
      channelId: channel(),
      roleId: null,
      speaker: { name: 'Vladimir Putin', roles: [] },
      quotes: ['We agreed.'],
      article: { id: articleId, title: 'Sochi', headline: 'Sochi', date: null, url: null },
    },
    nonce,
  );
  const posted = fake.history.post(channel(), { content: post.content, embeds: post.embeds });

  // Still held: neither process may touch it
  await Promise.all([a.bot.alerts.resume(), b.bot.alerts.resume()]);
  expect(await b.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'pending', owner: 'dead-process' });

  time.advance(TEST_TIMINGS.leaseMs);
  await b.bot.alerts.resume();
  await a.bot.alerts.resume();
  expect(fake.postsTo(channel())).toHaveLength(0);
  expect(fake.messagesIn(channel()).filter((m) => m.embeds?.length)).toHaveLength(1);
  expect(await b.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', messageId: posted.id, attempts: 2 });
  // It read past the first page of the channel to find it
  expect(fake.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${channel()}/messages`).length).toBeGreaterThan(1);
});

test('GIVEN an alert left claimed by a dead process that never reached Discord THEN after its lease runs out another process posts it once', async () => {
  const a = await startProcess();
  const { followId, articleId } = await pendingAlert(a.stores);
  await a.stores.follows.claimAlert(followId, articleId, 'dead-process', { leaseMs: TEST_TIMINGS.leaseMs, now: time.clock().getTime() });

  time.advance(TEST_TIMINGS.leaseMs);
  await a.bot.alerts.resume();
  expect(fake.postsTo(channel())).toHaveLength(1);
  expect(await a.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', messageId: fake.messagesIn(channel())[0].id, attempts: 2 });
});

test('GIVEN a process stopped while its alert post is slower than the drain deadline THEN the lease is given back at once, and another process records the message instead of posting again', async () => {
  const a = await startProcess();
  const b = await startProcess();
  const { followId, articleId } = await pendingAlert(a.stores);
  // Discord makes the message but its answer never comes back while the process waits
  fake.hang({ method: 'POST', path: `/channels/${channel()}/messages`, made: true });
  void a.bot.alerts.resume();
  await fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${channel()}/messages`);

  await a.bot.alerts.stop(1);
  expect(await b.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'pending', owner: null, leaseUntil: 0 });

  await b.bot.alerts.resume();
  expect(fake.postsTo(channel())).toHaveLength(0);
  expect(fake.messagesIn(channel())).toHaveLength(1);
  expect(await b.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', messageId: fake.messagesIn(channel())[0].id, attempts: 2 });
});

test('GIVEN a process stopped while its alert post is within the drain deadline THEN the post finishes and is recorded before it stops', async () => {
  const a = await startProcess();
  const { followId, articleId } = await pendingAlert(a.stores);
  fake.postLatencyMs = 100;
  void a.bot.alerts.resume();
  await fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${channel()}/messages`);

  await a.bot.alerts.stop(10_000);
  expect(await a.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', messageId: fake.messagesIn(channel())[0].id, attempts: 1 });
});

test('GIVEN two processes summarizing the same past hour of held alerts at once THEN one summary is posted and the alerts are summarized once', async () => {
  const a = await startProcess();
  const b = await startProcess();
  const follow = (await a.stores.follows.addFollow({ guildId: fake.ids.guildId, name: 'Putin', channelId: channel(), roleId: null, now: time.clock().getTime() }))!;
  await inThreadIngest(a.stores.articles).file(SOCHI, SHARED);
  const articleId = (await a.stores.articles.findBySource(SOCHI))!.id;
  const hour = Math.floor(time.clock().getTime() / HOUR_MS);
  // Over a cap of none: held for the hour's summary
  await a.stores.follows.logAlerts([{ followId: follow.id, articleId, channelId: channel() }], { hour, perHour: 0, now: time.clock().getTime() });
  time.advance(HOUR_MS);

  await Promise.all([a.bot.alerts.resume(), b.bot.alerts.resume()]);
  await Promise.all([a.bot.alerts.idle(), b.bot.alerts.idle()]);
  expect(fake.postsTo(channel())).toHaveLength(1);
  // Kept single by the claim itself: the other process neither posted nor had to read the channel to recover
  expect(fake.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${channel()}/messages`)).toEqual([]);
  expect(await b.stores.follows.getAlert(follow.id, articleId)).toMatchObject({ status: 'summarized', messageId: fake.messagesIn(channel())[0].id, owner: null });
});

test("GIVEN a dead process's alert in a channel the bot may post in but not read THEN the takeover posts it with its nonce and says why it could not check", async () => {
  const a = await startProcess();
  const { followId, articleId } = await pendingAlert(a.stores);
  await a.stores.follows.claimAlert(followId, articleId, 'dead-process', { leaseMs: TEST_TIMINGS.leaseMs, now: time.clock().getTime() });
  fake.fail({ method: 'GET', path: `/channels/${channel()}/messages`, status: 403 });

  time.advance(TEST_TIMINGS.leaseMs);
  await a.bot.alerts.resume();
  const [posted] = fake.postsTo(channel());
  expect(posted?.body.nonce).toBe(alertNonce(followId, articleId));
  expect(await a.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', attempts: 2 });
  expect(logs.some((line) => line.includes('could not read channel') && line.includes('posting with its nonce'))).toBe(true);
});
