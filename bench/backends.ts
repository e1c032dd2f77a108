/**
 * Where a bench keeps the library: PostgreSQL (a throwaway cluster, or BRIEFING_BENCH_DATABASE_URL
 * naming a server whose role may create databases) and one SQLite file, one after the other in
 * the same run; BRIEFING_BENCH_DB=sqlite or =postgres runs one of them only.
 */
import { findPostgresBin, startCluster, type Cluster } from '../test/postgres/cluster.js';
import { databaseUrl, quoteIdent, withClient } from '../test/postgres/scratch.js';

/** Where a bench keeps the library: a fresh PostgreSQL database each (`next()`), or SQLite files (null). */
export interface Backend {
  name: string;
  /** A new empty database's URL; null: a SQLite file in the workspace. */
  next(): Promise<string | null>;
  close(): Promise<void>;
}

export const SQLITE: Backend = { name: 'one SQLite file', next: () => Promise.resolve(null), close: () => Promise.resolve() };

/**
 * PostgreSQL when a server can be had (BRIEFING_BENCH_DATABASE_URL, else a throwaway cluster), then
 * SQLite; BRIEFING_BENCH_DB=sqlite or =postgres runs one of them only.
 */
async function backends(): Promise<{ list: Backend[]; skipped: string | null }> {
  const only = process.env.BRIEFING_BENCH_DB?.trim();
  if (only === 'sqlite') return { list: [SQLITE], skipped: null };
  const external = process.env.BRIEFING_BENCH_DATABASE_URL?.trim();
  let cluster: Cluster | null = null;
  let server = external ?? null;
  if (!server) {
    const bin = findPostgresBin();
    if (!bin) return { list: [SQLITE], skipped: 'PostgreSQL SKIPPED: initdb and pg_ctl not found (install postgresql, or set BRIEFING_BENCH_DATABASE_URL)' };
    cluster = await startCluster(bin);
    server = cluster.url;
  }
  const url = server;
  let made = 0;
  const names: string[] = [];
  const postgres: Backend = {
    name: 'PostgreSQL',
    async next() {
      const name = `briefing_bench_${process.pid}_${++made}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      names.push(name);
      return databaseUrl(url, name);
    },
    async close() {
      await withClient(url, async (client) => {
        for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }).catch(() => undefined);
      await cluster?.stop();
    },
  };
  return { list: only === 'postgres' ? [postgres] : [postgres, SQLITE], skipped: null };
}

/** Runs `bench` on every backend; the lines of each, PostgreSQL first. */
export async function onEachBackend(bench: (backend: Backend) => Promise<string>): Promise<string> {
  const { list, skipped } = await backends();
  const lines: string[] = skipped ? [skipped] : [];
  try {
    for (const backend of list) lines.push(await bench(backend));
  } finally {
    for (const backend of list) await backend.close();
  }
  return lines.join('\n');
}
