/** `briefing start`, `preview`, `deploy` and `ingest`, run in process with an injected environment. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import { main, type CliDeps } from '../src/cli.js';
import { openStores } from '../src/library/open-stores.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { TEST_TOKEN } from './fake-discord/harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(repoRoot, 'data/articles/idlib-2018-09-17.txt');
const SOCHI = path.join(repoRoot, 'test/fixtures/e2e/sochi-2018-09-18.txt');
const CLIENT_ID = '100000000000000001';
const GUILD_ID = '300000000000000003';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'briefing-cli-start-'));
  mkdirSync(path.join(dir, 'data/articles'), { recursive: true });
  copyFileSync(SEED, path.join(dir, 'data/articles', path.basename(SEED)));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `briefing …` in `dir` with `env` and nothing from the real environment. */
async function run(args: string[], env: Record<string, string> = {}, extra: Partial<CliDeps> = {}) {
  let out = '';
  let err = '';
  const code = await main(args, { env, cwd: dir, stdout: (t) => (out += t), stderr: (t) => (err += t), ...extra });
  return { code, out, err };
}

describe('briefing start without a token', () => {
  test('GIVEN the seed in data/articles THEN the offline preview prints the briefing and the article, and exits 0', async () => {
    const { code, out, err } = await run(['start']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('offline preview of 1 article');
    expect(out).toContain('Daily briefing');
    expect(out).toContain('Article 1/1: idlib-2018-09-17.txt');
    expect(out).toContain('Quotes by speaker');
    expect(out).toMatch(/Recep Tayyip Erdogan — Turkish leader/);
    expect(out).toContain('“certain differences in approach” (partial)');
    expect(out).not.toMatch(/undefined|null|\[object|^\s*[{[]/m);
    // Wrapped at 100 columns; only a path too long for a line may stick out
    for (const line of out.split('\n').filter((l) => !l.includes(dir))) expect(line.length).toBeLessThanOrEqual(100);
  });

  test('GIVEN the preview THEN no file is written: the archive is in memory', async () => {
    await run(['preview']);
    expect(existsSync(path.join(dir, 'data/briefing.sqlite'))).toBe(false);
  });

  test('GIVEN two articles THEN the newest comes first and an unreadable file is skipped with its reason', async () => {
    copyFileSync(SOCHI, path.join(dir, 'data/articles', path.basename(SOCHI)));
    writeFileSync(path.join(dir, 'data/articles/empty.txt'), '');
    const { code, out } = await run(['preview']);
    expect(code).toBe(0);
    expect(out).toMatch(/skipped .*empty\.txt: EMPTY_TEXT/);
    expect(out.indexOf('Article 1/2: Russia and Turkey agree')).toBeGreaterThan(0);
    expect(out.indexOf('Article 2/2: idlib-2018-09-17.txt')).toBeGreaterThan(out.indexOf('Article 1/2'));
  });

  test('GIVEN BRIEFING_ARTICLES pointing nowhere THEN it says where it looked and exits 1', async () => {
    const { code, out } = await run(['preview'], { BRIEFING_ARTICLES: 'no/such/folder' });
    expect(code).toBe(1);
    expect(out).toContain(path.join(dir, 'no/such/folder'));
  });
});

describe('bad configuration', () => {
  test('GIVEN a token without a client id and a bad BRIEFING_MAX_BYTES THEN both problems are listed, exit 2, token never printed', async () => {
    const { code, out, err } = await run(['start'], { DISCORD_TOKEN: TEST_TOKEN, BRIEFING_MAX_BYTES: 'lots' });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('2 problems');
    expect(err).toContain('DISCORD_CLIENT_ID is required with DISCORD_TOKEN');
    expect(err).toContain('BRIEFING_MAX_BYTES must be a whole number of bytes, 1 or more, got "lots"');
    expect(err).not.toContain(TEST_TOKEN);
  });

  test('GIVEN the token pasted into DISCORD_CLIENT_ID THEN the error does not echo it', async () => {
    const { code, err } = await run(['deploy'], { DISCORD_CLIENT_ID: TEST_TOKEN });
    expect(code).toBe(2);
    expect(err).toContain('DISCORD_CLIENT_ID must be a Discord id');
    expect(err).not.toContain(TEST_TOKEN);
  });
});

describe('briefing deploy', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(async () => fake.close());
  const env = () => ({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_API_URL: fake.apiUrl });

  test('GIVEN --guild THEN every command is PUT to that guild’s route', async () => {
    const { code, out, err } = await run(['deploy', '--guild', GUILD_ID], env());
    expect(err).toBe('');
    expect(code).toBe(0);
    const put = await fake.waitFor((c) => c.method === 'PUT');
    expect(put.path).toBe(`/applications/${CLIENT_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body.map((c: { name: string }) => c.name)).toEqual(commands.map((c) => c.data.name));
    expect(out).toContain(`Registered ${commands.length} commands in server ${GUILD_ID}`);
  });

  test('GIVEN no --guild and no DISCORD_GUILD_ID THEN the commands are deployed globally', async () => {
    expect((await run(['deploy'], env())).code).toBe(0);
    expect((await fake.waitFor((c) => c.method === 'PUT')).path).toBe(`/applications/${CLIENT_ID}/commands`);
  });

  test('GIVEN DISCORD_GUILD_ID and --global THEN the flag wins', async () => {
    expect((await run(['deploy', '--global'], { ...env(), DISCORD_GUILD_ID: GUILD_ID })).code).toBe(0);
    expect((await fake.waitFor((c) => c.method === 'PUT')).path).toBe(`/applications/${CLIENT_ID}/commands`);
  });

  test('GIVEN no token THEN deploy says what it needs and exits 2 without calling Discord', async () => {
    const { code, err } = await run(['deploy', '--guild', GUILD_ID], { DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(2);
    expect(err).toContain('deploy needs DISCORD_TOKEN and DISCORD_CLIENT_ID');
    expect(fake.calls).toEqual([]);
  });

  test('GIVEN --guild without a server id THEN usage, exit 2', async () => {
    const { code, err } = await run(['deploy', '--guild'], env());
    expect(code).toBe(2);
    expect(err).toContain('--guild needs a server id');
  });

  test('GIVEN Discord refuses THEN exit 1 with Discord’s reason and without the token', async () => {
    fake.fail({ method: 'PUT', path: /commands$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
    const { code, err } = await run(['deploy', '--guild', GUILD_ID], env());
    expect(code).toBe(1);
    expect(err).toContain('Missing Access');
    expect(err).not.toContain(TEST_TOKEN);
  });
});

describe('briefing ingest', () => {
  test('GIVEN two files THEN both are stored in BRIEFING_DB, in the shared collection; ingesting them again changes nothing', async () => {
    const env = { BRIEFING_DB: 'archive.sqlite' };
    const first = await run(['ingest', SEED, SOCHI], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^created #1 .*idlib-2018-09-17\.txt\ncreated #2 Russia and Turkey agree/);
    const again = await run(['ingest', SEED], env);
    expect(again.out).toMatch(/^unchanged #1 /);
    const stores = openStores(path.join(dir, 'archive.sqlite'));
    expect((await stores.articles.listArticles('all')).total).toBe(2);
    expect((await stores.articles.listArticles('shared')).total).toBe(2);
    await stores.close();
  });

  test('GIVEN a missing file and a URL to a private address among good files THEN each failure is reported, the rest stored, exit 1', async () => {
    const { code, out, err } = await run(['ingest', 'nope.txt', 'http://10.0.0.1/a', SEED], { BRIEFING_DB: 'archive.sqlite' });
    expect(code).toBe(1);
    expect(err).toContain('nope.txt: no such file');
    expect(err).toMatch(/http:\/\/10\.0\.0\.1\/a: .*private/i);
    expect(out).toMatch(/created #1 /);
  });

  test('GIVEN a server following Putin THEN a file ingested by name logs its alert for the bot to post, and a folder (a backlog) logs none', async () => {
    const file = path.join(dir, 'archive.sqlite');
    const setup = openStores(file);
    await setup.follows.addFollow({ guildId: '300000000000000003', name: 'Vladimir Putin', channelId: '400000000000000004', roleId: null, now: 1 });
    await setup.close();
    const folder = path.join(dir, 'backlog');
    mkdirSync(folder);
    copyFileSync(SOCHI, path.join(folder, 'sochi.txt'));
    expect((await run(['ingest', folder], { BRIEFING_DB: 'archive.sqlite' })).code).toBe(0);
    const afterFolder = openStores(file);
    expect(await afterFolder.follows.dueAlerts(Date.now() + 60_000)).toEqual([]);
    await afterFolder.close();

    expect((await run(['ingest', SEED], { BRIEFING_DB: 'archive.sqlite' })).code).toBe(0);
    const stores = openStores(file);
    try {
      const seed = (await stores.articles.findBySource(SEED))!;
      // Pending in the archive: the bot's alert service claims and posts it like its own
      expect(await stores.follows.dueAlerts(Date.now() + 60_000)).toMatchObject([{ articleId: seed.id, channelId: '400000000000000004' }]);
    } finally {
      await stores.close();
    }
  });
});
