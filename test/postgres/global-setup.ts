/**
 * Vitest's global setup: a real PostgreSQL server for the store contract tests. The server is
 * `BRIEFING_TEST_DATABASE_URL` when set, else a throwaway cluster started here (initdb, pg_ctl)
 * and stopped at the end of the run. Without either, the PostgreSQL suites are skipped, and the
 * run says so plainly, with how to run them.
 */
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../src/library/postgres/migrations.js';
import { openPgDatabase } from '../../src/library/postgres/database.js';
import { findPostgresBin, startCluster, type Cluster } from './cluster.js';
import { databaseUrl, quoteIdent, resetSqlOf, withClient, type TestPostgres } from './scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server and its migrated template; null when the PostgreSQL suites are skipped. */
    postgres: TestPostgres | null;
  }
}

/** What the run prints, at its start and its end, when the PostgreSQL suites are skipped. */
export const skippedNotice = (why: string): string =>
  [
    '',
    `PostgreSQL suite SKIPPED: ${why}.`,
    'The store contract tests ran on SQLite only. To run them on PostgreSQL too, either',
    '  - install PostgreSQL (Debian/Ubuntu: apt-get install postgresql), and run npm test again, or',
    '  - point the tests at a server you have: BRIEFING_TEST_DATABASE_URL=postgres://user@host:5432/postgres npm test',
    '    (the role must be allowed to create databases).',
    '',
  ].join('\n');

async function migrateTemplate(url: string): Promise<void> {
  const db = openPgDatabase(url);
  try {
    await migratePostgres(db);
  } finally {
    await db.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.BRIEFING_TEST_DATABASE_URL?.trim();
  let cluster: Cluster | null = null;
  let url: string;
  if (external) {
    url = external;
  } else {
    const off = process.env.BRIEFING_TEST_POSTGRES?.trim() === 'skip';
    const bin = off ? null : findPostgresBin();
    if (!bin) {
      const notice = skippedNotice(off ? 'BRIEFING_TEST_POSTGRES=skip' : 'initdb and pg_ctl were not found (neither on PATH nor in /usr/lib/postgresql/*/bin)');
      project.provide('postgres', null);
      console.warn(notice);
      // Said again at the end, where a reader of the run looks
      return async () => void console.warn(notice);
    }
    cluster = await startCluster(bin);
    url = cluster.url;
  }
  // Migrated once; every store the tests open is a copy of it
  const prefix = `briefing_t${process.pid}_`;
  const template = `${prefix}template`;
  const dropAll = async (): Promise<void> => {
    await withClient(url, async (client) => {
      const { rows } = await client.query<{ name: string }>('SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const { name } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    });
  };
  let server: TestPostgres;
  try {
    await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
    await migrateTemplate(databaseUrl(url, template));
    server = { url, template, prefix, resetSql: await resetSqlOf(databaseUrl(url, template)) };
  } catch (error) {
    await dropAll().catch(() => undefined);
    await cluster?.stop();
    throw error;
  }
  project.provide('postgres', server);
  return async () => {
    await dropAll().catch(() => undefined);
    await cluster?.stop();
  };
}
