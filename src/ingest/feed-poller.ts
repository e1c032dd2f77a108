/**
 * Polls the feeds guilds follow: conditional requests (a 304 does nothing), new items
 * stored (fetched as web pages when the feed carries only a summary), and a broken feed
 * backs off exponentially with its last error kept for `/feed list`.
 */
import type { Feed, FeedStore } from '../library/feed-store.js';
import type { StoredArticle } from '../library/types.js';
import { guildDestination } from './destination.js';
import type { FeedItem } from './feeds.js';
import type { IngestService } from './ingest-service.js';

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
  /** Fetches and parses the feed, and stores its items, as every source does. */
  ingest: IngestService;
  /** What a feed's first poll stores through, so its backlog raises no quote alerts; `ingest` when absent. */
  backlog?: IngestService;
  feeds: FeedStore;
  /** The current time; tests fix it. */
  clock: () => Date;
  log?: FeedLog;
  intervalMs?: number;
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

async function storeItems(feed: Feed, items: FeedItem[], options: FeedPollOptions): Promise<{ stored: StoredArticle[]; itemErrors: string[] }> {
  const stored: StoredArticle[] = [];
  const itemErrors: string[] = [];
  const destination = guildDestination(feed.guildId);
  const ingest = feed.primed ? options.ingest : (options.backlog ?? options.ingest);
  // Feeds list the newest first; the archive takes them in the order they were published
  for (const item of items.slice(0, MAX_ITEMS_PER_POLL).reverse()) {
    if (options.feeds.hasSeen(feed.id, item.key)) continue;
    const result = await ingest.feedItem(item, feed.url, destination);
    if (result.ok) {
      options.feeds.markSeen(feed.id, item.key, result.value.article.id);
      if (result.value.outcome === 'created') stored.push(result.value.article);
      continue;
    }
    const { message, permanent } = result.error;
    itemErrors.push(`${item.link ?? item.key}: ${message}`);
    // A page that was down is tried again at the next poll; a page that is gone, or over a reader's limit, is not
    if (permanent) options.feeds.markSeen(feed.id, item.key, null);
    options.log?.warn(`feed ${feed.url}: item ${item.link ?? item.key} skipped: ${message}`);
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
  // Validators only once the feed's items are in the archive
  const validators = feed.primed ? { etag: feed.etag, lastModified: feed.lastModified } : undefined;
  const fetched = await options.ingest.feed(feed.url, validators);
  if (!fetched.ok) {
    const wait = backoffMs(interval, feed.failures + 1);
    options.feeds.recordFailure(feed.id, { error: fetched.error.message, polledAt: started, nextPollAt: started + wait });
    options.log?.warn(`feed ${feed.url} failed (${fetched.error.message}); next try in ${Math.round(wait / 60_000)} min`);
    return { feed, status: 'failed', error: fetched.error.message };
  }
  const doc = fetched.value;
  const next = { polledAt: started, nextPollAt: started + interval };
  if (doc.notModified) {
    options.feeds.recordSuccess(feed.id, { title: null, etag: feed.etag, lastModified: feed.lastModified, ...next });
    return { feed, status: 'not-modified' };
  }
  const { stored, itemErrors } = await storeItems(feed, doc.feed.items, options);
  options.feeds.recordSuccess(feed.id, { title: doc.feed.title, etag: doc.etag, lastModified: doc.lastModified, ...next });
  // The first poll fills the archive with what is already there; only later items are news
  const announced = feed.primed && stored.length > 0 && options.onNewArticles !== undefined;
  if (announced) await announce(feed, stored, options);
  if (stored.length) options.log?.info(`feed ${feed.url}: ${stored.length} new article(s)`);
  return { feed, status: 'polled', stored, announced, itemErrors };
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
