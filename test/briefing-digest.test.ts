import { describe, expect, test } from 'vitest';
import { BRIEFING_ITEMS_MAX, buildBriefing, firstSentence, tellingQuote, type Briefing } from '../src/briefing/build-briefing.js';
import { parseBriefingMarker, renderBriefing } from '../src/discord/render-briefing.js';
import { openStores } from '../src/library/open-stores.js';
import { expectWithinDiscordLimits } from './fake-discord/limits.js';
import { ERDOGAN, idlibReading, PESKOV, PUTIN, quote, reading } from './fake-discord/readings.js';
import { settleDay } from './stores/delivery-jobs.js';

const GUILD = '300000000000000003';
const HOUR = 3_600_000;

function archive(start: string) {
  let now = new Date(start).getTime();
  const stores = openStores(':memory:', { now: () => now });
  let n = 0;
  const add = async (hoursAgoFromNow: number, r = reading({ headline: `Story ${n + 1}`, summary: [`Summary ${n + 1}.`] }), url: string | null = null) => {
    const at = now;
    now -= hoursAgoFromNow * HOUR;
    n += 1;
    const { article } = await stores.articles.saveArticle({ source: `a${n}.txt`, url, text: `Text ${n}. More.`, title: null, date: null }, r, { collection: 'shared' });
    now = at;
    return article.id;
  };
  return { stores, add, advance: (hours: number) => void (now += hours * HOUR), at: () => new Date(now) };
}

describe('which articles a briefing covers', () => {
  test('GIVEN no briefing yet THEN only the last 24 hours are covered', async () => {
    const a = archive('2024-06-01T06:00:00Z');
    await a.add(30);
    const recent = await a.add(2);
    expect((await buildBriefing(a.stores, GUILD, a.at())).items.map((i) => i.articleId)).toEqual([recent]);
  });

  test('GIVEN a briefing that was sent THEN the next one covers only what came after it', async () => {
    const a = archive('2024-06-01T06:00:00Z');
    const first = await a.add(2);
    await settleDay(a.stores.deliveries, GUILD, '2024-06-01', [first], { status: 'sent', messageIds: ['1'] });
    a.advance(24);
    const second = await a.add(1);
    expect((await buildBriefing(a.stores, GUILD, a.at())).items.map((i) => i.articleId)).toEqual([second]);
  });

  test('GIVEN the last briefing failed THEN its articles are covered again by the next one', async () => {
    const a = archive('2024-06-01T06:00:00Z');
    const first = await a.add(2);
    await settleDay(a.stores.deliveries, GUILD, '2024-06-01', [first], { status: 'failed', error: 'missing permission' });
    a.advance(20);
    const second = await a.add(1);
    expect((await buildBriefing(a.stores, GUILD, a.at())).items.map((i) => i.articleId).sort()).toEqual([first, second]);
  });

  test('GIVEN quotes, speakers and facts THEN the richer article ranks first, even when older', async () => {
    const a = archive('2024-06-01T06:00:00Z');
    const rich = await a.add(10, idlibReading(), 'https://example.com/idlib');
    const thin = await a.add(1);
    const { items } = await buildBriefing(a.stores, GUILD, a.at());
    expect(items.map((i) => i.articleId)).toEqual([rich, thin]);
    expect(items[0]).toMatchObject({ url: 'https://example.com/idlib', summary: expect.stringContaining('Moscow and Ankara') });
  });

  test('GIVEN more articles than a briefing shows THEN the rest are counted, not dropped silently', async () => {
    const a = archive('2024-06-01T06:00:00Z');
    for (let i = 0; i < BRIEFING_ITEMS_MAX + 3; i++) await a.add(1);
    const briefing = await buildBriefing(a.stores, GUILD, a.at());
    expect(briefing.items).toHaveLength(BRIEFING_ITEMS_MAX);
    expect(briefing.omitted).toBe(3);
  });
});

describe('what each article says', () => {
  test.each([
    [
      'a direct quote by a person over a longer partial one',
      [quote('a very long partial fragment of reported speech that goes on', ERDOGAN, 'partial'), quote('We agreed on a zone.', PUTIN)],
      'We agreed on a zone.',
    ],
    [
      'the longest informative direct quote',
      [quote('We agreed on a zone.', PUTIN), quote('We fight against all terror groups in Idlib,', ERDOGAN)],
      'We fight against all terror groups in Idlib,',
    ],
    ['an attributed fragment over an unattributed quote', [quote('moderate opposition and many others besides', null), quote('complicated,', PESKOV, 'partial')], 'complicated,'],
  ])('GIVEN %s THEN it is the telling quote', (_, quotes, expected) => {
    expect(tellingQuote(reading({ quotes, speakers: [ERDOGAN, PUTIN, PESKOV] }))?.text).toBe(expected);
  });

  test('GIVEN only unattributed quotes THEN there is no telling quote', () => {
    expect(tellingQuote(reading({ quotes: [quote('moderate opposition', null, 'partial')] }))).toBeNull();
  });

  test.each([
    ['date 2018-09-17 Moscow and Ankara must work out a plan, he said. The Kremlin agreed.', 'Moscow and Ankara must work out a plan, he said.'],
    ['“We will act,” he said. Then he left.', '“We will act,” he said.'],
    ['No full stop here', 'No full stop here'],
  ])('GIVEN no summary THEN the first sentence of “%s” is used', (text, expected) => {
    expect(firstSentence(text)).toBe(expected);
  });
});

describe('the briefing as Discord messages', () => {
  const long = (word: string, times: number) => Array.from({ length: times }, (_, i) => `${word}${i}`).join(' ');
  const item = (i: number) => ({
    articleId: i,
    headline: long('headline', 80),
    summary: long('summary', 200),
    url: `https://example.com/${i}`,
    quote: { text: long('said', 200), speaker: long('Name', 40) },
    score: 1,
    date: '2024-05-31',
    also: [{ articleId: 100 + i, url: `https://other.example/${i}`, date: null }],
  });

  test('GIVEN many long articles THEN they go out as several messages, each within Discord limits and marked with its part', () => {
    const briefing: Briefing = { guildId: GUILD, items: Array.from({ length: 25 }, (_, i) => item(i)), omitted: 4, since: 0 };
    const posts = renderBriefing(briefing, '2024-06-01', '500000000000000005');
    expect(posts.length).toBeGreaterThan(2);
    for (const post of posts) expectWithinDiscordLimits({ content: post.content, embeds: post.embeds });
    expect(posts.flatMap((p) => p.embeds)).toHaveLength(25);
    const markers = posts.map((p) => parseBriefingMarker(p.embeds.at(-1)!.footer!.text));
    expect(markers).toEqual(posts.map((_, i) => ({ key: '2024-06-01', part: i + 1, total: posts.length })));
    expect(posts.at(-1)!.embeds.at(-1)!.footer!.text).toContain('4 more not shown');
    // The role is mentioned once, in the first message only
    expect(posts[0]!.allowedMentions).toEqual({ parse: [], roles: ['500000000000000005'] });
    expect(posts.slice(1).every((p) => p.content === undefined && p.allowedMentions.roles === undefined)).toBe(true);
  });

  test('GIVEN article text with markdown and a mention THEN it is shown as written, never formatted', () => {
    const briefing: Briefing = {
      guildId: GUILD,
      items: [{ ...item(1), headline: '**Big** [news](https://evil.example)', summary: '@everyone look', quote: null }],
      omitted: 0,
      since: 0,
    };
    const [post] = renderBriefing(briefing, '2024-06-01');
    expect(post!.embeds[0]!.title).toBe('\\*\\*Big\\*\\* \\[news](https://evil.example)');
    expect(post!.allowedMentions).toEqual({ parse: [] });
  });
});
