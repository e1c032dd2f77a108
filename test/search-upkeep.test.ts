import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { openStores } from '../src/library/open-stores.js';
import { startSearchUpkeep } from '../src/library/search-upkeep.js';
import { article, reading } from './stores/readings.js';

/** Steps until the upkeep reports nothing left, or -1 past `max`. */
async function stepsToFinish(tidy: () => Promise<boolean>, max = 1_000): Promise<number> {
  for (let steps = 1; steps <= max; steps++) if (!(await tidy())) return steps;
  return -1;
}

describe('the SQLite search index upkeep', () => {
  test('GIVEN forty articles saved one by one THEN the saves left their index merging to the upkeep, which finishes it, and searches find the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-upkeep-'));
    const stores = openStores(join(dir, 'archive.sqlite'));
    try {
      // FTS5's own merging inside each write is off for both indexes
      const db = new Database(join(dir, 'archive.sqlite'), { readonly: true });
      const automerge = ['articles_fts', 'quotes_fts'].map((t) => db.prepare(`SELECT v FROM ${t}_config WHERE k = 'automerge'`).pluck().get());
      db.close();
      expect(automerge).toEqual([0, 0]);
      for (let i = 1; i <= 40; i++) {
        const words = `Article ${i} about the Kremlin and sanctions, number${i}.`;
        await stores.articles.saveArticle(article(`a${i}.txt`, words, `Title ${i}`, null), reading(`Title ${i}`, null, [[`Quote ${i} on sanctions`, 'Dmitry Peskov']]), {
          collection: 'guild',
          guildId: `g${i % 3}`,
          addedBy: 'u1',
        });
      }
      const before = await stores.articles.listArticles('all', { search: 'kremlin', limit: 50 });
      const scoped = await stores.articles.listArticles({ guildId: 'g1' }, { search: 'sanctions', limit: 50 });
      const quotes = await stores.speakers.searchQuotes('all', 'sanctions', { limit: 50 });
      // Saves merge nothing themselves: the first step has work; then it ends, and stays ended
      expect(await stores.tidySearch()).toBe(true);
      expect(await stepsToFinish(() => stores.tidySearch())).toBeGreaterThan(0);
      expect(await stores.tidySearch()).toBe(false);
      expect(await stores.articles.listArticles('all', { search: 'kremlin', limit: 50 })).toEqual(before);
      expect(before.total).toBe(40);
      expect(await stores.articles.listArticles({ guildId: 'g1' }, { search: 'sanctions', limit: 50 })).toEqual(scoped);
      expect(scoped.total).toBe(14);
      expect(await stores.speakers.searchQuotes('all', 'sanctions', { limit: 50 })).toEqual(quotes);
      expect(quotes.total).toBe(40);
    } finally {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the upkeep timer', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('GIVEN merging left THEN each tick runs a few steps, each on its own turn, until none is left; stop ends it', async () => {
    let left = 6;
    const ticks: number[] = [];
    const stores = {
      tidySearch: () => {
        ticks.push(Date.now());
        return Promise.resolve(--left > 0);
      },
    };
    const upkeep = startSearchUpkeep(stores, () => undefined, 20);
    await wait(150);
    upkeep.stop();
    const calls = ticks.length;
    // 6 steps of work (the last reports none left), then one idle step per tick
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(left).toBeLessThanOrEqual(0);
    await wait(60);
    expect(ticks.length).toBe(calls);
  });

  test('GIVEN a step that fails (a locked file) THEN it is reported and the next tick tries again', async () => {
    const warnings: string[] = [];
    let calls = 0;
    const stores = {
      tidySearch: () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('database is locked')) : Promise.resolve(false);
      },
    };
    const upkeep = startSearchUpkeep(stores, (line) => warnings.push(line), 15);
    await wait(80);
    upkeep.stop();
    expect(warnings).toEqual(['The search index upkeep failed: database is locked']);
    expect(calls).toBeGreaterThan(1);
  });
});
