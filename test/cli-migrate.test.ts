import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { main } from '../src/cli.js';
import { scratchDatabase } from './postgres/scratch.js';

const SEED_DIR = path.resolve(import.meta.dirname, '..', 'data', 'articles');
const server = inject('postgres');

/** Runs the CLI with BRIEFING_DB in a temporary folder; what it printed, and its exit code. */
async function cli(args: string[], dbPath: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { env: { BRIEFING_DB: dbPath }, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('briefing migrate, arguments', () => {
  test('GIVEN no --to or a URL that is not PostgreSQL THEN it says what it needs and exits 2', async () => {
    for (const args of [['migrate'], ['migrate', '--to'], ['migrate', '--to', 'mysql://db/briefing']]) {
      const { code, err } = await cli(args, '/nonexistent/briefing.sqlite');
      expect(code).toBe(2);
      expect(err).toContain('--to postgres://');
    }
  });
});

describe.skipIf(!server)('briefing migrate --to postgres://…', () => {
  let dir: string;
  let target: { url: string; release(): void };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'briefing-migrate-'));
    target = await scratchDatabase(server!);
  });
  afterEach(() => {
    target.release();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GIVEN the seed archive THEN it is copied, every count is printed equal, and a second run is refused', async () => {
    const db = path.join(dir, 'briefing.sqlite');
    expect((await cli(['ingest', SEED_DIR], db)).code).toBe(0);
    const first = await cli(['migrate', '--to', target.url], db);
    expect(first).toMatchObject({ code: 0, err: '' });
    const rows = new Map([...first.out.matchAll(/^(\w+) +(\d+) +(\d+)$/gm)].map((m) => [m[1], [Number(m[2]), Number(m[3])]]));
    expect(rows.get('articles')).toEqual([1, 1]);
    expect(rows.get('quotes')![0]).toBeGreaterThan(0);
    for (const [table, [sqlite, postgres]] of rows) expect([table, postgres]).toEqual([table, sqlite]);
    expect(first.out).toContain('every count equal');

    const again = await cli(['migrate', '--to', target.url], db);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds an archive');
  });

  test('GIVEN no archive at BRIEFING_DB THEN it says so and exits 1', async () => {
    const { code, err } = await cli(['migrate', '--to', target.url], path.join(dir, 'missing.sqlite'));
    expect(code).toBe(1);
    expect(err).toContain('no SQLite archive');
  });
});
