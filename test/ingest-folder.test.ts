import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ArticleMeta, Reading, Result } from '../src/article/types.js';
import { importFolder, watchFolder, type ImportSummary } from '../src/ingest/folder.js';
import type { ReadText } from '../src/ingest/read-task.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { inThreadIngest } from './ingest-harness.js';

const SEED = join(import.meta.dirname, '..', 'data', 'articles', 'idlib-2018-09-17.txt');

/** A stand-in engine that counts its calls: the title is the first line. */
function countingReader() {
  const calls: string[] = [];
  const read: ReadText = (text: string, _meta: ArticleMeta): Result<Reading> => {
    calls.push(text);
    const title = text.split('\n')[0] ?? null;
    return {
      ok: true,
      value: {
        title,
        date: null,
        headline: title ?? '',
        summary: [],
        quotes: [],
        speakers: [],
        facts: { people: [], places: [], organizations: [], dates: [], numbers: [], key: [] },
      },
    };
  };
  return { read, calls };
}

let dir: string;
let stores: Stores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-ingest-'));
  stores = openStores(':memory:');
});
afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const counts = (s: ImportSummary) => ({ created: s.created, updated: s.updated, unchanged: s.unchanged, failed: s.failed.length });

describe('importFolder', () => {
  test('GIVEN the folder THEN its files are the shared collection, and a text a server pasted first joins it too', async () => {
    const { read } = countingReader();
    const pasted = 'Pasted first\nin a server';
    await stores.articles.saveArticle({ source: 'discord:g1/u1/x', text: pasted, title: 'Pasted first', date: null }, (read(pasted, {}) as { value: Reading }).value, {
      collection: 'guild',
      guildId: 'g1',
      addedBy: 'u1',
    });
    write('a.txt', 'Folder file\nbody');
    write('b.txt', pasted);
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    expect(counts(summary)).toEqual({ created: 1, updated: 0, unchanged: 1, failed: 0 });
    expect((await stores.articles.listArticles('shared')).items.map((a) => a.title)).toEqual(['Folder file', 'Pasted first']);
    expect((await stores.articles.listArticles({ guildId: 'g2' })).total).toBe(2);
  });

  test('GIVEN .txt and .md files THEN each is created with its absolute path as source; other files are left alone', async () => {
    const { read } = countingReader();
    const a = write('a.txt', 'Alpha\n\nText of alpha.');
    write('b.md', 'Beta\n\nText of beta.');
    write('c.html', '<p>page</p>');
    mkdirSync(join(dir, 'sub'));
    write('sub/d.txt', 'Delta\n\nText of delta.');
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    expect(counts(summary)).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect((await stores.articles.findBySource(a))?.title).toBe('Alpha');
  });

  test('GIVEN an unchanged folder imported again THEN nothing is stored and nothing is parsed again', async () => {
    const { read, calls } = countingReader();
    write('a.txt', 'Alpha\n\nText.');
    await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    const again = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    expect(counts(again)).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(calls).toHaveLength(1);
  });

  test('GIVEN a changed file THEN it is read again and updated', async () => {
    const { read, calls } = countingReader();
    const a = write('a.txt', 'Alpha\n\nText.');
    await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    write('a.txt', 'Alpha two\n\nNew text.');
    const again = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    expect(counts(again)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    expect(calls).toHaveLength(2);
    expect((await stores.articles.findBySource(a))?.title).toBe('Alpha two');
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN the same text under another name THEN it is stored once', async () => {
    const { read } = countingReader();
    write('a.txt', 'Alpha\n\nText.');
    write('copy of a.txt', 'Alpha\n\nText.');
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    expect(counts(summary)).toEqual({ created: 1, updated: 0, unchanged: 1, failed: 0 });
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN empty, binary and too large files THEN each fails with its reason and the good one is imported', async () => {
    const { read } = countingReader();
    write('empty.txt', '  \n');
    write('binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write('large.txt', 'x'.repeat(2_000));
    write('good.txt', 'Good\n\nText.');
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read, 1_000) });
    expect(counts(summary)).toMatchObject({ created: 1, failed: 3 });
    const reasons = Object.fromEntries(summary.failed.map((f) => [f.file.slice(dir.length + 1), f.reason.split(':')[0]]));
    expect(reasons).toEqual({ 'empty.txt': 'EMPTY_TEXT', 'binary.txt': 'BINARY', 'large.txt': 'TOO_LARGE' });
  });

  test('GIVEN an engine that throws THEN that file fails and the others go on', async () => {
    const { read: good } = countingReader();
    const read: ReadText = (text, meta) => {
      if (text.startsWith('Boom')) throw new Error('engine bug');
      return good(text, meta);
    };
    write('a.txt', 'Boom\n\nText.');
    write('b.txt', 'Fine\n\nText.');
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles, read) });
    expect(summary.failed).toEqual([{ file: join(dir, 'a.txt'), reason: 'READ_FAILED: the reader failed: engine bug' }]);
    expect(summary.created).toBe(1);
  });

  test('GIVEN the seed article and the real engine THEN it is imported with its title and date', async () => {
    writeFileSync(join(dir, 'idlib.txt'), readFileSync(SEED));
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles) });
    expect(summary.failed).toEqual([]);
    const stored = (await stores.articles.latestArticle('all'))!;
    expect(stored.date).toBe('2018-09-17');
    expect((await stores.articles.getReading('all', stored.id))?.date).toBe('2018-09-17');
    expect(await stores.articles.getText(stored.id)).toBe(readFileSync(SEED, 'utf8').replace(/^\uFEFF/, ''));
  });
});

/** Resolves when `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watchFolder', () => {
  test.each([
    ['fs.watch', { watch: true, debounceMs: 30, rescanMs: 60_000 }],
    ['the periodic rescan', { watch: false, rescanMs: 50 }],
  ])('GIVEN a file added later THEN %s picks it up', async (_how, timing) => {
    const { read } = countingReader();
    write('first.txt', 'First\n\nText.');
    const summaries: ImportSummary[] = [];
    const watcher = watchFolder(dir, { ingest: inThreadIngest(stores.articles, read), ...timing, onImport: (s) => summaries.push(s) });
    try {
      await until(async () => (await stores.articles.listArticles('all')).total === 1);
      const later = write('later.txt', 'Later\n\nText.');
      await until(async () => (await stores.articles.findBySource(later)) !== null);
      expect(summaries.reduce((n, s) => n + s.created, 0)).toBe(2);
    } finally {
      await watcher.close();
    }
  });

  test('GIVEN a bad file THEN it is reported once, not on every rescan', async () => {
    const { read } = countingReader();
    write('empty.txt', '');
    const summaries: ImportSummary[] = [];
    const watcher = watchFolder(dir, { ingest: inThreadIngest(stores.articles, read), watch: false, rescanMs: 20, onImport: (s) => summaries.push(s) });
    await new Promise((r) => setTimeout(r, 150));
    await watcher.close();
    expect(summaries.flatMap((s) => s.failed).map((f) => f.reason.split(':')[0])).toEqual(['EMPTY_TEXT']);
  });
});

describe('importFolder with html: true', () => {
  test('GIVEN a saved web page THEN its article is imported through the HTML extractor, without navigation or comments', async () => {
    const page = readFileSync(join(import.meta.dirname, 'fixtures', 'ingest', 'news-page.html'));
    const file = write('harbour.html', page);
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles), html: true });
    expect(counts(summary)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    const article = (await stores.articles.findBySource(file))!;
    expect(article).toMatchObject({ title: 'Harbour council approves new ferry line', date: '2024-03-05', url: 'https://courier.example/news/harbour-ferry' });
    expect(await stores.articles.getText(article.id)).not.toContain('taxpayer');
  });

  test('GIVEN an .html file with no article THEN it is reported and the others go on', async () => {
    write('menu.html', '<html><body><nav><a href="/">Home</a></nav></body></html>');
    write('a.txt', 'Alpha\n\nText of alpha.');
    const summary = await importFolder(dir, { ingest: inThreadIngest(stores.articles), html: true });
    expect(counts(summary)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 1 });
    expect(summary.failed[0]!.reason).toMatch(/no article/);
  });
});
