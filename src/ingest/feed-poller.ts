/**
 * Polls the feeds guilds follow: conditional requests (a 304 does nothing), new items
 * stored (fetched as web pages when the feed carries only a summary), and a broken feed
 * backs off exponentially with its last error kept for `/feed list`. A poll is a leased job:
 * a process claims the feed in the store before fetching it and renews the lease while it
 * stores items, so several processes on one database never poll a feed twice, and a poll
 * left by a process that died is taken over when its lease runs out.
 */
import { randomBytes } from 'node:crypto';
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
/** How long a claimed poll is held without a renewal: a dead process's feed is free after this. */
export const FEED_LEASE_MS = 60_000;

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
  /** Who holds the leases this poller takes; unique per process by default. */
  owner?: string;
  leaseMs?: number;
  /** New articles after the first poll of a feed; the caller announces them. */
  onNewArticles?: (feed: Feed, articles: StoredArticle[]) => void | Promise<void>;
}

export type PollResult =
  | { feed: Feed; status: 'not-modified' }
  | { feed: Feed; status: 'polled'; stored: StoredArticle[]; announced: boolean; itemErrors: string[] }
  | { feed: Feed; status: 'failed'; error: string }
  /** The lease ran out mid-poll (a stalled process): another may have the feed now, so nothing was recorded. */
  | { feed: Feed; status: 'lost-lease' };

class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/** This process's lease owner by default: its pid and some randomness (pids repeat across hosts and restarts). */
const PROCESS_OWNER = `${process.pid}-${randomBytes(6).toString('hex')}`;

/** The wait before the next poll after `failures` failures in a row: doubling, capped. */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** Math.max(0, failures), Math.max(MAX_BACKOFF_MS, intervalMs));
}

async function storeItems(feed: Feed, items: FeedItem[], options: FeedPollOptions, renew: () => Promise<void>): Promise<{ stored: StoredArticle[]; itemErrors: string[] }> {
  const stored: StoredArticle[] = [];
  const itemErrors: string[] = [];
  const destination = guildDestination(feed.guildId);
  const ingest = feed.primed ? options.ingest : (options.backlog ?? options.ingest);
  // Feeds list the newest first; the archive takes them in the order they were published
  for (const item of items.slice(0, MAX_ITEMS_PER_POLL).reverse()) {
    await renew();
    if (await options.feeds.hasSeen(feed.id, item.key)) continue;
    const result = await ingest.feedItem(item, feed.url, destination);
    if (result.ok) {
      await options.feeds.markSeen(feed.id, item.key, result.value.article.id);
      // New to this server's collection is news here, even when another server's feed stored it first
      if (result.value.outcome === 'created' || result.value.joined) stored.push(result.value.article);
      continue;
    }
    const { message, permanent } = result.error;
    itemErrors.push(`${item.link ?? item.key}: ${message}`);
    // A page that was down is tried again at the next poll; a page that is gone, or over a reader's limit, is not
    if (permanent) await options.feeds.markSeen(feed.id, item.key, null);
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

/**
 * Polls one feed now and records the outcome in the store. The caller holds the feed's lease
 * (see `pollDueFeeds`); `renew` extends it, and throws when it was lost.
 */
export async function pollFeed(feed: Feed, options: FeedPollOptions, renew: () => Promise<void> = () => Promise.resolve()): Promise<PollResult> {
  const interval = options.intervalMs ?? FEED_INTERVAL_MS;
  const started = options.clock().getTime();
  // Validators only once the feed's items are in the archive
  const validators = feed.primed ? { etag: feed.etag, lastModified: feed.lastModified } : undefined;
  const fetched = await options.ingest.feed(feed.url, validators);
  if (!fetched.ok) {
    const wait = backoffMs(interval, feed.failures + 1);
    await options.feeds.recordFailure(feed.id, { error: fetched.error.message, polledAt: started, nextPollAt: started + wait });
    options.log?.warn(`feed ${feed.url} failed (${fetched.error.message}); next try in ${Math.round(wait / 60_000)} min`);
    return { feed, status: 'failed', error: fetched.error.message };
  }
  const doc = fetched.value;
  const next = { polledAt: started, nextPollAt: started + interval };
  if (doc.notModified) {
    await options.feeds.recordSuccess(feed.id, { title: null, etag: feed.etag, lastModified: feed.lastModified, ...next });
    return { feed, status: 'not-modified' };
  }
  const { stored, itemErrors } = await storeItems(feed, doc.feed.items, options, renew);
  await options.feeds.recordSuccess(feed.id, { title: doc.feed.title, etag: doc.etag, lastModified: doc.lastModified, ...next });
  // The first poll fills the archive with what is already there; only later items are news
  const announced = feed.primed && stored.length > 0 && options.onNewArticles !== undefined;
  if (announced) await announce(feed, stored, options);
  if (stored.length) options.log?.info(`feed ${feed.url}: ${stored.length} new article(s)`);
  return { feed, status: 'polled', stored, announced, itemErrors };
}

/**
 * Polls every feed that is due and not leased by another process, one after another: each is
 * claimed first, so of several processes sharing the store exactly one polls it.
 */
export async function pollDueFeeds(options: FeedPollOptions): Promise<PollResult[]> {
  const results: PollResult[] = [];
  const owner = options.owner ?? PROCESS_OWNER;
  const leaseMs = options.leaseMs ?? FEED_LEASE_MS;
  const now = (): number => options.clock().getTime();
  for (const due of await options.feeds.dueFeeds(now())) {
    const feed = await options.feeds.claimFeed(due.id, owner, now(), leaseMs);
    if (!feed) continue;
    const renew = async (): Promise<void> => {
      if (!(await options.feeds.renewFeedLease(feed.id, owner, now(), leaseMs))) throw new LeaseLostError(`lost the lease of feed ${feed.url}`);
    };
    try {
      results.push(await pollFeed(feed, options, renew));
    } catch (error) {
      if (!(error instanceof LeaseLostError)) {
        // A bug: give the feed back at once rather than leave it leased
        await options.feeds.releaseFeed(feed.id, owner);
        throw error;
      }
      options.log?.warn(`feed ${feed.url}: ${error.message}; the process holding it now records the poll`);
      results.push({ feed, status: 'lost-lease' });
    }
  }
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
