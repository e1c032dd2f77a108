/**
 * End to end with nothing faked but Discord: the real discord.js Client, the real SQLite
 * archive in a temporary file and the real engine, reading the seed and a second article.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { importFolder } from '../src/ingest/folder.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { inThreadIngest } from './ingest-harness.js';
import { startBot, type Bot } from '../src/main.js';
import { FakeDiscord, type SentInteraction } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';
import type { OptionInput } from './fake-discord/interactions.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(repoRoot, 'data/articles/idlib-2018-09-17.txt');
const SOCHI = path.join(repoRoot, 'test/fixtures/e2e/sochi-2018-09-18.txt');
const DEFERRED = 5;

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

let dir: string;
let dbPath: string;
let articlesDir: string;
let fake: FakeDiscord;
let stores: Stores | null = null;
let bot: Bot | null = null;
const logs: string[] = [];

function importArticles(lib: Stores) {
  return importFolder(articlesDir, { ingest: inThreadIngest(lib.articles) });
}

/** Opens the archive file and logs a fresh Client in to the fake. */
async function start(): Promise<void> {
  stores = openStores(dbPath, { now: () => Date.UTC(2024, 5, 1, 8) });
  bot = await startBot({ config: { token: TEST_TOKEN, apiUrl: fake.apiUrl }, stores, clock: () => new Date('2024-06-01T08:00:00Z'), log: memoryLogger(logs) });
}

async function stop(): Promise<void> {
  await bot?.stop();
  await stores?.close();
  bot = null;
  stores = null;
}

/** The message a command ends with: the first reply, or the edit after a deferral. */
async function answer(sent: SentInteraction): Promise<{ content?: string; embeds: Embed[] }> {
  const first = await fake.waitForResponse(sent);
  if (first.body.type !== DEFERRED) return first.body.data;
  const edit = await fake.waitForResponse(sent, (c) => c.method === 'PATCH' || (c.method === 'POST' && c.path.startsWith('/webhooks/')));
  return edit.body;
}

const run = (name: string, options: OptionInput[] = []) => answer(fake.command(name, options));
const fieldText = (embed: Embed | undefined) => (embed?.fields ?? []).map((f) => `${f.name}\n${f.value}`).join('\n');

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'briefing-e2e-'));
  dbPath = path.join(dir, 'briefing.sqlite');
  articlesDir = path.join(dir, 'articles');
  mkdirSync(articlesDir);
  copyFileSync(SEED, path.join(articlesDir, path.basename(SEED)));
  copyFileSync(SOCHI, path.join(articlesDir, path.basename(SOCHI)));
  fake = await FakeDiscord.start();
  const lib = openStores(dbPath, { now: () => Date.UTC(2024, 5, 1, 8) });
  const summary = await importArticles(lib);
  await lib.close();
  expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: [] });
  await start();
});

afterEach(async () => {
  await stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bot on the real SQLite archive and the real engine', () => {
  test('GIVEN /quotes speaker:Putin THEN his quotes from both articles come back, newest article first', async () => {
    const [embed] = (await run('quotes', [{ name: 'speaker', value: 'Putin' }])).embeds;
    expect(embed?.title).toMatch(/Putin/);
    const text = fieldText(embed);
    const sochi = text.indexOf('We agreed to create a demilitarised zone');
    const idlib = text.indexOf('The terrorists are making attempts to undermine the ceasefire');
    expect(sochi).toBeGreaterThanOrEqual(0);
    expect(idlib).toBeGreaterThan(sochi);
  });

  test('GIVEN /quotes speaker:erdoğan with the accent THEN Erdogan is found in both spellings', async () => {
    const [embed] = (await run('quotes', [{ name: 'speaker', value: 'erdoğan' }])).embeds;
    expect(embed?.title).toMatch(/Erdo(g|ğ)an/);
    const text = fieldText(embed);
    expect(text).toContain('we have prevented a great humanitarian crisis in Idlib');
    expect(text).toContain('I hope [Putin] will continue the positive stance');
  });

  test('GIVEN /headline without an article THEN the latest article (18 September) is shown', async () => {
    const [embed] = (await run('headline')).embeds;
    expect(embed?.title).toBe('Russia and Turkey agree on a demilitarised zone in Idlib');
    expect(embed?.fields).toContainEqual({ name: 'Date', value: '18 September 2018', inline: true });
  });

  test('GIVEN /facts on the seed THEN its people and resolved dates are listed', async () => {
    const seedId = (await stores!.articles.findBySource(path.join(articlesDir, path.basename(SEED))))!.id;
    const [embed] = (await run('facts', [{ name: 'article', value: String(seedId) }])).embeds;
    expect(embed?.title).toMatch(/^Key facts/);
    const fields = embed?.fields ?? [];
    expect(fields.find((f) => f.name === 'People')?.value ?? '').toContain('Hassan Rouhani');
    expect(fields.find((f) => f.name === 'Dates')?.value ?? '').toContain('7 September 2018');
  });

  test('GIVEN a restart on the same file THEN the same answers come back', async () => {
    const asked = async () => [await run('headline'), await run('quotes', [{ name: 'speaker', value: 'Putin' }]), await run('facts')];
    const before = await asked();
    await stop();
    await start();
    expect(await asked()).toEqual(before);
  });

  test('GIVEN the unchanged folder imported again THEN nothing is created or updated', async () => {
    const summary = await importArticles(stores!);
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: [], changed: [] });
    expect((await stores!.articles.listArticles('all')).total).toBe(2);
  });
});
