/**
 * Polls the feeds guilds follow: conditional requests (a 304 does nothing), new items
 * stored (fetched as web pages when the feed carries only a summary), and a broken feed
 * backs off exponentially with its last error kept for `/feed list`.
 */
import type { Feed, FeedStore } from '../library/feed-store.js';
import type { ArticleStore, StoredArticle } from '../library/types.js';
import { parseFeed, type FeedItem } from './feeds.js';
import { findKnownUrl, ingestUrl, storePage, type Ingested, type IngestOptions, type ReadText } from './ingest.js';
import { NoArticleError } from './html.js';
import { ArticleReadError } from './ingest.js';
import { FetchLimitError, FetchRefusedError, HttpStatusError, safeFetch, type SafeFetchOptions } from './safe-fetch.js';

/** How often a healthy feed is polled unless the caller says otherwise. */
export const FEED_INTERVAL_MS = 15 * 60_000;
/** A broken feed is retried at most this far apart. */
export const MAX_BACKOFF_MS = 6 * 60 * 60_000;
/** A feed of thousands of items is an archive dump; the newest this many are read. */
export const MAX_ITEMS_PER_POLL = 50;

export interface FeedLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface FeedPollOptions {
  articles: ArticleStore;
  feeds: FeedStore;
  /** The current time; tests fix it. */
  clock: () => Date;
  log?: FeedLog;
  intervalMs?: number;
  /** Safety limits; tests allow 127.0.0.1 here. */
  fetchOptions?: SafeFetchOptions;
  read?: ReadText;
  /** New articles after the first poll of a feed; the caller announces them. */
  onNewArticles?: (feed: Feed, articles: StoredArticle[]) => void | Promise<void>;
}

export type PollResult =
  | { feed: Feed; status: 'not-modified' }
  | { feed: Feed; status: 'polled'; stored: StoredArticle[]; announced: boolean; itemErrors: string[] }
  | { feed: Feed; status: 'failed'; error: string };

/** The wait before the next poll after `failures` failures in a row: doubling, capped. */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** Math.max(0, failures), Math.max(MAX_BACKOFF_MS, intervalMs));
}

/** A feed's items join the collection of the server that follows it. */
const ingestOptions = (feed: Feed, options: FeedPollOptions): IngestOptions => ({
  articles: options.articles,
  destination: { collection: 'guild', guildId: feed.guildId, addedBy: null },
  read: options.read,
  fetch: options.fetchOptions,
});

/** One item to one article: the feed's own text when it has the whole article, else its link. */
async function ingestItem(feed: Feed, item: FeedItem, options: IngestOptions): Promise<Ingested | null> {
  if (item.link) {
    const already = findKnownUrl(options, item.link);
    if (already) return already;
  }
  if (item.paragraphs.length > 0) {
    const page = { title: item.title, date: item.date, byline: null, siteName: null, url: item.link, paragraphs: item.paragraphs };
    return storePage(page, `feed:${feed.url}#${item.key}`, options);
  }
  return item.link ? ingestUrl(item.link, options) : null;
}

/** A page that is gone, refused or has no article will not get better by asking again. */
function isPermanent(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
  if (error instanceof FetchLimitError) return !error.message.startsWith('no complete answer');
  return error instanceof FetchRefusedError || error instanceof NoArticleError || error instanceof ArticleReadError;
}

async function storeItems(feed: Feed, items: FeedItem[], options: FeedPollOptions): Promise<{ stored: StoredArticle[]; itemErrors: string[] }> {
  const stored: StoredArticle[] = [];
  const itemErrors: string[] = [];
  // Feeds list the newest first; the archive takes them in the order they were published
  for (const item of items.slice(0, MAX_ITEMS_PER_POLL).reverse()) {
    if (options.feeds.hasSeen(feed.id, item.key)) continue;
    try {
      const ingested = await ingestItem(feed, item, ingestOptions(feed, options));
      options.feeds.markSeen(feed.id, item.key, ingested?.article.id ?? null);
      // New to this server's collection is news here, even when another server's feed stored it first
      if (ingested && (ingested.outcome === 'created' || ingested.joined)) stored.push(ingested.article);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      itemErrors.push(`${item.link ?? item.key}: ${reason}`);
      // A page that was down is tried again at the next poll; a page that is gone is not
      if (isPermanent(error)) options.feeds.markSeen(feed.id, item.key, null);
      options.log?.warn(`feed ${feed.url}: item ${item.link ?? item.key} skipped: ${reason}`);
    }
  }
  return { stored, itemErrors };
}

/** A post that fails (a deleted channel) is logged; the feed itself is fine and is not backed off. */
async function announce(feed: Feed, articles: StoredArticle[], options: FeedPollOptions): Promise<void> {
  try {
    await options.onNewArticles?.(feed, articles);
  } catch (error) {
    options.log?.warn(`feed ${feed.url}: announcing ${articles.length} new article(s) failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Polls one feed now and records the outcome in the store. */
export async function pollFeed(feed: Feed, options: FeedPollOptions): Promise<PollResult> {
  const interval = options.intervalMs ?? FEED_INTERVAL_MS;
  const started = options.clock().getTime();
  try {
    const doc = await safeFetch(feed.url, {
      ...options.fetchOptions,
      // Validators only once the feed's items are in the archive
      etag: feed.primed ? feed.etag : null,
      lastModified: feed.primed ? feed.lastModified : null,
    });
    const next = { polledAt: started, nextPollAt: started + interval };
    if (doc.notModified) {
      options.feeds.recordSuccess(feed.id, { title: null, etag: feed.etag, lastModified: feed.lastModified, ...next });
      return { feed, status: 'not-modified' };
    }
    const parsed = parseFeed(doc.text, doc.url);
    const { stored, itemErrors } = await storeItems(feed, parsed.items, options);
    options.feeds.recordSuccess(feed.id, { title: parsed.title, etag: doc.etag, lastModified: doc.lastModified, ...next });
    // The first poll fills the archive with what is already there; only later items are news
    const announced = feed.primed && stored.length > 0 && options.onNewArticles !== undefined;
    if (announced) await announce(feed, stored, options);
    if (stored.length) options.log?.info(`feed ${feed.url}: ${stored.length} new article(s)`);
    return { feed, status: 'polled', stored, announced, itemErrors };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const wait = backoffMs(interval, feed.failures + 1);
    options.feeds.recordFailure(feed.id, { error: reason, polledAt: started, nextPollAt: started + wait });
    options.log?.warn(`feed ${feed.url} failed (${reason}); next try in ${Math.round(wait / 60_000)} min`);
    return { feed, status: 'failed', error: reason };
  }
}

/** Polls every feed that is due, one after another. */
export async function pollDueFeeds(options: FeedPollOptions): Promise<PollResult[]> {
  const results: PollResult[] = [];
  for (const feed of options.feeds.dueFeeds(options.clock().getTime())) results.push(await pollFeed(feed, options));
  return results;
}

export interface FeedPoller {
  /** Polls due feeds now (waiting for a poll in progress first). */
  pollNow(): Promise<PollResult[]>;
  /** Stops the timer; resolves once a poll in progress has finished. */
  stop(): Promise<void>;
}

/** How often the poller looks for due feeds; a feed's own interval decides when it is polled. */
const TICK_MAX_MS = 60_000;

/** Starts polling due feeds on a timer; one poll runs at a time. */
export function startFeedPoller(options: FeedPollOptions): FeedPoller {
  let running: Promise<PollResult[]> = Promise.resolve([]);
  let stopped = false;
  const run = (): Promise<PollResult[]> => {
    running = running.catch(() => []).then(() => (stopped ? [] : pollDueFeeds(options)));
    return running;
  };
  const tick = (): void => {
    run().catch((error: unknown) => options.log?.warn(`feed poll failed: ${String(error)}`));
  };
  const timer = setInterval(tick, Math.min(options.intervalMs ?? FEED_INTERVAL_MS, TICK_MAX_MS));
  timer.unref();
  return {
    pollNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
