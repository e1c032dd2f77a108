import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Destination, Scope, Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';
import { article, reading } from './readings.js';

const SHARED: Destination = { collection: 'shared' };
const into = (guildId: string, addedBy: string | null = 'u1'): Destination => ({ collection: 'guild', guildId, addedBy });
const A: Scope = { guildId: 'A' };
const B: Scope = { guildId: 'B' };
const C: Scope = { guildId: 'C' };

const PUTIN = { name: 'Vladimir Putin', aliases: ['Putin'], roles: ['Russian president'] };
const ERDOGAN = { name: 'Recep Tayyip Erdogan', aliases: ['Erdogan'], roles: ['Turkish president'] };

describe.each(STORE_FACTORIES)('collections and scopes ($name)', (factory) => {
  let stores: Stores;
  let clock = 1_000;
  beforeEach(async () => {
    stores = await factory.open(() => (clock += 1000));
  });
  afterEach(async () => await stores.close());

  /** The folder's Sochi article (shared), and an Idlib article pasted in server C only. */
  async function seed() {
    const sochi = (
      await stores.articles.saveArticle(
        article('data/sochi.txt', 'Putin said in Sochi.', 'Sochi summit', '2018-09-17'),
        reading('Sochi summit', '2018-09-17', [['We agreed', 'Vladimir Putin', 'Putin']], [PUTIN]),
        SHARED,
      )
    ).article;
    const idlib = (
      await stores.articles.saveArticle(
        article('discord:C/u1/abc', 'Erdogan warned on Idlib. Putin listened.', 'Idlib warning', '2018-09-18'),
        reading(
          'Idlib warning',
          '2018-09-18',
          [
            ['Heavy results', 'Recep Tayyip Erdogan', 'Erdogan'],
            ['We listen', 'Vladimir Putin', 'Putin'],
          ],
          [ERDOGAN, PUTIN],
        ),
        into('C'),
      )
    ).article;
    return { sochi, idlib };
  }

  describe('an article added in one server', () => {
    test('GIVEN an article added in C THEN A does not see it by number, as latest, in lists, searches or autocomplete', async () => {
      const { idlib, sochi } = await seed();
      expect(await stores.articles.getArticle(A, idlib.id)).toBeNull();
      // A list read by number shows A only what it sees, in the order asked, and nothing for a number that does not exist
      expect(await stores.articles.getArticles(A, [idlib.id, sochi.id, 999])).toEqual([sochi]);
      expect(await stores.articles.getArticles(C, [idlib.id, 999, sochi.id])).toEqual([idlib, sochi]);
      expect(await stores.articles.getArticles('all', [sochi.id, idlib.id])).toEqual([sochi, idlib]);
      expect(await stores.articles.getArticles(A, [])).toEqual([]);
      expect(await stores.articles.getReading(A, idlib.id)).toBeNull();
      expect((await stores.articles.latestArticle(A))?.id).toBe(sochi.id);
      expect(await stores.articles.listArticles(A)).toEqual({ items: [sochi], total: 1 });
      expect(await stores.articles.listArticles(A, { search: 'idlib' })).toEqual({ items: [], total: 0 });
      expect(await stores.articles.suggestArticles(A, 'idl')).toEqual([]);
      expect((await stores.articles.suggestArticles(A, '')).map((a) => a.id)).toEqual([sochi.id]);
      expect((await stores.articles.articlesSince(A, 0)).map((a) => a.id)).toEqual([sochi.id]);
    });

    test('GIVEN an article added in C THEN C sees it with the shared ones, newest first, counted once each', async () => {
      const { idlib, sochi } = await seed();
      expect((await stores.articles.getArticle(C, idlib.id))?.title).toBe('Idlib warning');
      expect((await stores.articles.getReading(C, idlib.id))?.title).toBe('Idlib warning');
      expect((await stores.articles.latestArticle(C))?.id).toBe(idlib.id);
      expect(await stores.articles.listArticles(C)).toEqual({ items: [idlib, sochi], total: 2 });
      expect((await stores.articles.listArticles(C, { search: 'idlib' })).items.map((a) => a.id)).toEqual([idlib.id]);
      expect((await stores.articles.suggestArticles(C, 'idl')).map((a) => a.id)).toEqual([idlib.id]);
      expect((await stores.articles.articlesSince(C, 0)).map((a) => a.id)).toEqual([idlib.id, sochi.id]);
      expect((await stores.articles.listArticles('all')).total).toBe(2);
      expect(await stores.articles.listArticles('shared')).toEqual({ items: [sochi], total: 1 });
    });

    test('GIVEN a speaker quoted in C only THEN A neither finds, suggests nor offers "did you mean" for them', async () => {
      await seed();
      expect(await stores.speakers.findSpeakers(A, 'Erdogan')).toEqual({ matches: [], suggestions: [] });
      expect(await stores.speakers.findSpeakers(A, 'Erdgoan')).toEqual({ matches: [], suggestions: [] });
      expect(await stores.speakers.suggestSpeakers(A, 'er')).toEqual([]);
      expect(await stores.speakers.suggestSpeakers(A, 'erdo')).toEqual([]);
      expect((await stores.speakers.suggestSpeakers(A, '')).map((s) => s.name)).toEqual(['Vladimir Putin']);
      expect(await stores.speakers.quotesBySpeaker(A, 'recep-tayyip-erdogan')).toEqual({ items: [], total: 0 });
      expect((await stores.speakers.findSpeakers(C, 'Erdgoan')).suggestions.map((s) => s.name)).toEqual(['Recep Tayyip Erdogan']);
      expect((await stores.speakers.suggestSpeakers(C, 'er')).map((s) => s.name)).toEqual(['Recep Tayyip Erdogan']);
    });

    test('GIVEN a speaker quoted in shared and in C THEN each server counts and lists only the quotes it sees', async () => {
      const { idlib, sochi } = await seed();
      const inA = await stores.speakers.quotesBySpeaker(A, 'vladimir-putin');
      expect([inA.total, inA.items.map((q) => q.quote.text)]).toEqual([1, ['We agreed']]);
      const inC = await stores.speakers.quotesBySpeaker(C, 'vladimir-putin');
      expect([inC.total, inC.items.map((q) => q.quote.text)]).toEqual([2, ['We listen', 'We agreed']]);
      expect((await stores.speakers.findSpeakers(A, 'Putin')).matches.map((s) => s.quoteCount)).toEqual([1]);
      expect((await stores.speakers.suggestSpeakers(C, 'pu')).map((s) => s.quoteCount)).toEqual([2]);
      expect(await stores.speakers.quotesBySpeaker(A, 'vladimir-putin', { articleId: idlib.id })).toEqual({ items: [], total: 0 });
      expect((await stores.speakers.quotesBySpeaker(C, 'vladimir-putin', { articleId: idlib.id })).total).toBe(1);
      expect((await stores.speakers.quotesBySpeaker(C, 'vladimir-putin', { limit: 1, offset: 1 })).items.map((q) => q.article.id)).toEqual([sochi.id]);
      expect(await stores.speakers.searchQuotes(A, 'listen')).toEqual({ items: [], total: 0 });
      expect((await stores.speakers.searchQuotes(C, 'listen')).total).toBe(1);
      // The speaker is one person archive-wide
      expect((await stores.speakers.findSpeakers('all', 'Putin')).matches.map((s) => [s.id, s.quoteCount])).toEqual([['vladimir-putin', 2]]);
    });
  });

  describe('the shared collection', () => {
    test('GIVEN a server that hides the shared collection THEN it sees only its own articles and speakers', async () => {
      const { idlib } = await seed();
      expect(await stores.articles.sharedVisible('C')).toBe(true);
      await stores.articles.setSharedVisible('C', false);
      expect(await stores.articles.sharedVisible('C')).toBe(false);
      expect(await stores.articles.listArticles(C)).toEqual({ items: [idlib], total: 1 });
      expect((await stores.articles.listArticles(C, { search: 'sochi' })).total).toBe(0);
      expect((await stores.speakers.quotesBySpeaker(C, 'vladimir-putin')).total).toBe(1);
      expect((await stores.articles.listArticles(A)).total).toBe(1);
      await stores.articles.setSharedVisible('C', true);
      expect((await stores.articles.listArticles(C)).total).toBe(2);
    });

    test('GIVEN a server that hides shared and has added nothing THEN every read answers with nothing', async () => {
      await seed();
      await stores.articles.setSharedVisible('A', false);
      expect(await stores.articles.latestArticle(A)).toBeNull();
      expect(await stores.articles.listArticles(A)).toEqual({ items: [], total: 0 });
      expect(await stores.articles.listArticles(A, { search: 'sochi' })).toEqual({ items: [], total: 0 });
      expect(await stores.speakers.suggestSpeakers(A, '')).toEqual([]);
      expect(await stores.speakers.quotesBySpeaker(A, 'vladimir-putin')).toEqual({ items: [], total: 0 });
    });

    test('GIVEN a shared file a server also added THEN the server counts it once, and removing it leaves it visible', async () => {
      const { sochi } = await seed();
      const again = await stores.articles.saveArticle(
        article('discord:C/u2/def', 'Putin said in Sochi.', 'Sochi summit', null),
        reading('Sochi summit', '2018-09-17', [['We agreed', 'Vladimir Putin', 'Putin']], [PUTIN]),
        into('C', 'u2'),
      );
      expect(again).toEqual({ article: sochi, outcome: 'unchanged' });
      expect((await stores.articles.listArticles(C)).total).toBe(2);
      expect((await stores.speakers.quotesBySpeaker(C, 'vladimir-putin')).total).toBe(2);
      await stores.articles.setSharedVisible('C', false);
      expect((await stores.articles.listArticles(C)).total).toBe(2);
      await stores.articles.setSharedVisible('C', true);
      expect(await stores.articles.removeArticle('C', sochi.id)).toEqual({ kind: 'unlinked', stillVisible: true });
      expect((await stores.articles.listArticles(C)).total).toBe(2);
      expect(await stores.articles.removeArticle('C', sochi.id)).toEqual({ kind: 'shared' });
    });
  });

  describe('the same text in two servers', () => {
    async function addTwice() {
      const input = article('discord:A/u1/x', 'Erdogan warned on Idlib.', 'Idlib warning', '2018-09-18');
      const r = reading('Idlib warning', '2018-09-18', [['Heavy results', 'Recep Tayyip Erdogan', 'Erdogan']], [ERDOGAN]);
      const first = await stores.articles.saveArticle(input, r, into('A'));
      const second = await stores.articles.saveArticle({ ...input, source: 'discord:B/u9/x' }, r, into('B', 'u9'));
      return { first, second };
    }

    test('GIVEN the same text added in A and B THEN it is stored once and both servers see it', async () => {
      const { first, second } = await addTwice();
      expect(first.outcome).toBe('created');
      expect(second).toEqual({ article: first.article, outcome: 'unchanged' });
      expect((await stores.articles.listArticles('all')).total).toBe(1);
      for (const scope of [A, B]) {
        expect((await stores.articles.listArticles(scope)).items.map((a) => a.id)).toEqual([first.article.id]);
        expect((await stores.speakers.quotesBySpeaker(scope, 'recep-tayyip-erdogan')).total).toBe(1);
      }
      expect((await stores.speakers.findSpeakers('all', 'Erdogan')).matches[0]?.quoteCount).toBe(1);
      expect((await stores.articles.listArticles(C)).total).toBe(0);
    });

    test('GIVEN an article in A and B THEN removing it in A leaves it in B, and removing it in B deletes it everywhere', async () => {
      const { first } = await addTwice();
      const id = first.article.id;
      expect(await stores.articles.removeArticle('A', id)).toEqual({ kind: 'unlinked', stillVisible: false });
      expect(await stores.articles.getArticle(A, id)).toBeNull();
      expect((await stores.articles.listArticles(A, { search: 'idlib' })).total).toBe(0);
      expect(await stores.speakers.suggestSpeakers(A, 'er')).toEqual([]);
      expect((await stores.articles.getArticle(B, id))?.id).toBe(id);
      expect((await stores.articles.listArticles(B, { search: 'idlib' })).total).toBe(1);
      expect(await stores.articles.removeArticle('A', id)).toEqual({ kind: 'not-found' });

      expect(await stores.articles.removeArticle('B', id)).toEqual({ kind: 'deleted' });
      expect(await stores.articles.getArticle('all', id)).toBeNull();
      expect(await stores.articles.getReading('all', id)).toBeNull();
      expect(await stores.articles.findByHash(first.article.hash)).toBeNull();
      expect(await stores.articles.listArticles('all')).toEqual({ items: [], total: 0 });
      expect((await stores.articles.listArticles('all', { search: 'idlib' })).total).toBe(0);
      expect((await stores.speakers.quotesBySpeaker('all', 'recep-tayyip-erdogan')).total).toBe(0);
      expect((await stores.speakers.searchQuotes('all', 'heavy')).total).toBe(0);
    });

    test('GIVEN a removed article added again THEN it is stored and read anew', async () => {
      const { first } = await addTwice();
      await stores.articles.removeArticle('A', first.article.id);
      await stores.articles.removeArticle('B', first.article.id);
      const back = await stores.articles.saveArticle(
        article('discord:A/u1/x', 'Erdogan warned on Idlib.', 'Idlib warning', null),
        reading('Idlib warning', null, [['Heavy results', 'Recep Tayyip Erdogan', 'Erdogan']], [ERDOGAN]),
        into('A'),
      );
      expect(back.outcome).toBe('created');
      expect((await stores.speakers.quotesBySpeaker(A, 'recep-tayyip-erdogan')).total).toBe(1);
    });

    test('GIVEN linkArticle for a server that has it already THEN nothing changes', async () => {
      const { first } = await addTwice();
      expect(await stores.articles.linkArticle(first.article.id, into('A'))).toBe(false);
      expect(await stores.articles.linkArticle(first.article.id, into('C'))).toBe(true);
      expect((await stores.articles.listArticles(C)).total).toBe(1);
      expect(await stores.articles.linkArticle(first.article.id + 100, into('C'))).toBe(false);
    });
  });

  describe('removing', () => {
    test('GIVEN an article of another server or none at all THEN removal answers not-found, the same either way', async () => {
      const { idlib } = await seed();
      expect(await stores.articles.removeArticle('A', idlib.id)).toEqual({ kind: 'not-found' });
      expect(await stores.articles.removeArticle('A', 999)).toEqual({ kind: 'not-found' });
      expect((await stores.articles.getArticle(C, idlib.id))?.id).toBe(idlib.id);
    });

    test('GIVEN a shared file THEN a server cannot remove it', async () => {
      const { sochi } = await seed();
      expect(await stores.articles.removeArticle('A', sochi.id)).toEqual({ kind: 'shared' });
      expect((await stores.articles.getArticle(A, sochi.id))?.id).toBe(sochi.id);
    });

    test('GIVEN the only copy removed THEN its speaker keeps their other quotes and counts', async () => {
      const { idlib } = await seed();
      expect(await stores.articles.removeArticle('C', idlib.id)).toEqual({ kind: 'deleted' });
      expect((await stores.speakers.findSpeakers('all', 'Putin')).matches.map((s) => s.quoteCount)).toEqual([1]);
      expect((await stores.speakers.quotesBySpeaker(C, 'vladimir-putin')).items.map((q) => q.quote.text)).toEqual(['We agreed']);
      expect(await stores.speakers.suggestSpeakers(C, 'er')).toEqual([]);
    });
  });

  describe('speakers that change', () => {
    test('GIVEN "Putin" in A and then "Vladimir Putin" in B THEN the merged speaker keeps each server\'s count', async () => {
      await stores.articles.saveArticle(article('discord:A/u/1', 'one', 'One', null), reading('One', null, [['first', 'Putin']], [{ name: 'Putin' }]), into('A'));
      await stores.articles.saveArticle(
        article('discord:B/u/2', 'two', 'Two', null),
        reading(
          'Two',
          null,
          [
            ['second', 'Vladimir Putin'],
            ['third', 'Vladimir Putin'],
          ],
          [PUTIN],
        ),
        into('B'),
      );
      expect((await stores.speakers.findSpeakers(A, 'Putin')).matches.map((s) => [s.id, s.quoteCount])).toEqual([['vladimir-putin', 1]]);
      expect((await stores.speakers.findSpeakers(B, 'Putin')).matches.map((s) => [s.id, s.quoteCount])).toEqual([['vladimir-putin', 2]]);
      // An old id from an autocomplete value still answers, within the scope
      expect((await stores.speakers.quotesBySpeaker(A, 'putin')).items.map((q) => q.quote.text)).toEqual(['first']);
    });

    test("GIVEN a speaker who gains a role in another server's article THEN each server's autocomplete knows it by the role", async () => {
      await stores.articles.saveArticle(article('discord:A/u/1', 'one', 'One', null), reading('One', null, [['first', 'Putin']], [{ name: 'Putin' }]), into('A'));
      expect(await stores.speakers.suggestSpeakers(A, 'kre')).toEqual([]);
      await stores.articles.saveArticle(
        article('discord:B/u/2', 'two', 'Two', null),
        reading('Two', null, [['second', 'Vladimir Putin']], [{ ...PUTIN, roles: ['Kremlin leader'] }]),
        into('B'),
      );
      expect((await stores.speakers.suggestSpeakers(A, 'kre')).map((s) => [s.name, s.quoteCount])).toEqual([['Vladimir Putin', 1]]);
      expect((await stores.speakers.suggestSpeakers(A, 'vl')).map((s) => s.name)).toEqual(['Vladimir Putin']);
      expect((await stores.speakers.suggestSpeakers(A, 'kreml')).map((s) => s.name)).toEqual(['Vladimir Putin']);
      expect(await stores.speakers.suggestSpeakers(C, 'kre')).toEqual([]);
    });

    test('GIVEN names that share their first letters THEN a longer prefix offers only those with a word starting so, counted in what the server sees', async () => {
      const TRUMP = { name: 'Donald Trump', aliases: ['Trump'], roles: [] };
      const TRUMAN = { name: 'Harry Truman', aliases: ['Truman'], roles: [] };
      const TRUDEAU = { name: 'Justin Trudeau', aliases: ['Trudeau'], roles: ['Canadian prime minister'] };
      await stores.articles.saveArticle(
        article('data/a.txt', 'shared', 'Shared', null),
        reading(
          'Shared',
          null,
          [
            ['one', 'Donald Trump'],
            ['two', 'Donald Trump'],
            ['three', 'Harry Truman'],
          ],
          [TRUMP, TRUMAN],
        ),
        SHARED,
      );
      await stores.articles.saveArticle(
        article('discord:A/u/1', 'own', 'Own', null),
        reading(
          'Own',
          null,
          [
            ['four', 'Justin Trudeau'],
            ['five', 'Donald Trump'],
          ],
          [TRUDEAU, TRUMP],
        ),
        into('A'),
      );
      const offered = async (scope: Scope, prefix: string) => (await stores.speakers.suggestSpeakers(scope, prefix)).map((s) => [s.name, s.quoteCount]);
      expect(await offered(A, 'tru')).toEqual([
        ['Donald Trump', 3],
        ['Harry Truman', 1],
        ['Justin Trudeau', 1],
      ]);
      expect(await offered(A, 'trum')).toEqual([
        ['Donald Trump', 3],
        ['Harry Truman', 1],
      ]);
      expect(await offered(A, 'truma')).toEqual([['Harry Truman', 1]]);
      expect(await offered(A, 'trud')).toEqual([['Justin Trudeau', 1]]);
      expect(await offered(A, 'donald tr')).toEqual([['Donald Trump', 3]]);
      expect(await offered(A, 'prime')).toEqual([['Justin Trudeau', 1]]);
      expect(await offered(A, 'trux')).toEqual([]);
      expect(await offered(B, 'trum')).toEqual([
        ['Donald Trump', 2],
        ['Harry Truman', 1],
      ]);
      expect(await offered(B, 'trud')).toEqual([]);
    });

    test("GIVEN a server's article saved again with new text THEN its counts follow the new quotes", async () => {
      await stores.articles.saveArticle(article('feed:x#1', 'v1', 'A', null), reading('A', null, [['one', 'Vladimir Putin']], [PUTIN]), into('A', null));
      await stores.articles.saveArticle(article('feed:x#1', 'v2', 'A', null), reading('A', null, [['two', 'Recep Tayyip Erdogan']], [ERDOGAN]), into('A', null));
      expect((await stores.speakers.suggestSpeakers(A, '')).map((s) => [s.name, s.quoteCount])).toEqual([['Recep Tayyip Erdogan', 1]]);
      expect((await stores.speakers.quotesBySpeaker(A, 'vladimir-putin')).total).toBe(0);
      expect((await stores.articles.listArticles(A, { search: 'v2' })).total).toBe(1);
    });
  });
});
