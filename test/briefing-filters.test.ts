import { afterEach, beforeEach, expect, test } from 'vitest';
import { passesFilters } from '../src/briefing/build-briefing.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { article, reading } from './stores/readings.js';

const FEED = 'https://courier.example/feed.xml';
let stores: Stores;
beforeEach(() => {
  stores = openStores(':memory:', { now: () => 1_000 });
});
afterEach(async () => await stores.close());

const save = async (source: string, text: string, quotes: [string, string | null][] = []) =>
  (await stores.articles.saveArticle(article(source, text, 'Title', null), reading('Title', null, quotes, [{ name: 'Vladimir Putin' }]), { collection: 'shared' })).article.id;

async function fromFeed(guildId: string, id: number, filter = { keywords: ['ferry'], speakers: [] as string[] }): Promise<void> {
  const feed = (await stores.feeds.addFeed({ guildId, url: FEED, channelId: null, now: 1 })) ?? (await stores.feeds.listFeeds(guildId))[0]!;
  await stores.feeds.markSeen(feed.id, `item-${id}`, id);
  await stores.filters.setFilter(guildId, `feed:${FEED}`, filter);
}

test('GIVEN a feed filtered on "ferry" THEN its items without the word stay out of the briefing, its matching ones and folder files go in', async () => {
  const railway = await save('https://courier.example/railway', 'The mountain railway reopened.');
  const ferry = await save('https://courier.example/ferry', 'The council approved the Ferry line.');
  const folder = await save('/srv/articles/other.txt', 'Nothing about boats.');
  await fromFeed('g1', railway);
  await fromFeed('g1', ferry);
  expect(await Promise.all([railway, ferry, folder].map((id) => passesFilters(stores, 'g1', id)))).toEqual([false, true, true]);
  // Another server's feed filter is not this server's business
  expect(await passesFilters(stores, 'g2', railway)).toBe(true);
});

test('GIVEN a briefing filtered on a speaker THEN only articles quoting them go in, whatever their source', async () => {
  const quoted = await save('/srv/articles/sochi.txt', 'Text.', [['We agreed.', 'Vladimir Putin']]);
  const silent = await save('/srv/articles/idlib.txt', 'Putin is named but says nothing here.');
  await stores.filters.setFilter('g1', 'briefing', { keywords: [], speakers: ['Putin'] });
  expect(await Promise.all([quoted, silent].map((id) => passesFilters(stores, 'g1', id)))).toEqual([true, false]);
});
