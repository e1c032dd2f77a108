import { describe, expect, test } from 'vitest';
import { decodePage, encodePage, pageButtons, pageCount } from '../src/discord/pages.js';

describe('page customIds', () => {
  test.each([
    { command: 'articles', page: 3, articleId: null, query: 'idlib talks' },
    { command: 'quotes', page: 0, articleId: 12, query: 'recep-tayyip-erdogan' },
    { command: 'quotes', page: 1, articleId: 7, query: '' },
    { command: 'articles', page: 2, articleId: null, query: 'time: 10:30, a "quote"' },
  ])('GIVEN $command page $page THEN the state survives a round trip', (state) => {
    const id = encodePage(state);
    expect(id).not.toBeNull();
    expect(id!.length).toBeLessThanOrEqual(100);
    expect(decodePage(id!)).toEqual(state);
  });

  test('GIVEN a state too long for 100 characters THEN it is not encoded', () => {
    expect(encodePage({ command: 'articles', page: 0, articleId: null, query: 'x'.repeat(100) })).toBeNull();
  });

  test.each(['noop:page-label', 'page:articles:x:-:', 'page:articles:1:abc:', 'other:thing', ''])('GIVEN "%s" THEN it is not a page', (id) => {
    expect(decodePage(id)).toBeNull();
  });
});

describe('page buttons', () => {
  const state = { command: 'articles', page: 0, articleId: null, query: '' };

  test('GIVEN one page THEN there are no buttons', () => {
    expect(pageButtons(state, 1)).toEqual([]);
  });

  test('GIVEN the first of five pages THEN Previous is disabled and the label reads Page 1/5', () => {
    const [row] = pageButtons(state, 5);
    expect(row?.components.map((b) => [(b as { label?: string }).label, b.disabled])).toEqual([
      ['Previous', true],
      ['Page 1/5', true],
      ['Next', false],
    ]);
    const next = row?.components[2];
    expect(next && 'custom_id' in next ? decodePage(next.custom_id)?.page : null).toBe(1);
  });

  test('GIVEN the last page THEN Next is disabled', () => {
    const [row] = pageButtons({ ...state, page: 4 }, 5);
    expect(row?.components.map((b) => b.disabled)).toEqual([false, true, true]);
  });

  test.each([
    [0, 1],
    [1, 1],
    [10, 1],
    [11, 2],
    [25, 3],
  ])('GIVEN %i items at 10 a page THEN there are %i pages', (total, pages) => {
    expect(pageCount(total, 10)).toBe(pages);
  });
});
