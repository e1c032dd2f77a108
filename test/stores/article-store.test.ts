import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SEARCH_COUNT_MAX } from '../../src/library/article-store.js';
import type { Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';
import { article, reading } from './readings.js';

describe.each(STORE_FACTORIES)('the article store ($name)', (factory) => {
  let stores: Stores;
  let clock = 1_000;
  beforeEach(async () => {
    stores = await factory.open(() => (clock += 1000));
  });
  afterEach(async () => await stores.close());

  describe('an empty library', () => {
    test('GIVEN no articles THEN every query answers with nothing rather than an error', async () => {
      expect(await stores.articles.latestArticle('all')).toBeNull();
      expect(await stores.articles.listArticles('all', { search: 'idlib' })).toEqual({ items: [], total: 0 });
      expect(await stores.speakers.findSpeakers('all', 'Putin')).toEqual({ matches: [], suggestions: [] });
      expect(await stores.speakers.suggestSpeakers('all', 'pu')).toEqual([]);
      expect(await stores.speakers.quotesBySpeaker('all', 'vladimir-putin')).toEqual({ items: [], total: 0 });
      expect(await stores.articles.articlesSince('all', 0)).toEqual([]);
      expect(await stores.articles.getArticle('all', 1)).toBeNull();
      expect(await stores.articles.getText(1)).toBeNull();
    });
  });

  describe('saving articles', () => {
    test('GIVEN a new text THEN it is created with its sha256 hash', async () => {
      const { article: a, outcome } = await stores.articles.saveArticle(article('a.txt', 'Some text.', 'A', '2018-09-17'), reading('A', '2018-09-17', []), {
        collection: 'shared',
      });
      expect(outcome).toBe('created');
      expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await stores.articles.getText(a.id)).toBe('Some text.');
    });

    test('GIVEN the same text from another source THEN it is unchanged and stored once', async () => {
      await stores.articles.saveArticle(article('a.txt', 'Same text.', 'A', null), reading('A', null, []), { collection: 'shared' });
      const again = await stores.articles.saveArticle(article('b.txt', 'Same text.', 'A', null), reading('A', null, []), { collection: 'shared' });
      expect(again.outcome).toBe('unchanged');
      expect(again.article.source).toBe('a.txt');
      expect((await stores.articles.listArticles('all')).total).toBe(1);
    });

    test('GIVEN the same source with changed text THEN the article, reading and quotes are replaced', async () => {
      const first = await stores.articles.saveArticle(
        article('a.txt', 'Old.', 'Old', null),
        reading('Old', null, [['old quote', 'Vladimir Putin']], [{ name: 'Vladimir Putin' }]),
        {
          collection: 'shared',
        },
      );
      const second = await stores.articles.saveArticle(
        article('a.txt', 'New.', 'New', null),
        reading('New', null, [['new quote', 'Vladimir Putin']], [{ name: 'Vladimir Putin' }]),
        {
          collection: 'shared',
        },
      );
      expect(second.outcome).toBe('updated');
      expect(second.article.id).toBe(first.article.id);
      expect((await stores.articles.getReading('all', first.article.id))?.title).toBe('New');
      expect((await stores.articles.listArticles('all', { search: 'old' })).total).toBe(0);
      expect((await stores.articles.listArticles('all', { search: 'new' })).items.map((x) => x.id)).toEqual([first.article.id]);
      const quotes = await stores.speakers.quotesBySpeaker('all', 'vladimir-putin');
      expect(quotes.items.map((q) => q.quote.text)).toEqual(['new quote']);
      expect((await stores.speakers.findSpeakers('all', 'Putin')).matches[0]?.quoteCount).toBe(1);
    });

    test('GIVEN a new version quoting someone else THEN the old speaker no longer counts those quotes', async () => {
      await stores.articles.saveArticle(article('a.txt', 'v1', 'A', null), reading('A', null, [['one', 'Vladimir Putin']], [{ name: 'Vladimir Putin' }]), { collection: 'shared' });
      await stores.articles.saveArticle(article('a.txt', 'v2', 'A', null), reading('A', null, [['two', 'Hassan Rouhani']], [{ name: 'Hassan Rouhani' }]), { collection: 'shared' });
      expect((await stores.speakers.findSpeakers('all', 'Putin')).matches[0]?.quoteCount).toBe(0);
      expect((await stores.speakers.quotesBySpeaker('all', 'vladimir-putin')).total).toBe(0);
      expect((await stores.speakers.findSpeakers('all', 'Rouhani')).matches[0]?.quoteCount).toBe(1);
    });

    test('GIVEN a write that fails halfway THEN nothing of the article is stored', async () => {
      const broken = reading('A', null, [['quote', null]]);
      (broken.quotes[0] as { kind: unknown }).kind = null;
      await expect(stores.articles.saveArticle(article('a.txt', 'text', 'A', null), broken, { collection: 'shared' })).rejects.toThrow();
      expect(await stores.articles.findBySource('a.txt')).toBeNull();
      expect((await stores.articles.listArticles('all', { search: 'text' })).total).toBe(0);
    });

    test('GIVEN a stored reading THEN getReading returns it unchanged', async () => {
      const r = reading('Idlib', '2018-09-17', [['I hope', 'Recep Tayyip Erdogan', 'he']], [{ name: 'Recep Tayyip Erdogan', roles: ['Turkish leader'] }]);
      const { article: a } = await stores.articles.saveArticle(article('idlib.txt', 'text', 'Idlib', '2018-09-17'), r, { collection: 'shared' });
      expect(await stores.articles.getReading('all', a.id)).toEqual(r);
      expect(await stores.articles.getReading('all', a.id + 1)).toBeNull();
    });
  });

  describe('listing articles', () => {
    async function seed(): Promise<void> {
      await stores.articles.saveArticle(article('1', 'Talks in Sochi about Idlib.', 'Sochi talks', '2018-09-17'), reading('Sochi talks', '2018-09-17', []), {
        collection: 'shared',
      });
      await stores.articles.saveArticle(article('2', 'Erdoğan spoke to reporters.', 'Turkey', '2018-09-18'), reading('Turkey', '2018-09-18', []), { collection: 'shared' });
      await stores.articles.saveArticle(article('3', 'An undated note.', 'Note', null), reading('Note', null, []), { collection: 'shared' });
    }

    test('GIVEN articles THEN the most recently added comes first, whatever its own date', async () => {
      await seed();
      expect((await stores.articles.listArticles('all')).items.map((a) => a.title)).toEqual(['Note', 'Turkey', 'Sochi talks']);
      expect((await stores.articles.latestArticle('all'))?.title).toBe('Note');
    });

    test('GIVEN an older article added last THEN it is the latest (what /headline shows after /article add)', async () => {
      await seed();
      await stores.articles.saveArticle(article('4', 'An archive piece from 2015.', 'Archive', '2015-11-16'), reading('Archive', '2015-11-16', []), { collection: 'shared' });
      expect((await stores.articles.latestArticle('all'))?.title).toBe('Archive');
      expect((await stores.articles.suggestArticles('all', '', 2)).map((a) => a.title)).toEqual(['Archive', 'Note']);
    });

    test('GIVEN an article updated in place THEN it keeps its place in the added order', async () => {
      await seed();
      await stores.articles.saveArticle(article('1', 'Talks in Sochi about Idlib, updated.', 'Sochi talks', '2018-09-17'), reading('Sochi talks', '2018-09-17', []), {
        collection: 'shared',
      });
      expect((await stores.articles.listArticles('all')).items.map((a) => a.title)).toEqual(['Note', 'Turkey', 'Sochi talks']);
      expect((await stores.articles.listArticles('all')).total).toBe(3);
    });

    test('GIVEN typed letters THEN article suggestions are the newest matches, any word prefix', async () => {
      await seed();
      await stores.articles.saveArticle(article('4', 'Sochi again, a year on.', 'Sochi revisited', null), reading('Sochi revisited', null, []), { collection: 'shared' });
      expect((await stores.articles.suggestArticles('all', 'soc')).map((a) => a.title)).toEqual(['Sochi revisited', 'Sochi talks']);
      expect((await stores.articles.suggestArticles('all', 'soc', 1)).map((a) => a.title)).toEqual(['Sochi revisited']);
      expect(await stores.articles.suggestArticles('all', 'zzz')).toEqual([]);
    });

    test('GIVEN a word of four letters or more THEN search matches whole words, while autocomplete matches the word being typed', async () => {
      await seed();
      expect((await stores.articles.listArticles('all', { search: 'sochi' })).items.map((a) => a.title)).toEqual(['Sochi talks']);
      expect((await stores.articles.listArticles('all', { search: 'soch' })).total).toBe(0);
      expect((await stores.articles.suggestArticles('all', 'soch')).map((a) => a.title)).toEqual(['Sochi talks']);
      expect((await stores.articles.suggestArticles('all', 'talks in soch')).map((a) => a.title)).toEqual(['Sochi talks']);
    });

    test('GIVEN a search matching more articles than are counted THEN the total is capped and says so', async () => {
      for (let i = 0; i <= SEARCH_COUNT_MAX; i++)
        await stores.articles.saveArticle(article(`n${i}`, `Ferry news number ${i}.`, `Ferry ${i}`, null), reading(`Ferry ${i}`, null, []), { collection: 'shared' });
      const page = await stores.articles.listArticles('all', { search: 'ferry', limit: 2 });
      expect(page).toMatchObject({ total: SEARCH_COUNT_MAX, capped: true });
      expect(page.items.map((a) => a.title)).toEqual([`Ferry ${SEARCH_COUNT_MAX}`, `Ferry ${SEARCH_COUNT_MAX - 1}`]);
      expect((await stores.articles.listArticles('all', { search: 'ferry 7' })).capped).toBeUndefined();
      expect((await stores.articles.listArticles('all')).total).toBe(SEARCH_COUNT_MAX + 1);
    });

    test('GIVEN a search THEN title and text match, case and accents folded', async () => {
      await seed();
      expect((await stores.articles.listArticles('all', { search: 'sochi' })).items.map((a) => a.title)).toEqual(['Sochi talks']);
      expect((await stores.articles.listArticles('all', { search: 'IDLIB' })).total).toBe(1);
      expect((await stores.articles.listArticles('all', { search: 'erdogan' })).items.map((a) => a.title)).toEqual(['Turkey']);
      expect(await stores.articles.listArticles('all', { search: 'nothing-like-this' })).toEqual({ items: [], total: 0 });
    });

    test('GIVEN search syntax in the query THEN it is taken as words, not FTS operators', async () => {
      await seed();
      expect((await stores.articles.listArticles('all', { search: 'Sochi" (' })).total).toBe(1);
    });

    test('GIVEN a limit and offset THEN a page comes back with the total', async () => {
      await seed();
      const page = await stores.articles.listArticles('all', { limit: 1, offset: 1 });
      expect(page.items.map((a) => a.title)).toEqual(['Turkey']);
      expect(page.total).toBe(3);
    });

    test('GIVEN a time THEN articlesSince returns the ones added from then, newest first', async () => {
      await seed();
      const [, second] = (await stores.articles.listArticles('all')).items.slice().sort((a, b) => a.addedAt - b.addedAt);
      expect((await stores.articles.articlesSince('all', second!.addedAt)).map((a) => a.source)).toEqual(['3', '2']);
    });
  });
});
