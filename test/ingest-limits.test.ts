/**
 * Hostile and broken input through the one ingest service and its worker pool: pages nested
 * too deep or with too many elements, a reader over its time or memory limit, files too
 * large, empty or binary. Each is refused with a reason; nothing else is lost, and the bot
 * keeps answering.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import { SHARED } from '../src/ingest/destination.js';
import { MAX_DOM_DEPTH, MAX_DOM_ELEMENTS, checkMarkup } from '../src/ingest/dom-limits.js';
import { pollFeed } from '../src/ingest/feed-poller.js';
import { importFolder } from '../src/ingest/folder.js';
import { createIngestService, type IngestService } from '../src/ingest/ingest-service.js';
import { createReadPool, type ReadPool } from '../src/ingest/read-pool.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { startBot, type Bot } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';
import { startFixtureServer, type FixtureServer } from './http-fixture-server.js';
import { inThreadIngest, LOCAL_FETCH } from './ingest-harness.js';

// The configured default: the messages below name it as 2.0 MB
const MAX_BYTES = DEFAULT_MAX_BYTES;
const PARAGRAPH = '<p>The harbour council voted on Tuesday to approve a new ferry line between the old town and the islands, after two years of debate about its cost.</p>';

/** `<div>` nested `depth` deep around a real article: ≈100 KB for 20,000. */
const nestedPage = (depth: number) => `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}${PARAGRAPH.repeat(4)}</body></html>`;

let server: FixtureServer;
let pool: ReadPool;
beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/nested-20k.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(nestedPage(20_000)));
  server.route('/nested-100k.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(nestedPage(100_000)));
  pool = createReadPool({ workers: 1, timeoutMs: 20_000, memoryMb: 256 });
  // The first task starts the worker (and, under vitest, compiles it): not what is timed here
  await pool.read('warm', {});
});
afterAll(async () => {
  await pool.close();
  await server.close();
});

let stores: Stores;
let ingest: IngestService;
let dir: string;
beforeEach(() => {
  stores = openStores(':memory:');
  ingest = createIngestService({ sink: stores.articles, reader: pool, maxBytes: MAX_BYTES, fetch: LOCAL_FETCH });
  dir = mkdtempSync(join(tmpdir(), 'briefing-limits-'));
});
afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkMarkup', () => {
  test.each([
    ['sibling paragraphs without end tags', `${'<p>text'.repeat(5_000)}`],
    ['list items without end tags', `<ul>${'<li>item'.repeat(5_000)}</ul>`],
    ['void elements and self-closing tags', `${'<br><img src=x><meta charset=utf-8><path/>'.repeat(2_000)}`],
    ['a script full of tags', `<script>${'<div>'.repeat(10_000)}</script><p>after</p>`],
  ])('GIVEN %s THEN the page is not counted as deep', (_what, html) => {
    expect(() => checkMarkup(html)).not.toThrow();
  });

  test('GIVEN one level too many THEN TOO_DEEP; more elements than the limit THEN TOO_MANY_ELEMENTS', () => {
    expect(() => checkMarkup('<div>'.repeat(MAX_DOM_DEPTH - 1))).not.toThrow();
    expect(() => checkMarkup('<div>'.repeat(MAX_DOM_DEPTH + 1))).toThrow(`more than ${MAX_DOM_DEPTH} deep`);
    expect(() => checkMarkup('<span></span>'.repeat(MAX_DOM_ELEMENTS + 1))).toThrow(`more than ${MAX_DOM_ELEMENTS} elements`);
  });
});

describe('pages over the limits, through the worker pool', () => {
  test.each([
    ['20,000', '/nested-20k.html'],
    ['100,000', '/nested-100k.html'],
  ])('GIVEN a page of %s nested divs THEN it is refused as too deep and nothing is stored', async (_n, path) => {
    const result = await ingest.url(`${server.base}${path}`, SHARED);
    expect(result).toEqual({ ok: false, error: { code: 'TOO_DEEP', message: `the page nests elements more than ${MAX_DOM_DEPTH} deep`, permanent: true } });
    expect((await stores.articles.listArticles('all')).total).toBe(0);
  });

  test('GIVEN a saved page with more elements than the limit THEN TOO_MANY_ELEMENTS', async () => {
    const path = join(dir, 'crowded.html');
    writeFileSync(path, `<html><body>${'<span>x</span>'.repeat(MAX_DOM_ELEMENTS + 10)}</body></html>`);
    expect(await ingest.file(path, SHARED)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ELEMENTS' } });
  });

  test('GIVEN a reader over its time limit THEN TIMEOUT, and the pool reads the next article after it', async () => {
    const slow = createReadPool({ workers: 1, timeoutMs: 1, memoryMb: 256 });
    try {
      const service = createIngestService({ sink: stores.articles, reader: slow, maxBytes: MAX_BYTES });
      const result = await service.text(`${'“We will open on Sundays,” librarian Ruth Baumann said. '.repeat(2_000)}`, SHARED);
      expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: 'reading it took longer than the 0.001 s limit', permanent: true } });
    } finally {
      await slow.close();
    }
    const next = await ingest.text('“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.', SHARED);
    expect(next.ok).toBe(true);
  });

  test('GIVEN a reader over its memory limit THEN OUT_OF_MEMORY, not a crash', async () => {
    const small = createReadPool({ workers: 1, timeoutMs: 20_000, memoryMb: 8 });
    try {
      const service = createIngestService({ sink: stores.articles, reader: small, maxBytes: MAX_BYTES });
      const result = await service.text('“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.', SHARED);
      expect(result).toMatchObject({ ok: false, error: { code: 'OUT_OF_MEMORY', permanent: true } });
    } finally {
      await small.close();
    }
  });

  test('GIVEN a feed whose item links a page nested too deep THEN the item is refused for good and not fetched again', async () => {
    server.route(
      '/deep-feed.xml',
      (_req, res) =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<rss version="2.0"><channel><title>Deep</title>
        <item><link>${server.base}/nested-20k.html</link><guid>deep</guid></item>
        <item><link>${server.base}/json-ld-page.html</link><guid>ok</guid></item></channel></rss>`,
        ),
    );
    const feed = (await stores.feeds.addFeed({ guildId: 'g1', url: `${server.base}/deep-feed.xml`, channelId: null, now: 0 }))!;
    const options = { ingest, feeds: stores.feeds, clock: () => new Date(0) };
    const first = await pollFeed(feed, options);
    expect(first).toMatchObject({ status: 'polled', stored: [{ title: 'Mountain railway reopens after landslide' }] });
    expect(first.status === 'polled' && first.itemErrors).toEqual([`${server.base}/nested-20k.html: the page nests elements more than ${MAX_DOM_DEPTH} deep`]);
    const hits = server.hits.get('/nested-20k.html');
    await pollFeed((await stores.feeds.getFeed(feed.id))!, options);
    expect(server.hits.get('/nested-20k.html')).toBe(hits);
  });
});

describe('files that are too large, empty or binary', () => {
  test('GIVEN a 20 MB file, an empty one and a binary one among good ones THEN each is refused with its code and the good ones are stored', async () => {
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(20 * 1024 * 1024, 'a'));
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    writeFileSync(join(dir, 'pier.txt'), 'Pier to be rebuilt\n\n“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.\n');
    const before = await ingest.text('“We will open on Sundays,” librarian Ruth Baumann said on Monday.', SHARED);
    const summary = await importFolder(dir, { ingest });
    expect(summary.failed.map((f) => [f.file.slice(dir.length + 1), f.reason])).toEqual([
      ['binary.txt', 'BINARY: file contains NUL bytes: it is binary, not text'],
      ['empty.md', 'EMPTY_TEXT: file is empty: there is no text to read'],
      ['huge.txt', 'TOO_LARGE: file is 20.0 MB, over the 2.0 MB limit'],
    ]);
    expect(summary.created).toBe(1);
    expect((await stores.articles.listArticles('all')).items.map((a) => a.title).sort()).toEqual([before.ok && before.value.article.title, 'Pier to be rebuilt'].sort());
  });

  test('GIVEN a URL whose body is far over the size limit THEN TOO_LARGE, read no further than the limit', async () => {
    expect(await ingest.url(`${server.base}/huge`, SHARED)).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: `body is over the ${MAX_BYTES} byte limit: ${server.base}/huge` },
    });
    expect(server.hugeBytesSent()).toBeLessThan(MAX_BYTES * 4);
  });
});

describe('an engine that overflows its stack', () => {
  test('GIVEN input the engine recurses on too deeply THEN TOO_DEEP, not a crash', async () => {
    const recurse = (n: number): number => (n <= 0 ? 0 : 1 + recurse(n - 1));
    const service = inThreadIngest(stores.articles, () => ({ ok: true, value: { depth: recurse(1e7) } as never }));
    expect(await service.text('(((((((((((deep)))))))))))', SHARED)).toMatchObject({
      ok: false,
      error: { code: 'TOO_DEEP', message: 'the text is nested too deeply to read (the reader ran out of stack)' },
    });
  });
});

describe('/article add url: of a hostile page, through the real discord.js client', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
    bot = await startBot({ config: { token: TEST_TOKEN, apiUrl: fake.apiUrl }, stores, ingest, clock: () => new Date('2024-06-01T08:00:00Z'), log: memoryLogger([]), commands });
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
  });

  // How fast they are answered meanwhile is measured in bench/ingest-lag.ts, not asserted here
  test('GIVEN a page of 20,000 nested divs THEN other commands sent meanwhile are answered, and the answer is a clear private refusal', async () => {
    await ingest.text('Pier to be rebuilt\n\n“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.\n', SHARED);
    const adding = fake.command('article', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/nested-20k.html` }] }]);
    const others = Array.from({ length: 5 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 100));
      const answer = await fake.waitForResponse(fake.command('headline'));
      return answer.body.data.embeds[0].title as string;
    });
    for (const title of await Promise.all(others)) expect(title).toContain('Pier to be rebuilt');
    // Private from the first callback: the deferral itself is ephemeral, and the refusal fills it
    const deferral = await fake.waitForResponse(adding);
    expect(deferral.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await fake.waitForResponse(adding, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    expect(answer.body.content).toBe(`Could not add <${server.base}/nested-20k.html>: the page nests elements more than ${MAX_DOM_DEPTH} deep.`);
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });
});
