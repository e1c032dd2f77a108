/**
 * `/follow` and quote alerts end to end: the real discord.js Client against the fake Discord,
 * the real ingest, and the archive in a SQLite file (reopened for a restart).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import { HOUR_MS } from '../src/briefing/alerts.js';
import { guildDestination, SHARED } from '../src/ingest/destination.js';
import { FEED_INTERVAL_MS, pollDueFeeds } from '../src/ingest/feed-poller.js';
import type { IngestService } from '../src/ingest/ingest-service.js';
import type { Stores } from '../src/library/types.js';
import { feedAnnouncer } from '../src/discord/announce-feed.js';
import { startBot, type Bot } from '../src/main.js';
import { fakeClock, openTestLibrary, tempLibraryPath, type FakeClock } from './fake-discord/briefing-bot.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';
import { expectWithinDiscordLimits } from './fake-discord/limits.js';
import { startFixtureServer, type FixtureServer } from './http-fixture-server.js';
import { inThreadIngest } from './ingest-harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(repoRoot, 'data/articles/idlib-2018-09-17.txt');
const SOCHI = path.join(repoRoot, 'test/fixtures/e2e/sochi-2018-09-18.txt');

let server: FixtureServer;
beforeAll(async () => void (server = await startFixtureServer()));
afterAll(async () => server.close());

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

/** A bot on the library file, as `startBot` wires it; the previous one (if any) is stopped first. */
async function start(options: { alertsPerHour?: number } = {}): Promise<{ bot: Bot; stores: Stores; plain: IngestService }> {
  for (const old of running.splice(0)) {
    await old.bot.stop();
    await old.stores.close();
  }
  const stores = openTestLibrary(library.path, time.clock);
  const plain = inThreadIngest(stores.articles);
  const bot = await startBot({
    config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
    stores,
    ingest: plain,
    clock: time.clock,
    log: memoryLogger(logs),
    commands,
    alertsPerHour: options.alertsPerHour,
  });
  running.push({ bot, stores });
  await bot.alerts.idle();
  return { bot, stores, plain };
}

const channel = (): string => fake.ids.channelId;
const alertsPosted = () => fake.messagesIn(channel());

async function follow(name: string, extra: { role?: boolean } = {}): Promise<string> {
  const options = [{ name: 'speaker', value: name }, ...(extra.role ? [{ name: 'role', value: fake.ids.roleId, type: 'role' as const }] : [])];
  const call = await fake.waitForResponse(fake.command('follow', [{ name: 'add', options }]));
  return call.body.data.content as string;
}

test('GIVEN Putin followed before anyone is quoted THEN the reply says so, and adding the seed posts one alert with his quote, headline, date and number', async () => {
  const { bot, stores } = await start();
  expect(await follow('Putin', { role: true })).toMatch(
    /^Nobody named Putin is quoted yet\. Following the name all the same: the first quote will be posted in <#\d+>, mentioning <@&\d+>\./,
  );

  const added = await bot.ingest.file(SEED, SHARED);
  await bot.alerts.idle();
  expect(added.ok).toBe(true);
  const [alert, ...others] = alertsPosted();
  expect(others).toEqual([]);
  const id = (await stores.articles.findBySource(SEED))!.id;
  const embed = alert.embeds[0];
  expect(embed.author.name).toMatch(/by Vladimir Putin/);
  expect(embed.description).toContain('> “');
  // The seed has no title line: its headline is the alert's title
  expect(embed.title).toBe('Erdogan says Moscow and Ankara must work out a ‘positive approach’ to tackle the Idlib crisis');
  expect(embed.fields).toContainEqual({ name: 'Date', value: '17 September 2018', inline: true });
  expect(embed.fields.find((f: { name: string }) => f.name === 'Article').value).toContain(`/quotes article:${id}`);
  const sent = fake.postsTo(channel())[0]!.body;
  expect(sent.content).toContain(`<@&${fake.ids.roleId}>`);
  expect(sent.allowed_mentions).toEqual({ parse: [], roles: [fake.ids.roleId] });
  expectWithinDiscordLimits(sent);
  expect(sent.nonce).toMatch(/^q/);
  expect(sent.enforce_nonce).toBe(true);
});

test('GIVEN an alert sent THEN adding the article again, or a restart, posts no second alert', async () => {
  const { bot } = await start();
  await follow('Putin');
  await bot.ingest.file(SOCHI, SHARED);
  await bot.alerts.idle();
  expect(alertsPosted()).toHaveLength(1);
  expect((await bot.ingest.file(SOCHI, SHARED)).ok).toBe(true);
  await bot.alerts.idle();
  const again = await start();
  await again.bot.alerts.idle();
  expect(alertsPosted()).toHaveLength(1);
});

test('GIVEN "Putin" followed once the archive knows Vladimir Putin THEN the follow takes his full name, and an article with two of his quotes is one message', async () => {
  const { bot } = await start();
  await bot.ingest.file(SEED, SHARED);
  await bot.alerts.idle();
  expect(await follow('putin')).toMatch(/^Following Vladimir Putin: new quotes/);
  await bot.ingest.file(SOCHI, SHARED);
  await bot.alerts.idle();
  const [alert, ...others] = alertsPosted();
  expect(others).toEqual([]);
  expect(alert.embeds[0].author.name).toMatch(/^2 quotes by Vladimir Putin/);
  expect(alert.embeds[0].description).toContain('We agreed to create a demilitarised zone');
  expect(alert.embeds[0].description).toContain('By October 10, all heavy weapons');
  expect(alert.embeds[0].title).toBe('Russia and Turkey agree on a demilitarised zone in Idlib');
  expect(fake.postsTo(channel())[0]!.body.allowed_mentions).toEqual({ parse: [] });
});

test('GIVEN a follow in this server THEN an article another server added raises no alert here', async () => {
  const { bot } = await start();
  await follow('Putin');
  const { readFileSync } = await import('node:fs');
  const added = await bot.ingest.text(readFileSync(SOCHI, 'utf8'), guildDestination('300000000000000999', '200000000000000001'));
  await bot.alerts.idle();
  expect(added.ok && added.value.outcome).toBe('created');
  expect(alertsPosted()).toEqual([]);
});

test('GIVEN a cap of 2 alerts an hour THEN the third article waits, and one summary names it once the hour is over', async () => {
  const { bot, stores } = await start({ alertsPerHour: 2 });
  await follow('Putin');
  const { readFileSync } = await import('node:fs');
  const sochi = readFileSync(SOCHI, 'utf8');
  for (const n of [1, 2, 3]) await bot.ingest.text(`${sochi}\n\nUpdate ${n}.`, SHARED, { title: `Sochi update ${n}` });
  await bot.alerts.idle();
  expect(alertsPosted()).toHaveLength(2);
  await bot.alerts.resume();
  expect(alertsPosted()).toHaveLength(2);

  time.advance(HOUR_MS);
  await bot.alerts.resume();
  const posts = alertsPosted();
  expect(posts).toHaveLength(3);
  const summary = posts[2].embeds[0];
  expect(summary.title).toBe('1 more quote alert');
  const third = (await stores.articles.listArticles('all')).items[0]!;
  expect(summary.description).toContain(`Vladimir Putin: #${third.id} Sochi update 3`);
  expect(summary.description).toContain('at most 2 quote alerts an hour');
  await bot.alerts.resume();
  expect(alertsPosted()).toHaveLength(3);
});

test('GIVEN a process killed after Discord made the alert but before it was recorded THEN once its lease runs out the restart finds the message in the channel and records it, posting nothing again', async () => {
  const first = await start();
  await follow('Putin');
  await first.bot.ingest.file(SOCHI, SHARED);
  await first.bot.alerts.idle();
  expect(alertsPosted()).toHaveLength(1);
  // The state a kill between the post and its record leaves: the log row still pending, claimed by the dead process
  const articleId = (await first.stores.articles.findBySource(SOCHI))!.id;
  const followId = (await first.stores.follows.listFollows(fake.ids.guildId))[0]!.id;
  const db = (await import('better-sqlite3')).default(library.path);
  db.prepare("UPDATE alerts SET status = 'pending', message_id = NULL, owner = 'dead', lease_until = ?").run(time.clock().getTime() + 30_000);
  db.close();
  expect((await first.stores.follows.getAlert(followId, articleId))?.status).toBe('pending');

  const second = await start();
  await second.bot.alerts.idle();
  expect(await second.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'pending', owner: 'dead' });
  time.advance(30_000);
  await second.bot.alerts.resume();
  expect(fake.postsTo(channel())).toHaveLength(1);
  expect(alertsPosted()).toHaveLength(1);
  expect(await second.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'sent', messageId: alertsPosted()[0].id, attempts: 2 });
});

test('GIVEN Discord failing while an alert is posted THEN it stays pending with a backoff, and once that has passed the restart posts it once', async () => {
  const first = await start();
  await follow('Putin');
  fake.fail({ method: 'POST', path: `/channels/${channel()}/messages`, status: 503 });
  await first.bot.ingest.file(SOCHI, SHARED);
  await first.bot.alerts.idle();
  expect(alertsPosted()).toHaveLength(0);
  const [pending] = await first.stores.follows.pendingAlerts();
  expect(pending).toMatchObject({ owner: null, attempts: 1, error: expect.stringContaining('Service Unavailable') });
  expect(pending!.nextAttemptAt).toBeGreaterThan(time.clock().getTime());
  fake.clearFailures();

  const second = await start();
  await second.bot.alerts.idle();
  expect(alertsPosted()).toHaveLength(0);
  time.set(new Date(pending!.nextAttemptAt).toISOString());
  await second.bot.alerts.resume();
  expect(alertsPosted()).toHaveLength(1);
  expect(await second.stores.follows.pendingAlerts()).toEqual([]);
});

test('GIVEN a new feed THEN its first poll (the backlog) raises no alert, and an item of a later poll quoting a followed speaker does', async () => {
  const { bot, stores, plain } = await start();
  await follow('Anders Holm');
  await follow('Petra Imhof');
  server.setChangingFeed(1);
  await stores.feeds.addFeed({ guildId: fake.ids.guildId, url: `${server.base}/changing.xml`, channelId: channel(), now: time.clock().getTime() });
  const poll = () => pollDueFeeds({ ingest: bot.ingest, backlog: plain, feeds: stores.feeds, clock: time.clock });

  const [first] = await poll();
  await bot.alerts.idle();
  expect(first?.status === 'polled' && first.stored.length).toBe(1);
  expect(alertsPosted()).toEqual([]);

  server.setChangingFeed(2);
  time.advance(FEED_INTERVAL_MS);
  const [second] = await poll();
  await bot.alerts.idle();
  expect(second?.status === 'polled' && second.stored.length).toBe(1);
  const [alert, ...others] = alertsPosted();
  expect(others).toEqual([]);
  expect(alert.embeds[0].author.name).toBe('2 quotes by Petra Imhof, railway director');
  expect(alert.embeds[0].url).toBe('https://alpine.example/stories/railway-reopens');
});

/** `/feed add` through the command (it checks the feed first, so it defers), then the answer. */
async function addFeed(options: { name: string; value: string }[]): Promise<string> {
  const sent = fake.command('feed', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/changing.xml` }, ...options] }]);
  const call = await fake.waitForResponse(sent, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
  return JSON.stringify(call.body);
}

/** Polls the feed twice, as the poller does: the backlog at version 1, then version 2 with the railway item. */
async function pollTwice(bot: Bot, stores: Stores, plain: IngestService): Promise<void> {
  const options = { ingest: bot.ingest, backlog: plain, feeds: stores.feeds, clock: time.clock, onNewArticles: feedAnnouncer(bot.client, stores) };
  server.setChangingFeed(1);
  await pollDueFeeds(options);
  server.setChangingFeed(2);
  time.advance(FEED_INTERVAL_MS);
  const [second] = await pollDueFeeds(options);
  expect(second?.status === 'polled' && second.stored.map((a) => a.title)).toEqual(['Mountain railway reopens after landslide']);
}

test('GIVEN a feed filtered on a keyword its new item lacks THEN the item is stored but not announced, and /feed list shows the filter', async () => {
  const { bot, stores, plain } = await start();
  expect(await addFeed([{ name: 'keywords', value: 'ferry, harbour' }])).toContain('Filter: only items with “ferry” or “harbour”');
  await pollTwice(bot, stores, plain);
  expect(fake.messagesIn(channel())).toEqual([]);
  const list = await fake.waitForResponse(fake.command('feed', [{ name: 'list', options: [] }]));
  expect(list.body.data.embeds[0].description).toContain('Filter: only items with “ferry” or “harbour”');
});

test('GIVEN a feed filtered on a speaker its new item quotes THEN that item is announced', async () => {
  const { bot, stores, plain } = await start();
  await addFeed([{ name: 'speakers', value: 'Imhof' }]);
  await pollTwice(bot, stores, plain);
  const [announcement, ...others] = fake.messagesIn(channel());
  expect(others).toEqual([]);
  expect(announcement.embeds[0].description).toContain('Mountain railway reopens after landslide');
});

test('GIVEN /feed filter on a followed feed THEN its filter changes without adding it again, and "none" clears it', async () => {
  await start();
  await addFeed([{ name: 'keywords', value: 'ferry' }]);
  const changed = await fake.waitForResponse(
    fake.command('feed', [
      {
        name: 'filter',
        options: [
          { name: 'url', value: `${server.base}/changing.xml` },
          { name: 'speakers', value: 'Putin' },
        ],
      },
    ]),
  );
  expect(changed.body.data.content).toBe(`${server.base}/changing.xml now announces only items with “ferry”, or quoting Putin.`);
  const cleared = await fake.waitForResponse(
    fake.command('feed', [
      {
        name: 'filter',
        options: [
          { name: 'url', value: `${server.base}/changing.xml` },
          { name: 'keywords', value: 'none' },
          { name: 'speakers', value: 'NONE' },
        ],
      },
    ]),
  );
  expect(cleared.body.data.content).toBe(`${server.base}/changing.xml now announces every new item.`);
});

test('GIVEN /briefing setup with keywords THEN the briefing takes only matching articles, status shows the filter, and setup again without them keeps it', async () => {
  const { bot } = await start();
  await bot.ingest.file(SEED, SHARED);
  await bot.ingest.file(SOCHI, SHARED);
  const setup = (extra: { name: string; value: string }[]) =>
    fake.waitForResponse(
      fake.command('briefing', [
        {
          name: 'setup',
          options: [{ name: 'channel', value: channel(), type: 'channel' as const }, { name: 'time', value: '09:00' }, { name: 'timezone', value: 'UTC' }, ...extra],
        },
      ]),
    );
  expect((await setup([{ name: 'keywords', value: 'mortars' }])).body.data.content).toContain('The briefing takes only items with “mortars”.');
  const show = await fake.waitForResponse(fake.command('briefing', [{ name: 'show', options: [] }]));
  const titles = (show.body.data.embeds as { title?: string }[]).map((e) => e.title ?? '').join('\n');
  expect(titles).toContain('Russia and Turkey agree on a demilitarised zone');
  expect(titles).not.toContain('positive approach');

  await setup([]);
  const status = await fake.waitForResponse(fake.command('briefing', [{ name: 'status', options: [] }]));
  expect(status.body.data.content).toContain('Filter: only items with “mortars”.');
});

test('GIVEN the alert channel deleted THEN the alert is logged as failed with the reason and not tried again', async () => {
  const first = await start();
  await follow('Putin');
  fake.fail({ method: 'POST', path: `/channels/${channel()}/messages`, status: 404, body: { message: 'Unknown Channel', code: 10003 } });
  await first.bot.ingest.file(SOCHI, SHARED);
  await first.bot.alerts.idle();
  const articleId = (await first.stores.articles.findBySource(SOCHI))!.id;
  const followId = (await first.stores.follows.listFollows(fake.ids.guildId))[0]!.id;
  expect(await first.stores.follows.getAlert(followId, articleId)).toMatchObject({ status: 'failed', error: expect.stringContaining('no longer exists') });
  const attempts = fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel()}/messages`).length;
  await start();
  expect(fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel()}/messages`)).toHaveLength(attempts);
});

test('GIVEN the server at its follow limit THEN /follow add refuses with what to do, and /follow list and /unfollow manage the follows', async () => {
  const { stores } = await start();
  for (let i = 0; i < 25; i++) await stores.follows.addFollow({ guildId: fake.ids.guildId, name: `Person ${i}`, channelId: channel(), roleId: null, now: 1 });
  expect(await follow('Putin')).toBe('This server already follows 25 speakers, the most it may. Stop following one with /unfollow speaker: first.');
  const list = await fake.waitForResponse(fake.command('follow', [{ name: 'list', options: [] }]));
  expect(list.body.data.embeds[0].footer.text).toBe('25 of at most 25');
  const choices = await fake.waitForResponse(fake.autocomplete('unfollow', [{ name: 'speaker', value: 'person 1', focused: true }]));
  expect(choices.body.data.choices.map((c: { name: string }) => c.name)).toContain('Person 12');
  const removed = await fake.waitForResponse(fake.command('unfollow', [{ name: 'speaker', value: 'person 3' }]));
  expect(removed.body.data.content).toBe('Stopped following Person 3.');
  expect(await follow('Putin')).toMatch(/^Nobody named Putin is quoted yet/);
});

test('GIVEN "Vladimir Putin" followed THEN /unfollow speaker:Putin typed by hand stops it', async () => {
  const { bot } = await start();
  await bot.ingest.file(SEED, SHARED);
  await follow('Vladimir Putin');
  const removed = await fake.waitForResponse(fake.command('unfollow', [{ name: 'speaker', value: 'putin' }]));
  expect(removed.body.data.content).toBe('Stopped following Vladimir Putin.');
});
