import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';

const URL_A = 'https://courier.example/feed.xml';
const URL_B = 'https://harbour.example/atom.xml';

describe.each(STORE_FACTORIES)('the feed store ($name)', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.open(() => 1_000);
  });
  afterEach(async () => await stores.close());

  test('GIVEN a feed added twice to one guild THEN the second add is refused, another guild may follow it', async () => {
    const feed = await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: 'c1', now: 10 });
    expect(feed).toMatchObject({ guildId: 'g1', url: URL_A, channelId: 'c1', primed: false, failures: 0, nextPollAt: 10, addedAt: 10 });
    expect(await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: null, now: 20 })).toBeNull();
    expect(await stores.feeds.addFeed({ guildId: 'g2', url: URL_A, channelId: null, now: 20 })).not.toBeNull();
    expect((await stores.feeds.listFeeds('g1')).map((f) => f.url)).toEqual([URL_A]);
  });

  test('GIVEN feeds due at different times THEN the most overdue come first and later ones wait', async () => {
    await stores.feeds.addFeed({ guildId: 'g1', url: URL_B, channelId: null, now: 30 });
    await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: null, now: 10 });
    expect((await stores.feeds.dueFeeds(30)).map((f) => f.url)).toEqual([URL_A, URL_B]);
    expect((await stores.feeds.dueFeeds(20)).map((f) => f.url)).toEqual([URL_A]);
  });

  test('GIVEN a failure then a success THEN failures count up and reset, and the feed is primed', async () => {
    const feed = (await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: null, now: 10 }))!;
    await stores.feeds.recordFailure(feed.id, { error: 'HTTP 500', polledAt: 11, nextPollAt: 100 });
    expect(await stores.feeds.getFeed(feed.id)).toMatchObject({ failures: 1, lastError: 'HTTP 500', nextPollAt: 100, lastPolledAt: 11 });
    await stores.feeds.recordSuccess(feed.id, { title: 'Courier', etag: '"e1"', lastModified: null, polledAt: 101, nextPollAt: 200 });
    expect(await stores.feeds.getFeed(feed.id)).toMatchObject({ failures: 0, lastError: null, title: 'Courier', etag: '"e1"', primed: true });
  });

  test('GIVEN items marked seen THEN they are seen for that feed only, and removing the feed forgets it', async () => {
    const a = (await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: null, now: 10 }))!;
    const b = (await stores.feeds.addFeed({ guildId: 'g1', url: URL_B, channelId: null, now: 10 }))!;
    await stores.feeds.markSeen(a.id, 'item-1', null);
    expect([await stores.feeds.hasSeen(a.id, 'item-1'), await stores.feeds.hasSeen(b.id, 'item-1')]).toEqual([true, false]);
    expect(await stores.feeds.removeFeed('g1', URL_A)).toBe(true);
    expect(await stores.feeds.removeFeed('g1', URL_A)).toBe(false);
    expect(await stores.feeds.getFeed(a.id)).toBeNull();
  });

  test('GIVEN a due feed claimed by one process THEN another cannot claim it until the lease runs out or a poll is recorded', async () => {
    const feed = (await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: null, now: 10 }))!;
    expect(await stores.feeds.claimFeed(feed.id, 'process-a', 20, 1_000)).toMatchObject({ id: feed.id, url: URL_A });
    expect(await stores.feeds.claimFeed(feed.id, 'process-b', 500, 1_000)).toBeNull();
    // process-a died: its lease ran out at 1020, and process-b takes the poll over
    expect(await stores.feeds.claimFeed(feed.id, 'process-b', 1_020, 1_000)).not.toBeNull();
    expect(await stores.feeds.renewFeedLease(feed.id, 'process-a', 1_030, 1_000)).toBe(false);
    expect(await stores.feeds.renewFeedLease(feed.id, 'process-b', 1_030, 1_000)).toBe(true);
    await stores.feeds.recordSuccess(feed.id, { title: null, etag: null, lastModified: null, polledAt: 1_040, nextPollAt: 2_000 });
    // Recorded: the lease is over, and the feed is not due again before its next poll
    expect(await stores.feeds.claimFeed(feed.id, 'process-a', 1_050, 1_000)).toBeNull();
    expect(await stores.feeds.claimFeed(feed.id, 'process-a', 2_000, 1_000)).not.toBeNull();
  });

  test('GIVEN a lease given back THEN the feed may be claimed at once, but only its owner can give it back', async () => {
    const feed = (await stores.feeds.addFeed({ guildId: 'g1', url: URL_A, channelId: null, now: 10 }))!;
    await stores.feeds.claimFeed(feed.id, 'process-a', 20, 60_000);
    await stores.feeds.releaseFeed(feed.id, 'process-b');
    expect(await stores.feeds.claimFeed(feed.id, 'process-b', 30, 60_000)).toBeNull();
    await stores.feeds.releaseFeed(feed.id, 'process-a');
    expect(await stores.feeds.claimFeed(feed.id, 'process-b', 30, 60_000)).not.toBeNull();
  });
});
