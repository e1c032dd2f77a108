/** A fan-out builds thousands of briefings from the same shared articles: each reading is read and parsed once. */
import { expect, test } from 'vitest';
import { ReadingCache } from '../src/briefing/build-briefing.js';
import type { StoredArticle } from '../src/library/types.js';
import { idlibReading } from './fake-discord/readings.js';

const article = (id: number, hash: string): StoredArticle => ({ id, source: `s${id}`, url: null, title: null, date: null, hash, addedAt: 0 });

test('GIVEN the same article asked for again THEN its reading is read once; a new text (another hash) is read again', async () => {
  const cache = new ReadingCache();
  let reads = 0;
  const read = () => Promise.resolve((reads++, idlibReading()));
  const first = await cache.of(article(1, 'aa'), read);
  expect(await cache.of(article(1, 'aa'), read)).toBe(first);
  expect(reads).toBe(1);
  await cache.of(article(1, 'bb'), read);
  expect(reads).toBe(2);
});

test('GIVEN more articles than it holds THEN the oldest is read again, and a missing reading is not kept', async () => {
  const cache = new ReadingCache(2);
  let reads = 0;
  const read = () => Promise.resolve((reads++, idlibReading()));
  for (const id of [1, 2, 3]) await cache.of(article(id, 'h'), read);
  await cache.of(article(3, 'h'), read);
  expect(reads).toBe(3);
  await cache.of(article(1, 'h'), read);
  expect(reads).toBe(4);
  let missing = 0;
  const none = () => Promise.resolve((missing++, null));
  await cache.of(article(9, 'h'), none);
  await cache.of(article(9, 'h'), none);
  expect(missing).toBe(2);
});
