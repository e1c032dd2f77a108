import pg from 'pg';
import { describe, expect, inject, test } from 'vitest';
import { isStorageTransient } from '../src/library/storage-errors.js';
import { scratchDatabase } from './postgres/scratch.js';

const server = inject('postgres');

/** The error a statement on a fresh connection to `url` fails with. */
async function failureOf(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('PostgreSQL failures a delivery retries', () => {
  test.each([
    ['08006', 'a lost connection'],
    ['40001', 'a serialization failure'],
    ['40P01', 'a deadlock'],
    ['53300', 'too many clients'],
    ['53100', 'a full disk'],
    ['57P01', 'a server shutting down'],
    ['57P03', 'a server starting up'],
  ])('GIVEN SQLSTATE %s (%s) THEN it passes', (code) => {
    expect(isStorageTransient(Object.assign(new Error('x'), { code }))).toBe(true);
  });

  test.each([
    ['42601', 'a syntax error'],
    ['23505', 'a unique violation'],
    ['42P01', 'a missing table'],
  ])('GIVEN SQLSTATE %s (%s) THEN it does not', (code) => {
    expect(isStorageTransient(Object.assign(new Error('x'), { code }))).toBe(false);
  });

  test('GIVEN a server that cannot be reached THEN the refused connection passes', () => {
    expect(isStorageTransient(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isStorageTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  test.skipIf(!server)('GIVEN a real server that ends the connection, or a statement it cannot run THEN only the first passes', async () => {
    const db = await scratchDatabase(server!);
    try {
      expect(isStorageTransient(await failureOf(db.url, 'SELECT pg_terminate_backend(pg_backend_pid())'))).toBe(true);
      expect(isStorageTransient(await failureOf(db.url, 'SELECT nothing FROM nowhere'))).toBe(false);
    } finally {
      db.release();
    }
  });
});
