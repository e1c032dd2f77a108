import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { main } from '../src/cli.js';
import { describeArchive, openStoresFor } from '../src/library/open-stores-for.js';
import { redactUrl } from '../src/library/postgres/redact-url.js';
import { scratchDatabase } from './postgres/scratch.js';
import { article, reading } from './stores/readings.js';

const SEED_DIR = path.resolve(import.meta.dirname, '..', 'data', 'articles');
const server = inject('postgres');

describe('the archive the configuration names', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'briefing-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN no DATABASE_URL THEN it is the SQLite file at BRIEFING_DB, made on first use', async () => {
    const dbPath = path.join(dir, 'data', 'briefing.sqlite');
    const stores = await openStoresFor({ dbPath, databaseUrl: null });
    await stores.articles.saveArticle(article('a.txt', 'Some text.', 'A', null), reading('A', null, []), { collection: 'shared' });
    await stores.close();
    expect(existsSync(dbPath)).toBe(true);
    expect(describeArchive({ dbPath, databaseUrl: null })).toBe(dbPath);
  });

  test('GIVEN a DATABASE_URL with a password THEN the archive is described without it', () => {
    const where = { dbPath: 'unused.sqlite', databaseUrl: 'postgres://briefing:s3cret@db.internal:5432/briefing' };
    expect(describeArchive(where)).toBe('PostgreSQL postgres://briefing:***@db.internal:5432/briefing');
    expect(redactUrl('connect failed for postgres://briefing:s3cret@db.internal/x and postgres://u:p2@h/y')).not.toMatch(/s3cret|p2@/);
  });

  test.skipIf(!server)('GIVEN DATABASE_URL THEN briefing ingest stores into PostgreSQL and writes no SQLite file', async () => {
    const scratch = await scratchDatabase(server!);
    const dbPath = path.join(dir, 'briefing.sqlite');
    try {
      let err = '';
      const code = await main(['ingest', SEED_DIR], { env: { BRIEFING_DB: dbPath, DATABASE_URL: scratch.url }, stdout: () => undefined, stderr: (t) => void (err += t) });
      expect([code, err]).toEqual([0, '']);
      const stores = await openStoresFor({ dbPath, databaseUrl: scratch.url });
      try {
        const { items } = await stores.articles.listArticles('all');
        expect(items.map((a) => path.basename(a.source))).toEqual(['idlib-2018-09-17.txt']);
        expect((await stores.speakers.findSpeakers('all', 'Erdogan')).matches.length).toBeGreaterThan(0);
      } finally {
        await stores.close();
      }
      expect(existsSync(dbPath)).toBe(false);
    } finally {
      scratch.release();
    }
  });
});
