/** `briefing start` with a token: archive, folder import and watch, bot, and a clean shutdown. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { main } from '../src/cli.js';
import { openStores } from '../src/library/open-stores.js';
import { runBot } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(repoRoot, 'data/articles/idlib-2018-09-17.txt');
const SOCHI = path.join(repoRoot, 'test/fixtures/e2e/sochi-2018-09-18.txt');
const CLIENT_ID = '100000000000000001';

let dir: string;
let fake: FakeDiscord;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'briefing-main-'));
  mkdirSync(path.join(dir, 'articles'));
  copyFileSync(SEED, path.join(dir, 'articles', path.basename(SEED)));
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bot's configuration for one run: this test's fake Discord, and the archive and folder in `dir`. */
function botConfig(dbPath = path.join(dir, 'briefing.sqlite')) {
  return {
    token: TEST_TOKEN,
    clientId: CLIENT_ID,
    guildId: null,
    apiUrl: fake.apiUrl,
    dbPath,
    databaseUrl: null,
    articlesDir: path.join(dir, 'articles'),
    maxBytes: 2 ** 21,
    quota: { memberMax: 10, memberWindowMs: 600_000, guildPerDay: 100 },
    briefingMaxItems: 10,
    read: { workers: 1, timeoutMs: 10_000, memoryMb: 256 },
    followsMax: 25,
    alertsPerHour: 10,
    shards: null,
    requestsPerSecond: 50,
    shardProcess: false,
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('GIVEN a token THEN start imports the folder, answers commands, and exits 0 on the shutdown signal without printing the token', async () => {
  let err = '';
  let out = '';
  let signal!: (name: string) => void;
  const shutdown = new Promise<string>((resolve) => (signal = resolve));
  const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_API_URL: fake.apiUrl, BRIEFING_DB: 'db/briefing.sqlite', BRIEFING_ARTICLES: 'articles' };
  const exit = main(['start'], { env, cwd: dir, stdout: (t) => (out += t), stderr: (t) => (err += t), shutdown: () => shutdown });
  await until(() => err.includes('Logged in as'), 'the login');
  const call = await fake.waitForResponse(fake.command('headline'));
  expect(call.body.data.embeds[0].description).toContain('positive approach');
  signal('SIGTERM');
  expect(await exit).toBe(0);
  expect(err).toMatch(/1 new, 0 updated, 0 unchanged/);
  expect(err).toMatch(/SIGTERM: shutting down[\s\S]*Stopped\./);
  expect(`${out}${err}`).not.toContain(TEST_TOKEN);
  expect(existsSync(path.join(dir, 'db/briefing.sqlite'))).toBe(true);
  await fake.gateway.disconnected();
  expect(fake.gateway.connections).toBe(0);
});

test('GIVEN Discord refuses the token THEN start exits 1 with the reason and closes the archive', async () => {
  fake.fail({ path: '/gateway/bot', status: 401, body: { message: '401: Unauthorized', code: 0 } });
  let err = '';
  const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_API_URL: fake.apiUrl, BRIEFING_DB: 'briefing.sqlite', BRIEFING_ARTICLES: 'articles' };
  const code = await main(['start'], { env, cwd: dir, stdout: () => undefined, stderr: (t) => (err += t), shutdown: () => new Promise(() => undefined) });
  expect(code).toBe(1);
  expect(err).toContain('Logging in to Discord failed');
  expect(err).not.toContain(TEST_TOKEN);
});

test('GIVEN the bot running THEN a file added to the folder is imported and answered from', async () => {
  const logs: string[] = [];
  const config = botConfig();
  const running = await runBot(config, { clock: () => new Date('2024-06-01T08:00:00Z'), log: memoryLogger(logs), rescanMs: 200 });
  try {
    expect((await running.stores.articles.listArticles('all')).total).toBe(1);
    copyFileSync(SOCHI, path.join(dir, 'articles', path.basename(SOCHI)));
    await until(async () => (await running.stores.articles.listArticles('all')).total === 2, 'the new file to be imported');
    const call = await fake.waitForResponse(fake.command('headline'));
    expect(call.body.data.embeds[0].title).toBe('Russia and Turkey agree on a demilitarised zone in Idlib');
  } finally {
    await running.stop();
    await running.stop();
  }
});

test('GIVEN a follow and the folder imported at start THEN its old quotes raise no alert, and a file added while running does', async () => {
  const dbPath = path.join(dir, 'briefing.sqlite');
  const before = openStores(dbPath);
  await before.follows.addFollow({ guildId: fake.ids.guildId, name: 'Putin', channelId: fake.ids.channelId, roleId: null, now: 1 });
  await before.close();
  const logs: string[] = [];
  const config = botConfig(dbPath);
  const running = await runBot(config, { clock: () => new Date('2024-06-01T08:00:00Z'), log: memoryLogger(logs), rescanMs: 200 });
  try {
    expect((await running.stores.articles.listArticles('all')).total).toBe(1);
    await running.bot.alerts.idle();
    expect(fake.messagesIn(fake.ids.channelId)).toEqual([]);
    copyFileSync(SOCHI, path.join(dir, 'articles', path.basename(SOCHI)));
    await until(() => fake.messagesIn(fake.ids.channelId).length === 1, 'the alert for the new file');
    expect(fake.messagesIn(fake.ids.channelId)[0].embeds[0].author.name).toMatch(/^2 quotes by Vladimir Putin/);
  } finally {
    await running.stop();
  }
});
