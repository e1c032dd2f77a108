import { describe, expect, test } from 'vitest';
import { shownRoles } from '../src/article/attribution/roles.js';
import type { StoredArticle } from '../src/library/types.js';
import { articleDate, fitChoices, fitEmbeds, renderArticleList, renderFacts, renderHeadline, renderQuotes, shorten } from '../src/discord/render.js';
import { expectWithinDiscordLimits } from './fake-discord/limits.js';
import { idlibReading, oversizedReading } from './fake-discord/readings.js';

const article: StoredArticle = { id: 7, source: 'data/articles/idlib.txt', url: 'https://example.com/idlib', title: 'Idlib', date: '2018-09-17', hash: 'h', addedAt: 0 };

describe('shorten', () => {
  test('GIVEN text within the limit THEN it is unchanged', () => {
    expect(shorten('Erdogan said', 12)).toBe('Erdogan said');
  });

  test('GIVEN text over the limit THEN it ends with a visible ellipsis at a word boundary', () => {
    expect(shorten('Moscow and Ankara must work out a positive approach', 20)).toBe('Moscow and Ankara…');
  });
});

describe('articleDate', () => {
  test.each([
    ['2018-09-17', '17 September 2018'],
    ['2024-02-29', '29 February 2024'],
    ['2023-02-29', null],
    [null, null],
    ['September 2018', null],
  ])('renders %s as %s', (date, expected) => {
    expect(articleDate(date)).toBe(expected);
  });
});

describe('renderers', () => {
  test('GIVEN the seed reading THEN the headline embed links the source and every message allows no mentions', () => {
    for (const message of [renderHeadline(article, idlibReading()), renderFacts(article, idlibReading())]) {
      expect(message.allowedMentions).toEqual({ parse: [] });
      expect(message.embeds[0]?.url).toBe('https://example.com/idlib');
    }
  });

  test('GIVEN an undated article THEN /facts says its relative dates are unresolved and why', () => {
    const reading = { ...idlibReading(), date: null };
    reading.facts = { ...reading.facts, dates: [{ text: 'Monday', date: null }] };
    const value = renderFacts({ ...article, date: null }, reading).embeds[0]?.fields?.find((f) => f.name === 'Dates')?.value;
    expect(value).toBe('Monday → unresolved: the article gives no date');
  });

  test('GIVEN an article without a URL THEN the embed has no url at all', () => {
    const message = renderHeadline({ ...article, url: null }, idlibReading());
    expect(message.embeds[0]).not.toHaveProperty('url', null);
    expect(message.embeds[0]?.url).toBeUndefined();
  });

  test('GIVEN an oversized reading THEN every renderer stays within Discord limits', () => {
    const big = oversizedReading();
    expectWithinDiscordLimits(renderHeadline(article, big));
    expectWithinDiscordLimits(renderFacts(article, big));
  });

  test('GIVEN 300 people THEN the field lists what fits and counts the rest', () => {
    const value = renderFacts(article, oversizedReading()).embeds[0]?.fields?.find((f) => f.name === 'People')?.value ?? '';
    expect(value).toMatch(/\n… and \d+ more$/);
    const shown = value.split('\n').length - 1;
    expect(value.endsWith(`… and ${300 - shown} more`)).toBe(true);
  });

  test('GIVEN quotes from several speakers THEN each group is named with the roles, continuations marked', () => {
    const message = renderQuotes({
      title: 'Quotes',
      url: null,
      page: 0,
      pageCount: 1,
      total: 3,
      groups: [
        { name: 'Dmitry Peskov', roles: ['Kremlin spokesperson'], quotes: [{ text: 'complicated,' }, { text: 'certain differences' }] },
        { name: 'Vladimir Putin', roles: [], quotes: [{ text: 'No.' }] },
      ],
    });
    expect(message.embeds[0]?.fields?.map((f) => f.name)).toEqual(['Dmitry Peskov · Kremlin spokesperson', 'Dmitry Peskov (continued)', 'Vladimir Putin']);
    expect(message.embeds[0]?.footer?.text).toBe('3 quotes');
  });

  test('GIVEN an empty archive THEN the list says how to add articles', () => {
    const message = renderArticleList({ items: [], page: 0, pageCount: 1, total: 0, search: null });
    expect(message.embeds[0]?.description).toContain('/article add');
  });

  test('GIVEN a title with brackets THEN the markdown link is not broken', () => {
    const message = renderArticleList({ items: [{ ...article, title: 'Putin [and] Erdogan' }], page: 0, pageCount: 1, total: 1, search: null });
    expect(message.embeds[0]?.description).toContain('[Putin \\[and\\] Erdogan](https://example.com/idlib)');
  });
});

describe('fitEmbeds', () => {
  test('GIVEN 30 full fields THEN 25 remain at most, the message fits 6000, and the footer says how many were left out', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `Speaker ${i}`, value: 'x'.repeat(2000) }));
    const [embed] = fitEmbeds([{ title: 'T', fields, footer: { text: 'Page 1/1' } }]);
    expectWithinDiscordLimits({ embeds: [embed!] });
    const kept = embed!.fields!.length;
    expect(embed!.footer!.text).toBe(`Page 1/1 · ${30 - kept} more not shown`);
  });

  test('GIVEN twelve embeds THEN ten are sent', () => {
    expect(fitEmbeds(Array.from({ length: 12 }, () => ({ title: 'x' })))).toHaveLength(10);
  });
});

describe('fitChoices', () => {
  test('GIVEN 30 long choices THEN 25 come back, names and values within 100 characters', () => {
    const choices = fitChoices(Array.from({ length: 30 }, (_, i) => ({ name: 'n'.repeat(150), value: `${i}`.repeat(120) })));
    expect(choices).toHaveLength(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });
});

/** The quotes message of one speaker's group, on a page of its own. */
const renderOneGroup = (group: Parameters<typeof renderQuotes>[0]['groups'][number]) => renderQuotes({ title: 'Q', url: null, page: 0, pageCount: 1, total: 1, groups: [group] });

describe('untrusted text and links', () => {
  test('GIVEN a quote hiding a link behind words THEN the markdown is escaped and shows as written', () => {
    const message = renderOneGroup({ name: 'A *bold* man', roles: [], quotes: [{ text: 'see [my site](https://evil.example) now' }] });
    const [field] = message.embeds[0]?.fields ?? [];
    expect(field?.name).toBe('A \\*bold\\* man');
    expect(field?.value).toBe('“see \\[my site](https://evil.example) now”');
  });

  test.each(['javascript:alert(1)', 'ftp://example.com/x', 'not a url'])('GIVEN the source URL %s THEN the embed has no url', (url) => {
    expect(renderHeadline({ ...article, url }, idlibReading()).embeds[0]?.url).toBeUndefined();
  });

  test('GIVEN a URL with a parenthesis THEN the markdown link stays whole', () => {
    const message = renderArticleList({ items: [{ ...article, url: 'https://en.wikipedia.org/wiki/Idlib_(city)' }], page: 0, pageCount: 1, total: 1, search: null });
    expect(message.embeds[0]?.description).toContain('(https://en.wikipedia.org/wiki/Idlib_(city%29)');
  });

  test.each([
    [{ title: null, url: null, source: '/srv/briefing/data/articles/idlib-2018-09-17.txt' }, 'idlib-2018-09-17.txt'],
    [{ title: null, url: null, source: 'discord:300000000000000003/200000000000000002' }, 'Article #7, added in Discord'],
    [{ title: null, url: 'https://example.com/idlib', source: 'https://example.com/idlib' }, 'https://example.com/idlib'],
  ])('GIVEN an untitled article from %o THEN it is listed as %s', (overrides, label) => {
    const message = renderArticleList({ items: [{ ...article, ...overrides }], page: 0, pageCount: 1, total: 1, search: null });
    expect(message.embeds[0]?.description).toContain(label.replace(/_/g, '\\_'));
  });

  test('GIVEN an untitled reading THEN the headline becomes the title, said once', () => {
    const reading = { ...idlibReading(), title: null };
    const [embed] = renderHeadline({ ...article, title: null }, reading).embeds;
    expect(embed?.title).toBe(reading.headline);
    expect(embed?.description).not.toContain(reading.headline);
  });
});

describe("a speaker's roles as shown", () => {
  test.each([
    [['President', 'Russian president'], ['Russian president']],
    [['Turkish president', 'President'], ['Turkish president']],
    [['Kremlin spokesperson'], ['Kremlin spokesperson']],
    [['spokesman', 'Spokesman'], ['spokesman']],
    [
      ['Secretary of State', 'senator'],
      ['Secretary of State', 'senator'],
    ],
    [
      ['resident', 'Russian president'],
      ['resident', 'Russian president'],
    ],
  ])('GIVEN the roles %j THEN %j are shown', (roles, shown) => {
    expect(shownRoles(roles)).toEqual(shown);
  });

  test('GIVEN a speaker read as "President" and "Russian president" THEN the quotes field names the role once', () => {
    const message = renderOneGroup({ name: 'Vladimir Putin', roles: ['President', 'Russian president'], quotes: [{ text: 'No.' }] });
    expect(message.embeds[0]?.fields?.[0]?.name).toBe('Vladimir Putin · Russian president');
  });
});
