import { afterEach, describe, expect, inject, test } from 'vitest';
import { SchemaVersionError } from '../src/library/migrations.js';
import { openPgDatabase, type PgDatabase } from '../src/library/postgres/database.js';
import { migratePostgres, pgSchemaVersion, PG_MIGRATIONS } from '../src/library/postgres/migrations.js';
import { openPostgresStores } from '../src/library/postgres/open.js';
import { rankCount, rankCountPg } from '../src/library/speakers.js';
import { emptyDatabase, withClient } from './postgres/scratch.js';

const server = inject('postgres');

describe.skipIf(!server)('PostgreSQL migrations', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function fresh(): Promise<string> {
    const db = await emptyDatabase(server!);
    cleanup.push(() => db.drop());
    return db.url;
  }
  function pool(url: string): PgDatabase {
    const db = openPgDatabase(url, { max: 2 });
    cleanup.push(() => db.close());
    return db;
  }

  test('GIVEN an empty database THEN every step is applied once, and a second run applies none', async () => {
    const url = await fresh();
    const db = pool(url);
    expect(await pgSchemaVersion(db)).toBe(0);
    expect(await migratePostgres(db)).toEqual(PG_MIGRATIONS.map((m) => m.name));
    expect(await pgSchemaVersion(db)).toBe(PG_MIGRATIONS.length);
    expect(await migratePostgres(db)).toEqual([]);
  });

  test('GIVEN several processes starting at once on an empty database THEN exactly one of them makes the schema', async () => {
    const url = await fresh();
    const applied = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(pool(url))));
    expect(applied.filter((steps) => steps.length > 0)).toEqual([PG_MIGRATIONS.map((m) => m.name)]);
    const rows = await withClient(url, async (client) => (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows);
    expect(rows).toEqual([{ version: PG_MIGRATIONS.length }]);
  });

  test('GIVEN a step appended to the list THEN a migrated database applies that step only', async () => {
    const url = await fresh();
    await migratePostgres(pool(url));
    const next = [...PG_MIGRATIONS, { name: 'a later step', sql: 'CREATE TABLE later (x INTEGER)' }];
    expect(await migratePostgres(pool(url), next)).toEqual(['a later step']);
    expect(await pgSchemaVersion(pool(url))).toBe(next.length);
  });

  test('GIVEN a step that fails THEN the database is left as it was', async () => {
    const url = await fresh();
    const broken = [...PG_MIGRATIONS, { name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT nothing FROM nowhere' }];
    await expect(migratePostgres(pool(url), broken)).rejects.toThrow(/nowhere/);
    expect(await pgSchemaVersion(pool(url))).toBe(0);
  });

  test('GIVEN a database written by a newer briefing THEN opening it refuses, saying so', async () => {
    const url = await fresh();
    await migratePostgres(pool(url));
    await withClient(url, (client) => client.query('UPDATE schema_version SET version = version + 1'));
    const opening = openPostgresStores(url);
    await expect(opening).rejects.toThrow(SchemaVersionError);
    await expect(openPostgresStores(url)).rejects.toThrow(`newer than this program's ${PG_MIGRATIONS.length}`);
  });

  test('GIVEN any count THEN PostgreSQL computes the same autocomplete rank as the program', async () => {
    const url = await fresh();
    const counts = [0, 1, 2, 3, 1000, 2 ** 31 - 1, ...Array.from({ length: 31 }, (_, k) => [2 ** k - 1, 2 ** k, 2 ** k + 1]).flat()].filter((n) => n < 2 ** 31);
    const ranks = await withClient(
      url,
      async (client) => (await client.query<{ r: number }>(`SELECT ${rankCountPg('n')} AS r FROM unnest($1::integer[]) WITH ORDINALITY AS u (n, i) ORDER BY i`, [counts])).rows,
    );
    expect(ranks.map((r) => r.r)).toEqual(counts.map(rankCount));
  });

  test('GIVEN a server that cannot be reached THEN opening fails with the address, never the password', async () => {
    const url = 'postgres://briefing:s3cret@127.0.0.1:1/briefing';
    const error: unknown = await openPostgresStores(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LibraryOpenError' });
    expect(String((error as Error).message)).toContain('127.0.0.1:1');
    expect(String((error as Error).message)).not.toContain('s3cret');
  });
});
