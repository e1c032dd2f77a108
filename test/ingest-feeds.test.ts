import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { backoffMs, MAX_BACKOFF_MS, pollDueFeeds, pollFeed, startFeedPoller, type FeedPollOptions } from '../src/ingest/feed-poller.js';
import { parseFeed } from '../src/ingest/feeds.js';
import { SHARED } from '../src/ingest/destination.js';
import type { Feed } from '../src/library/feed-store.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import type { StoredArticle } from '../src/library/types.js';
import { FIXTURES, startFixtureServer, type FixtureServer } from './http-fixture-server.js';
import { inThreadIngest } from './ingest-harness.js';

const MINUTE = 60_000;
const INTERVAL = 15 * MINUTE;

let server: FixtureServer;
beforeAll(async () => void (server = await startFixtureServer()));
afterAll(async () => server.close());

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').replaceAll('{{base}}', 'https://feeds.example');

describe('parseFeed', () => {
  test('GIVEN an RSS 2.0 feed THEN each item has its guid, clean link, title and date, and no full text', () => {
    const feed = parseFeed(fixture('rss.xml'));
    expect(feed).toMatchObject({ kind: 'rss', title: 'The Coastal Courier' });
    expect(feed.items).toEqual([
      { key: 'courier-1001', link: 'https://feeds.example/news-page.html', title: 'Harbour council approves new ferry line', date: '2024-03-05', paragraphs: [] },
      { key: 'courier-1002', link: 'https://feeds.example/json-ld-page.html', title: 'Mountain railway reopens after landslide', date: '2023-11-14', paragraphs: [] },
    ]);
  });

  test('GIVEN an Atom feed THEN an entry with the whole article keeps its paragraphs and a summary-only entry keeps none', () => {
    const feed = parseFeed(fixture('atom.xml'));
    expect(feed).toMatchObject({ kind: 'atom', title: 'Valley Notes' });
    const [stores, bakery] = feed.items;
    expect(stores).toMatchObject({ key: 'tag:valley.example,2024:library-sundays', link: 'https://feeds.example/articles/library-sundays', date: '2024-04-02' });
    expect(stores!.paragraphs).toHaveLength(4);
    expect(stores!.paragraphs[1]).toBe(
      '“Sunday is the only day many families have time to read together,” head librarian Ruth Baumann said after the decision. “We want the doors open when people are free.”',
    );
    expect(bakery).toMatchObject({ link: 'https://feeds.example/windows-1252-page.html', paragraphs: [] });
  });

  test('GIVEN an item with only a permalink guid, and one with a relative link THEN both get a clean absolute link', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>T</title>
      <item><guid>https://x.example/a?utm_source=rss</guid><title>A</title></item>
      <item><link>/b</link><title>B</title></item></channel></rss>`,
      'https://feeds.example/rss.xml',
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://x.example/a', 'https://feeds.example/b']);
  });

  test('GIVEN an RSS 1.0 (RDF) feed THEN its items are read too', () => {
    const feed = parseFeed(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel><title>Rdf News</title></channel><item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link></item></rdf:RDF>`);
    expect(feed).toMatchObject({ title: 'Rdf News', items: [{ key: 'https://r.example/1', link: 'https://r.example/1', title: 'One' }] });
  });

  test.each([
    ['an HTML page', '<html><body><p>hello</p></body></html>', /neither RSS nor Atom/],
    ['RSS without a channel', '<rss version="2.0"></rss>', /without a <channel>/],
  ])('GIVEN %s THEN FeedParseError says what is wrong', (_what, xml, message) => {
    expect(() => parseFeed(xml)).toThrow(message);
  });
});

describe('backoffMs', () => {
  test('GIVEN failures in a row THEN the wait doubles up to six hours', () => {
    expect([1, 2, 3].map((n) => backoffMs(INTERVAL, n) / MINUTE)).toEqual([30, 60, 120]);
    expect(backoffMs(INTERVAL, 20)).toBe(MAX_BACKOFF_MS);
  });
});

describe('polling feeds against a local server', () => {
  let stores: Stores;
  let now: number;
  let announced: { feed: Feed; articles: StoredArticle[] }[];
  let options: FeedPollOptions;
  const add = async (path: string, guildId = 'g1'): Promise<Feed> => (await stores.feeds.addFeed({ guildId, url: `${server.base}${path}`, channelId: 'c1', now }))!;

  beforeEach(() => {
    stores = openStores(':memory:');
    now = Date.UTC(2024, 5, 1, 8);
    announced = [];
    options = {
      ingest: inThreadIngest(stores.articles),
      feeds: stores.feeds,
      clock: () => new Date(now),
      intervalMs: INTERVAL,
      onNewArticles: (feed, articles) => void announced.push({ feed, articles }),
    };
  });
  afterEach(async () => await stores.close());

  test('GIVEN a new RSS feed THEN the first poll stores its items, fetched as pages, and announces nothing', async () => {
    await add('/rss.xml');
    const [result] = await pollDueFeeds(options);
    expect(result).toMatchObject({ status: 'polled', announced: false });
    const titles = (await stores.articles.listArticles('all')).items.map((a) => a.title).sort();
    expect(titles).toEqual(['Harbour council approves new ferry line', 'Mountain railway reopens after landslide']);
    expect(announced).toEqual([]);
    expect((await stores.feeds.listFeeds('g1'))[0]).toMatchObject({ title: 'The Coastal Courier', primed: true, nextPollAt: now + INTERVAL, lastError: null });
  });

  test('GIVEN an Atom feed THEN the full-text entry is stored from the feed and the summary entry from its page', async () => {
    await add('/atom.xml');
    await pollDueFeeds(options);
    expect(server.hits.get('/articles/library-sundays')).toBeUndefined();
    const sundays = (await stores.articles.listArticles('all', { search: 'Sundays' })).items[0]!;
    expect(sundays).toMatchObject({ source: `${server.base}/articles/library-sundays`, date: '2024-04-02' });
    expect((await stores.articles.getReading('all', sundays.id))!.speakers.map((s) => s.name)).toContain('Ruth Baumann');
    expect((await stores.articles.listArticles('all', { search: 'baguette' })).total).toBe(1);
  });

  test('GIVEN a feed that changes THEN the second poll stores and announces only the new item', async () => {
    server.setChangingFeed(1);
    await add('/changing.xml');
    await pollDueFeeds(options);
    expect((await stores.articles.listArticles('all')).total).toBe(1);
    server.setChangingFeed(2);
    now += INTERVAL;
    const [second] = await pollDueFeeds(options);
    expect(second).toMatchObject({ status: 'polled', announced: true });
    expect(announced).toHaveLength(1);
    expect(announced[0]!.articles.map((a) => a.title)).toEqual(['Mountain railway reopens after landslide']);
    expect((await stores.articles.listArticles('all')).total).toBe(2);
  });

  test('GIVEN announcing fails THEN the feed is not counted as broken and the failure is logged', async () => {
    const warnings: string[] = [];
    server.setChangingFeed(1);
    await add('/changing.xml');
    await pollDueFeeds(options);
    server.setChangingFeed(2);
    now += INTERVAL;
    const [second] = await pollDueFeeds({ ...options, log: { info: () => {}, warn: (m) => warnings.push(m) }, onNewArticles: () => Promise.reject(new Error('Unknown Channel')) });
    expect(second).toMatchObject({ status: 'polled', announced: true });
    expect((await stores.feeds.listFeeds('g1'))[0]).toMatchObject({ failures: 0, lastError: null });
    expect(warnings).toEqual([`feed ${server.base}/changing.xml: announcing 1 new article(s) failed: Unknown Channel`]);
  });

  test('GIVEN an unchanged feed THEN the conditional request gets a 304 and nothing is done', async () => {
    server.setChangingFeed(1);
    await add('/changing.xml');
    await pollDueFeeds(options);
    const pageHits = server.hits.get('/news-page.html');
    now += INTERVAL;
    const [second] = await pollDueFeeds(options);
    expect(second!.status).toBe('not-modified');
    expect(server.headersOf('/changing.xml').at(-1)!['if-none-match']).toBe('"v1"');
    expect(server.hits.get('/news-page.html')).toBe(pageHits);
    expect((await stores.feeds.listFeeds('g1'))[0]!.nextPollAt).toBe(now + INTERVAL);
  });

  test('GIVEN a feed that is not due THEN it is not polled', async () => {
    await add('/rss.xml');
    await pollDueFeeds(options);
    now += INTERVAL - 1;
    expect(await pollDueFeeds(options)).toEqual([]);
  });

  test('GIVEN a broken feed THEN its last error is kept and it backs off, then recovers', async () => {
    const feed = await add('/feed-that-is-gone.xml');
    const [first] = await pollDueFeeds(options);
    expect(first).toMatchObject({ status: 'failed', error: `HTTP 404 from ${server.base}/feed-that-is-gone.xml` });
    expect(await stores.feeds.getFeed(feed.id)).toMatchObject({ failures: 1, nextPollAt: now + 2 * INTERVAL, lastError: first!.status === 'failed' ? first!.error : '' });
    now += 2 * INTERVAL;
    await pollDueFeeds(options);
    expect(await stores.feeds.getFeed(feed.id)).toMatchObject({ failures: 2, nextPollAt: now + 4 * INTERVAL });
    server.route(
      '/feed-that-is-gone.xml',
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('changing-feed-1.xml').replaceAll('https://feeds.example', server.base)),
    );
    now += 4 * INTERVAL;
    await pollDueFeeds(options);
    expect(await stores.feeds.getFeed(feed.id)).toMatchObject({ failures: 0, lastError: null, nextPollAt: now + INTERVAL });
  });

  test('GIVEN a feed that is an HTML page THEN the error says it is not a feed', async () => {
    await add('/news-page.html');
    const [result] = await pollDueFeeds(options);
    expect(result).toMatchObject({ status: 'failed', error: 'a <html> document is neither RSS nor Atom' });
  });

  test('GIVEN the same article from two feeds, a URL and a file THEN it is stored once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-feeds-'));
    try {
      await add('/rss.xml');
      await add('/changing.xml', 'g2');
      server.setChangingFeed(1);
      await pollDueFeeds(options);
      await options.ingest.url(`${server.base}/news-page.html?utm_source=twitter&gclid=x`, SHARED);
      const path = join(dir, 'harbour.html');
      writeFileSync(path, readFileSync(join(FIXTURES, 'news-page.html')));
      await options.ingest.file(path, SHARED);
      expect((await stores.articles.listArticles('all', { search: 'ferry' })).total).toBe(1);
      expect((await stores.articles.listArticles('all')).total).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("GIVEN a feed followed in g1 THEN its items are g1's: another server does not see them", async () => {
    await add('/rss.xml');
    await pollDueFeeds(options);
    expect((await stores.articles.listArticles({ guildId: 'g1' })).total).toBe(2);
    expect((await stores.articles.listArticles({ guildId: 'g2' })).total).toBe(0);
    expect((await stores.articles.listArticles('shared')).total).toBe(0);
  });

  test('GIVEN g2 follows a feed whose new item g1 stored first THEN it is stored once, linked to g2 and announced in g2 too', async () => {
    server.setChangingFeed(1);
    await add('/changing.xml', 'g1');
    await add('/changing.xml', 'g2');
    await pollDueFeeds(options);
    server.setChangingFeed(2);
    now += INTERVAL;
    await pollDueFeeds(options);
    expect((await stores.articles.listArticles('all')).total).toBe(2);
    expect(announced.map((a) => [a.feed.guildId, a.articles.map((x) => x.title)])).toEqual([
      ['g1', ['Mountain railway reopens after landslide']],
      ['g2', ['Mountain railway reopens after landslide']],
    ]);
    expect((await stores.articles.listArticles({ guildId: 'g2' }, { search: 'railway' })).total).toBe(1);
  });

  test('GIVEN a running poller THEN pollNow polls due feeds and stop waits for it', async () => {
    await add('/rss.xml');
    const poller = startFeedPoller(options);
    const results = await poller.pollNow();
    await poller.stop();
    expect(results.map((r) => r.status)).toEqual(['polled']);
    expect(await poller.pollNow()).toEqual([]);
  });

  test('GIVEN a page in a feed that is down THEN the other items are stored and it is tried again next poll; a page that is gone is not', async () => {
    server.route('/down.html', (_req, res) => void res.writeHead(503).end());
    server.route(
      '/flaky.xml',
      (_req, res) =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<rss version="2.0"><channel><title>Flaky</title>
        <item><link>${server.base}/down.html</link><guid>down</guid></item>
        <item><link>${server.base}/gone.html</link><guid>gone</guid></item>
        <item><link>${server.base}/json-ld-page.html</link><guid>ok</guid></item></channel></rss>`,
        ),
    );
    const feed = await add('/flaky.xml');
    const result = await pollFeed(feed, options);
    expect(result).toMatchObject({ status: 'polled', stored: [{ title: 'Mountain railway reopens after landslide' }] });
    expect(result.status === 'polled' && result.itemErrors).toEqual([
      `${server.base}/gone.html: HTTP 404 from ${server.base}/gone.html`,
      `${server.base}/down.html: HTTP 503 from ${server.base}/down.html`,
    ]);
    expect(await Promise.all(['down', 'gone', 'ok'].map(async (key) => await stores.feeds.hasSeen(feed.id, key)))).toEqual([false, true, true]);
  });
});

describe('feed polls as leased jobs, several processes on one database', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'briefing-feed-lease-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN two processes polling the same due feed at once THEN it is fetched and stored once, and announced once', async () => {
    const file = join(dir, 'briefing.sqlite');
    const now = Date.UTC(2024, 5, 1, 8);
    const a = openStores(file);
    const b = openStores(file);
    try {
      const url = `${server.base}/rss.xml?lease-test`;
      const feed = (await a.feeds.addFeed({ guildId: 'g1', url, channelId: 'c1', now }))!;
      const options = (stores: Stores, owner: string): FeedPollOptions => ({
        ingest: inThreadIngest(stores.articles),
        feeds: stores.feeds,
        clock: () => new Date(now),
        intervalMs: INTERVAL,
        owner,
      });
      const before = server.hits.get('/rss.xml') ?? 0;
      const results = await Promise.all([pollDueFeeds(options(a, 'process-a')), pollDueFeeds(options(b, 'process-b'))]);
      expect(results.flat().map((r) => r.status)).toEqual(['polled']);
      expect((server.hits.get('/rss.xml') ?? 0) - before).toBe(1);
      expect((await a.articles.listArticles('all')).total).toBe(2);
      expect(await b.feeds.getFeed(feed.id)).toMatchObject({ primed: true, nextPollAt: now + INTERVAL });
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('GIVEN a process that died holding a feed THEN the feed waits for the lease to run out, and then another process polls it', async () => {
    const stores = openStores(':memory:');
    try {
      let now = Date.UTC(2024, 5, 1, 8);
      const feed = (await stores.feeds.addFeed({ guildId: 'g1', url: `${server.base}/rss.xml?dead-owner`, channelId: 'c1', now }))!;
      expect(await stores.feeds.claimFeed(feed.id, 'dead-process', now, 60_000)).not.toBeNull();
      const options: FeedPollOptions = {
        ingest: inThreadIngest(stores.articles),
        feeds: stores.feeds,
        clock: () => new Date(now),
        intervalMs: INTERVAL,
        owner: 'live-process',
        leaseMs: 60_000,
      };
      expect(await pollDueFeeds(options)).toEqual([]);
      now += 60_000;
      expect((await pollDueFeeds(options)).map((r) => r.status)).toEqual(['polled']);
      expect((await stores.articles.listArticles('all')).total).toBe(2);
    } finally {
      await stores.close();
    }
  });
});
