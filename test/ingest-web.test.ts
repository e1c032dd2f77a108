import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { guildDestination, SHARED } from '../src/ingest/destination.js';
import { extractHtml } from '../src/ingest/html.js';
import type { IngestResult } from '../src/ingest/ingest-result.js';
import type { IngestService } from '../src/ingest/ingest-service.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { FIXTURES, startFixtureServer, type FixtureServer } from './http-fixture-server.js';
import { inThreadIngest } from './ingest-harness.js';

let server: FixtureServer;
let stores: Stores;
let ingest: IngestService;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  stores = openStores(':memory:');
  ingest = inThreadIngest(stores.articles);
});
afterEach(async () => await stores.close());

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
/** The stored article of a result that must have succeeded. */
const stored = (result: IngestResult) => {
  if (!result.ok) throw new Error(`expected an article, got ${result.error.code}: ${result.error.message}`);
  return result.value;
};
const ingestUrl = async (url: string) => stored(await ingest.url(url, SHARED));
const ingestFile = async (path: string) => stored(await ingest.file(path, SHARED));

describe('extractHtml', () => {
  test('GIVEN a news page with navigation, comments and scripts THEN only the article is kept, with its metadata', () => {
    const page = extractHtml(fixture('news-page.html'), 'http://127.0.0.1/news-page.html');
    expect(page).toMatchObject({
      title: 'Harbour council approves new ferry line',
      date: '2024-03-05',
      byline: 'By Maria Lindqvist',
      siteName: 'The Coastal Courier',
      url: 'https://courier.example/news/harbour-ferry',
    });
    const text = page.paragraphs.join('\n');
    expect(page.paragraphs[0]).toMatch(/^The harbour council voted on Tuesday/);
    for (const boilerplate of ['Subscribe today', 'Most read', 'waste of taxpayer money', 'All rights reserved', 'trackRead', 'UA-1234', 'font-family', 'Weather']) {
      expect(text).not.toContain(boilerplate);
    }
  });

  test('GIVEN a page whose date is only in JSON-LD THEN datePublished is the date and og:url the URL', () => {
    const page = extractHtml(fixture('json-ld-page.html'), 'http://127.0.0.1/json-ld-page.html');
    expect(page).toMatchObject({ title: 'Mountain railway reopens after landslide', date: '2023-11-14', url: 'https://alpine.example/stories/railway-reopens' });
  });

  test('GIVEN a page with no article THEN NoArticleError says so', () => {
    expect(() => extractHtml('<html><body><nav><a href="/">Home</a></nav></body></html>', 'http://x.example/')).toThrow(/no article/);
  });
});

describe('ingestUrl', () => {
  test('GIVEN a news page THEN it is stored under its canonical URL, its paragraphs apart, and its quotes read', async () => {
    const { outcome, article, reading } = await ingestUrl(`${server.base}/news-page.html`);
    expect(outcome).toBe('created');
    expect(article).toMatchObject({
      source: 'https://courier.example/news/harbour-ferry',
      url: 'https://courier.example/news/harbour-ferry',
      title: 'Harbour council approves new ferry line',
      date: '2024-03-05',
    });
    expect(await stores.articles.getText(article.id)).toContain(
      'waited for,” council chair Anders Holm said after the vote. “We will have the first boats running by the summer.”\n\nThe line will cost',
    );
    expect(reading.quotes.map((q) => [q.text, q.speaker?.name])).toContainEqual(['Nobody has shown us how the running costs will be paid,', 'Lena Berg']);
  });

  test('GIVEN a windows-1252 page THEN its smart quotes and accents decode right and its quotes are found', async () => {
    const { article, reading } = await ingestUrl(`${server.base}/windows-1252-page.html`);
    const text = (await stores.articles.getText(article.id))!;
    expect(text).toContain('“We bake every loaf the way my grandfather taught me,” said owner Émile Garnier');
    expect(text).toContain('prices — “not by a single cent.”');
    expect(text).not.toMatch(/[\u0080-\u009f\ufffd]/);
    expect(article.date).toBe('2022-06-21');
    expect(reading.quotes.length).toBeGreaterThan(0);
  });

  test('GIVEN the same page with utm_* parameters THEN it is stored once and not fetched again', async () => {
    const first = await ingestUrl(`${server.base}/windows-1252-page.html?utm_source=newsletter`);
    const hits = server.hits.get('/windows-1252-page.html');
    const second = await ingestUrl(`${server.base}/windows-1252-page.html?utm_medium=social&fbclid=abc`);
    expect(first).toMatchObject({ outcome: 'created', article: { source: `${server.base}/windows-1252-page.html` } });
    expect(second).toMatchObject({ outcome: 'unchanged', article: { id: first.article.id } });
    expect((await stores.articles.listArticles('all')).total).toBe(1);
    expect(server.hits.get('/windows-1252-page.html')).toBe(hits);
  });

  test('GIVEN a URL whose page names another canonical URL THEN a second visit with utm_* stores nothing new', async () => {
    const first = await ingestUrl(`${server.base}/json-ld-page.html?utm_source=newsletter`);
    const second = await ingestUrl(`${server.base}/json-ld-page.html?utm_medium=social`);
    expect(second).toMatchObject({ outcome: 'unchanged', article: { id: first.article.id, source: 'https://alpine.example/stories/railway-reopens' } });
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN a redirect to the page THEN the page is stored once, keyed by its canonical URL', async () => {
    const first = await ingestUrl(`${server.base}/news-page.html`);
    const second = await ingestUrl(`${server.base}/moved`);
    expect(second).toMatchObject({ outcome: 'unchanged', article: { id: first.article.id } });
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN a plain-text URL THEN the text is read as it is', async () => {
    const { article, reading } = await ingestUrl(`${server.base}/plain-article.txt`);
    expect(article.title).toBe('Fishermen protest new quota rules');
    expect(reading.speakers.map((s) => s.name)).toContain('Nils Ekberg');
  });

  test('GIVEN a 404 THEN nothing is stored and the error names the status', async () => {
    expect(await ingest.url(`${server.base}/gone.html`, SHARED)).toEqual({
      ok: false,
      error: { code: 'HTTP_STATUS', message: `HTTP 404 from ${server.base}/gone.html`, permanent: true },
    });
    expect((await stores.articles.listArticles('all')).total).toBe(0);
  });

  test('GIVEN a redirect to a private address THEN nothing is stored and the refusal says why', async () => {
    expect(await ingest.url(`${server.base}/to-private`, SHARED)).toMatchObject({
      ok: false,
      error: { code: 'FETCH_REFUSED', message: 'refused http://10.0.0.1/admin: private address' },
    });
    expect((await stores.articles.listArticles('all')).total).toBe(0);
  });

  test('GIVEN a javascript: URL THEN it is refused', async () => {
    expect(await ingest.url('javascript:alert(1)', SHARED)).toMatchObject({ ok: false, error: { code: 'FETCH_REFUSED' } });
  });
});

describe('ingestFile and pasted text', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'briefing-ingest-web-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a saved .html file of a page already fetched THEN it is not stored again', async () => {
    const fetched = await ingestUrl(`${server.base}/news-page.html`);
    const path = join(dir, 'saved.html');
    writeFileSync(path, readFileSync(join(FIXTURES, 'news-page.html')));
    const fromFile = await ingestFile(path);
    expect(fromFile).toMatchObject({ outcome: 'unchanged', article: { id: fetched.article.id } });
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN a windows-1252 .html file THEN its meta charset decodes it', async () => {
    const path = join(dir, 'bakery.html');
    writeFileSync(path, readFileSync(join(FIXTURES, 'windows-1252-page.html')));
    const { article } = await ingestFile(path);
    expect(await stores.articles.getText(article.id)).toContain('“There is no secret, only patience.”');
  });

  test('GIVEN a .txt file and then the same text pasted THEN it is stored once', async () => {
    const path = join(dir, 'quota.txt');
    writeFileSync(path, fixture('plain-article.txt'));
    const fromFile = await ingestFile(path);
    const pasted = stored(await ingest.text(fixture('plain-article.txt'), guildDestination('g1', 'u1')));
    expect(fromFile.outcome).toBe('created');
    expect(pasted).toMatchObject({ outcome: 'unchanged', article: { id: fromFile.article.id } });
  });

  test('GIVEN a page saved as .txt, and the same page pasted THEN both are the extracted article, stored once', async () => {
    const path = join(dir, 'bus-lanes.txt');
    writeFileSync(path, fixture('page-saved-as.txt'));
    const fromFile = await ingestFile(path);
    const text = (await stores.articles.getText(fromFile.article.id)) ?? '';
    expect(fromFile.article.title).toBe('Council delays vote on new bus lanes after traders protest');
    expect(text).toContain('"Nobody wants a scheme that empties the town centre," she said.');
    for (const markup of ['<p>', 'svg-icon', 'background-image', 'dataLayer', 'Most read', 'Share on Facebook']) expect(text).not.toContain(markup);
    const pasted = stored(await ingest.text(fixture('page-saved-as.txt'), guildDestination('g1', 'u1')));
    expect(pasted).toMatchObject({ outcome: 'unchanged', article: { id: fromFile.article.id } });
  });

  test('GIVEN a file type the ingest does not read THEN it says which types it reads', async () => {
    const path = join(dir, 'photo.jpg');
    writeFileSync(path, 'x');
    expect(await ingest.file(path, SHARED)).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_TYPE', message: `${path}: only .txt, .md, .markdown, .html, .htm, .xhtml files are read` },
    });
  });
});

describe('ingestTargets (briefing ingest PATH|URL...)', () => {
  test('GIVEN a URL, a folder with a saved page and a missing file THEN each gets a line and the saved page is not stored twice', async () => {
    const { ingestTargets } = await import('../src/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'briefing-inputs-'));
    try {
      writeFileSync(join(dir, 'harbour.html'), readFileSync(join(FIXTURES, 'news-page.html')));
      writeFileSync(join(dir, 'quota.txt'), fixture('plain-article.txt'));
      const reports = await ingestTargets([`${server.base}/news-page.html`, dir, join(dir, 'missing.txt')], ingest);
      expect(reports.map((r) => r.ok)).toEqual([true, true, false]);
      expect(reports[0]!.line).toBe('created #1 Harbour council approves new ferry line (3 quotes)');
      expect(reports[1]!.line).toBe('created 1, updated 0, unchanged 1, failed 0');
      expect(reports[2]!.line).toBe('no such file');
      expect((await stores.articles.listArticles('all')).total).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
