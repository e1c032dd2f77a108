/**
 * What a daily briefing holds: at most ten stories, ranked, the same story from two sources
 * merged, and each item with the number `/quotes article:` takes, its date and its link.
 */
import { SHARED } from '../src/ingest/destination.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { briefingOf, BRIEFING_ITEMS_MAX } from '../src/briefing/build-briefing.js';
import { sameStory, storyWords } from '../src/briefing/merge-duplicates.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { fakeClock, openTestLibrary, startBriefingBot, tempLibraryPath, type BriefingBot } from './fake-discord/briefing-bot.js';
import { startTestBot } from './fake-discord/harness.js';
import { ERDOGAN, PUTIN, quote, reading } from './fake-discord/readings.js';

const GUILD = '300000000000000003';
const NOW = new Date('2024-06-01T08:00:00Z');
const key = (title: string) => ({ words: storyWords(title), quote: null });
/** Headlines that share no content word with one another. */
const distinct = (n: number): string => `Report on alpha${n} bravo${n} charlie${n}`;

describe('near-duplicates', () => {
  test.each([
    ['Russia and Turkey agree on a demilitarised zone in Idlib', 'Putin, Erdogan agree to create demilitarised zone in Syria’s Idlib'],
    ['Harbour council approves new ferry line', 'Ferry line approved: harbour council votes yes'],
    ['Erdoğan warns of humanitarian disaster in Idlib', 'Erdogan warns of a humanitarian disaster in Syria’s Idlib'],
  ])('GIVEN “%s” and “%s” THEN they are the same story', (a, b) => {
    expect(sameStory(key(a), key(b))).toBe(true);
  });

  test.each([
    ['Erdogan urges a positive approach on Idlib before talks with Putin', 'Putin and Erdogan agree on a buffer zone in Idlib'],
    ['Harbour council approves new ferry line', 'Harbour council rejects new parking fees'],
    ['Idlib talks resume in Sochi', 'Idlib ceasefire holds'],
  ])('GIVEN “%s” and “%s” THEN they are different stories', (a, b) => {
    expect(sameStory(key(a), key(b))).toBe(false);
  });

  test('GIVEN two headlines that share nothing but lead with the same quote THEN they are the same story', () => {
    const said = 'We agreed to set up a demilitarised zone between the sides,';
    expect(sameStory({ words: storyWords('Sochi summit ends'), quote: said }, { words: storyWords('What Putin told reporters'), quote: `“${said}”` })).toBe(true);
  });
});

describe('the items of a briefing', () => {
  let stores: Stores;
  let at = NOW.getTime() - 3_600_000;
  const add = async (n: number, title: string, options: { url?: string | null; date?: string | null; quotes?: number } = {}): Promise<number> => {
    const quotes = Array.from({ length: options.quotes ?? 0 }, (_, i) => quote(`Quote ${i} of article ${n} that is long enough to tell,`, i % 2 ? PUTIN : ERDOGAN));
    at += 1000;
    return (
      await stores.articles.saveArticle(
        { source: `a${n}.txt`, url: options.url ?? null, text: `Text of article ${n}. More.`, title, date: options.date ?? null },
        reading({ title, headline: title, summary: [`Summary of ${title}.`], quotes, speakers: quotes.length ? [ERDOGAN, PUTIN] : [] }),
        SHARED,
      )
    ).article.id;
  };
  beforeEach(() => {
    stores = openStores(':memory:', { now: () => at });
  });
  afterEach(async () => await stores.close());

  test('GIVEN 22 new articles THEN ten stories are shown, the richest first, and the other twelve counted', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 22; i++) ids.push(await add(i, distinct(i), { quotes: i % 5 }));
    const briefing = await briefingOf(stores, GUILD, ids, NOW);
    expect(BRIEFING_ITEMS_MAX).toBe(10);
    expect(briefing.items).toHaveLength(10);
    expect(briefing.omitted).toBe(12);
    const scores = briefing.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(briefing.items[0]!.quote).not.toBeNull();
  });

  test('GIVEN maxItems 3 THEN three stories are shown', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await add(i, distinct(i)));
    expect((await briefingOf(stores, GUILD, ids, NOW, { maxItems: 3 })).items).toHaveLength(3);
  });

  test('GIVEN the same story from two sites THEN one item carries both, led by the richer article', async () => {
    const thin = await add(1, 'Russia and Turkey agree on a demilitarised zone in Idlib', { url: 'https://news.example/idlib-zone', date: '2018-09-17' });
    const rich = await add(2, 'Putin, Erdogan agree to create demilitarised zone in Syria’s Idlib', { url: 'https://wire.example/a/1', date: '2018-09-18', quotes: 2 });
    const other = await add(3, 'Harbour council approves new ferry line');
    const { items, omitted } = await briefingOf(stores, GUILD, [thin, rich, other], NOW);
    expect(omitted).toBe(0);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      articleId: rich,
      url: 'https://wire.example/a/1',
      date: '2018-09-18',
      also: [{ articleId: thin, url: 'https://news.example/idlib-zone', date: '2018-09-17' }],
    });
    expect(items[1]).toMatchObject({ articleId: other, also: [] });
  });
});

describe('the daily briefing as posted, end to end', () => {
  let fake: FakeDiscord;
  let file: ReturnType<typeof tempLibraryPath>;
  let bot: BriefingBot | null = null;
  afterEach(async () => {
    await bot?.close();
    bot = null;
    await fake.close();
    file.cleanup();
  });

  test('GIVEN 22 new articles, two of them one story THEN /briefing now posts one message of ten items, each with its number, date and link', async () => {
    fake = await FakeDiscord.start();
    file = tempLibraryPath();
    const clock = fakeClock('2024-06-01T04:00:00Z');
    const stores = openTestLibrary(file.path, clock.clock);
    const save = async (n: number, title: string, url: string | null, date: string | null, quotes = 0) => {
      clock.advance(60_000);
      const said = Array.from({ length: quotes }, (_, i) => quote(`Quote ${i} from article ${n}, long enough to be telling,`, PUTIN));
      return (
        await stores.articles.saveArticle(
          { source: `a${n}.txt`, url, text: `Text ${n}. More.`, title, date },
          reading({ title, headline: title, summary: [`Summary ${n}.`], quotes: said, speakers: quotes ? [PUTIN] : [] }),
          SHARED,
        )
      ).article.id;
    };
    const first = await save(1, 'Russia and Turkey agree on a demilitarised zone in Idlib', 'https://news.example/idlib-zone', '2018-09-17', 3);
    const second = await save(2, 'Putin, Erdogan agree to create demilitarised zone in Syria’s Idlib', 'https://wire.example/a/1', '2018-09-17', 2);
    for (let n = 3; n <= 22; n++) await save(n, distinct(n), n % 2 ? null : `https://local.example/${n}`, '2024-05-31');
    await stores.close();
    clock.set('2024-06-01T05:00:00Z');
    bot = await startBriefingBot(fake, file.path, clock.clock);
    await fake.waitForResponse(
      fake.command('briefing', [
        {
          name: 'setup',
          options: [
            { name: 'channel', value: fake.ids.channelId, type: 'channel' },
            { name: 'time', value: '23:00' },
            { name: 'timezone', value: 'UTC' },
          ],
        },
      ]),
    );
    const sent = fake.command('briefing', [{ name: 'now', options: [] }]);
    await fake.waitForResponse(sent, (c) => c.method === 'PATCH');
    const posts = fake.postsTo(fake.ids.channelId);
    expect(posts).toHaveLength(1);
    const { content, embeds } = posts[0]!.body;
    expect(content).toContain('22 new articles');
    expect(embeds).toHaveLength(10);
    const [top] = embeds;
    expect(top.url).toBe('https://news.example/idlib-zone');
    expect(top.description).toContain(`\`#${first}\` · 17 September 2018 · [news.example](https://news.example/idlib-zone)`);
    expect(top.description).toContain(`also \`#${second}\` · 17 September 2018 · [wire.example](https://wire.example/a/1)`);
    for (const embed of embeds) {
      expect(embed.description).toMatch(/`#\d+` · 31 May 2024|`#\d+` · 17 September 2018/);
      expect(embed.description).not.toMatch(/<t:\d+/);
    }
    expect(embeds.at(-1).footer.text).toContain('11 more not shown');
  });
});

describe('BRIEFING_MAX_ITEMS given to the bot', () => {
  test('GIVEN briefingMaxItems 3 and five new stories THEN /briefing show previews three and counts the other two', async () => {
    // Added an hour before the harness's clock (2024-06-01 08:00 UTC), inside the first briefing's day
    const stores = openStores(':memory:', { now: () => Date.parse('2024-06-01T07:00:00Z') });
    for (let n = 1; n <= 5; n++)
      await stores.articles.saveArticle(
        { source: `a${n}.txt`, text: `Text ${n}.`, title: distinct(n), date: null },
        reading({ title: distinct(n), headline: distinct(n) }),
        SHARED,
      );
    const t = await startTestBot({ stores, briefingMaxItems: 3 });
    try {
      const call = await t.fake.waitForResponse(t.fake.command('briefing', [{ name: 'show', options: [] }]));
      const { embeds } = call.body.data;
      expect(embeds).toHaveLength(3);
      expect(embeds.at(-1).footer.text).toContain('2 more not shown');
    } finally {
      await t.close();
    }
  });
});
