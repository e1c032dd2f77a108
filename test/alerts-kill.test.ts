/**
 * A bot process killed (SIGKILL) while a quote alert is being posted, then started again: the
 * alert is neither lost nor doubled. The bot runs as `briefing start` in a child process against
 * the fake Discord; the article arrives through the watched folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStores } from '../src/library/open-stores.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { TEST_TOKEN } from './fake-discord/harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOCHI = path.join(repoRoot, 'test/fixtures/e2e/sochi-2018-09-18.txt');
const TSX = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = path.join(repoRoot, 'test/child-bot.ts');
// Two bot starts from source in a child process, on a shared two-core machine
// …and the wait for the dead process's 30 s lease to run out
const KILL_TEST_TIMEOUT_MS = 120_000;

let dir: string;
let fake: FakeDiscord;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'briefing-kill-'));
  mkdirSync(path.join(dir, 'articles'));
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `briefing start` in a child; resolves once it is logged in. */
let childLog = '';
async function startChild(): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const env = {
    PATH: process.env.PATH,
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: '100000000000000001',
    DISCORD_API_URL: fake.apiUrl,
    BRIEFING_DB: path.join(dir, 'briefing.sqlite'),
    BRIEFING_ARTICLES: path.join(dir, 'articles'),
  };
  // From the repository, as the read pool's workers resolve tsx from there too
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, 'start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      childLog += chunk.toString();
      if (log.includes('Logged in as')) resolve();
    });
    void exited.then((code) => reject(new Error(`the bot exited (${code}) before logging in:\n${log}`)));
  });
  return { child, exited };
}

const channelPosts = (fake: FakeDiscord) => (c: { method: string; path: string }) => c.method === 'POST' && c.path === `/channels/${fake.ids.channelId}/messages`;

test.each([
  ['after Discord made the message', true],
  ['before the post reached Discord', false],
])(
  'GIVEN the bot killed while posting an alert, %s, THEN the restarted bot leaves exactly one alert message',
  async (_when, made) => {
    const seed = openStores(path.join(dir, 'briefing.sqlite'));
    await seed.follows.addFollow({ guildId: fake.ids.guildId, name: 'Putin', channelId: fake.ids.channelId, roleId: null, now: 1 });
    await seed.close();
    fake.hang({ method: 'POST', path: `/channels/${fake.ids.channelId}/messages`, made });

    const first = await startChild();
    copyFileSync(SOCHI, path.join(dir, 'articles', path.basename(SOCHI)));
    const hung = await fake
      .waitFor((c) => channelPosts(fake)(c) && c.status === 0, 30_000)
      .catch((e: Error) => {
        throw new Error(`${e.message}\n${childLog}`);
      });
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fake.messagesIn(fake.ids.channelId)).toHaveLength(made ? 1 : 0);

    const second = await startChild();
    // The dead process's lease (30 s) runs out before the row is taken over; the channel is read first
    const read = (c: { method: string; path: string; status: number }) => c.method === 'GET' && c.path === `/channels/${fake.ids.channelId}/messages` && c.status === 200;
    await fake.waitFor(read, 60_000);
    // Made: found there and recorded, not posted again (the drain on SIGTERM lets the recording finish)
    if (!made) {
      const resent = await fake.waitFor((c) => channelPosts(fake)(c) && c.status === 200, 30_000);
      expect(resent.body.nonce).toBe(hung.body.nonce);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const [message, ...others] = fake.messagesIn(fake.ids.channelId);
    expect(others).toEqual([]);
    expect(fake.postsTo(fake.ids.channelId)).toHaveLength(made ? 0 : 1);
    expect(message.embeds[0].author.name).toMatch(/^2 quotes by Vladimir Putin/);
    const after = openStores(path.join(dir, 'briefing.sqlite'));
    try {
      expect(await after.follows.pendingAlerts()).toEqual([]);
      const follow = (await after.follows.listFollows(fake.ids.guildId))[0]!;
      const article = (await after.articles.findBySource(path.join(dir, 'articles', path.basename(SOCHI))))!;
      expect(await after.follows.getAlert(follow.id, article.id)).toMatchObject({ status: 'sent', messageId: message.id });
    } finally {
      await after.close();
    }
  },
  KILL_TEST_TIMEOUT_MS,
);
