/** `briefing start` with DATABASE_URL: the same bot on PostgreSQL, and no SQLite file. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { main } from '../src/cli.js';
import { openStoresFor } from '../src/library/open-stores-for.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { TEST_TOKEN } from './fake-discord/harness.js';
import { scratchDatabase } from './postgres/scratch.js';

const SEED = path.resolve(import.meta.dirname, '..', 'data', 'articles', 'idlib-2018-09-17.txt');
const CLIENT_ID = '100000000000000001';
const server = inject('postgres');

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!server)('briefing start on PostgreSQL', () => {
  let dir: string;
  let fake: FakeDiscord;
  let target: { url: string; release(): void };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'briefing-main-pg-'));
    mkdirSync(path.join(dir, 'articles'));
    copyFileSync(SEED, path.join(dir, 'articles', path.basename(SEED)));
    fake = await FakeDiscord.start();
    target = await scratchDatabase(server!);
  });
  afterEach(async () => {
    await fake.close();
    target.release();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GIVEN DATABASE_URL THEN start imports the folder into PostgreSQL, answers commands, never logs the password, and writes no SQLite file', async () => {
    // The test server trusts its connections, so any password is accepted, and must not be shown
    const url = new URL(target.url);
    url.password = 's3cret-pw';
    let err = '';
    let signal!: (name: string) => void;
    const shutdown = new Promise<string>((resolve) => (signal = resolve));
    const env = {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_API_URL: fake.apiUrl,
      BRIEFING_DB: 'db/briefing.sqlite',
      BRIEFING_ARTICLES: 'articles',
      DATABASE_URL: url.toString(),
    };
    const exit = main(['start'], { env, cwd: dir, stdout: () => undefined, stderr: (t) => (err += t), shutdown: () => shutdown });
    await until(() => err.includes('Logged in as'), 'the login');
    const call = await fake.waitForResponse(fake.command('headline'));
    expect(call.body.data.embeds[0].description).toContain('positive approach');
    signal('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).toMatch(/Archive PostgreSQL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\S+: 1 new, 0 updated, 0 unchanged/);
    expect(err).not.toContain('s3cret-pw');
    expect(existsSync(path.join(dir, 'db'))).toBe(false);
    const stores = await openStoresFor({ dbPath: 'unused', databaseUrl: target.url });
    try {
      expect((await stores.articles.listArticles('all')).items.map((a) => path.basename(a.source))).toEqual([path.basename(SEED)]);
    } finally {
      await stores.close();
    }
  });
});
