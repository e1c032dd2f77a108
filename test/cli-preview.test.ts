/** The offline preview's terminal text: sections only when there is something to show. */
import { describe, expect, test } from 'vitest';
import type { StoredArticle } from '../src/library/types.js';
import { formatArticle } from '../src/preview/format-article.js';
import { formatBriefing } from '../src/preview/format-briefing.js';
import { PREVIEW_WIDTH, wrap } from '../src/preview/wrap.js';
import { ERDOGAN, idlibReading, PESKOV, quote, reading } from './fake-discord/readings.js';

const stored = (overrides: Partial<StoredArticle> = {}): StoredArticle => ({
  id: 1,
  source: '/srv/briefing/data/articles/idlib-2018-09-17.txt',
  url: null,
  title: null,
  date: null,
  hash: 'h',
  addedAt: 0,
  ...overrides,
});

describe('wrap', () => {
  test('GIVEN a long sentence THEN no line passes the width and the words survive in order', () => {
    const text = 'Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis in Syria, '.repeat(4);
    const lines = wrap(text, '  > ', '    ');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(PREVIEW_WIDTH);
    expect(lines[0]!.startsWith('  > Moscow')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('    ') && !l.startsWith('     '))).toBe(true);
    expect(lines.map((l) => l.trim().replace(/^> /, '')).join(' ')).toBe(text.trim());
  });

  test('GIVEN a word longer than a line THEN it stays whole on its own line', () => {
    const url = `https://example.com/${'a'.repeat(120)}`;
    expect(wrap(`see ${url} now`)).toEqual(['see', url, 'now']);
  });

  test('GIVEN empty text THEN no lines', () => {
    expect(wrap('   ')).toEqual([]);
  });
});

describe('formatArticle', () => {
  test('GIVEN a reading with no headline, summary or facts yet THEN those sections are left out and nothing says undefined', () => {
    const text = formatArticle(stored(), reading({ quotes: [quote('We fight against all terror groups,', ERDOGAN)], speakers: [ERDOGAN] }), 1, 1);
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    expect(text).not.toContain('Headline');
    expect(text).not.toContain('Key facts');
    expect(text).not.toContain('Date:');
    expect(text).toContain('Article 1/1: idlib-2018-09-17.txt');
    expect(text).toContain('Recep Tayyip Erdogan — Turkish leader, Turkish president\n    “We fight against all terror groups,”');
  });

  test('GIVEN quotes by several speakers THEN each is grouped under its speaker, partial ones marked, unattributed ones under “Unattributed”', () => {
    const r = reading({
      quotes: [quote('complicated,', PESKOV, 'partial'), quote('Nobody claimed this one.', null), quote('certain differences in approach', PESKOV, 'partial')],
      speakers: [PESKOV],
    });
    const text = formatArticle(stored(), r, 1, 1);
    expect(text).toContain(
      'Dmitry Peskov — Kremlin spokesperson\n    “complicated,” (partial)\n    “certain differences in approach” (partial)\n  Unattributed\n    “Nobody claimed this one.”',
    );
  });

  test('GIVEN the full reading THEN headline, summary, key facts and resolved dates are shown', () => {
    const r = idlibReading();
    r.facts = { ...r.facts, dates: [{ text: 'September 7', date: '2018-09-07' }], key: ['The leaders meet in Sochi'] };
    const text = formatArticle(stored({ title: r.title }), r, 2, 3);
    expect(text).toContain(`Article 2/3: ${r.title}`);
    expect(text).toContain('  Date: 2018-09-17');
    expect(text).toContain(`Headline\n--------\n  ${r.headline}`);
    expect(text).toContain('  • The leaders meet in Sochi');
    expect(text).toContain('Dates: September 7 → 2018-09-07');
  });
});

describe('formatBriefing', () => {
  test('GIVEN items THEN numbered headline, summary and quote with its speaker; omitted ones counted', () => {
    const text = formatBriefing({
      guildId: 'preview',
      since: 0,
      omitted: 2,
      items: [
        {
          articleId: 1,
          headline: 'Erdogan seeks a positive approach',
          summary: 'Talks in Sochi.',
          quote: { text: 'I hope so', speaker: 'Recep Tayyip Erdogan' },
          url: null,
          score: 1,
          date: null,
          also: [],
        },
      ],
    });
    expect(text).toBe(
      ['Daily briefing', '==============', ' 1. Erdogan seeks a positive approach', '   Talks in Sochi.', '   > “I hope so” — Recep Tayyip Erdogan', '… and 2 more articles.'].join(
        '\n',
      ),
    );
  });

  test('GIVEN nothing new THEN it says so', () => {
    expect(formatBriefing({ guildId: 'preview', since: 0, omitted: 0, items: [] })).toContain('Nothing new to brief on.');
  });
});
