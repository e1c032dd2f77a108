/**
 * Scratch databases on the test server, one per open store. A database is made once per test
 * worker from the template the global setup migrated (a copy costs about a second), and after a
 * store closes it is reset for the next one: every table emptied, the template's rows (the shared
 * collection, the counters) put back and every sequence restarted where the template's stands.
 * Each store so starts from a database as fresh as the template, and no two open stores share one.
 */
import pg from 'pg';

/** What the global setup hands the tests. */
export interface TestPostgres {
  /** A superuser's (or CREATEDB role's) URL on a maintenance database. */
  url: string;
  /** The migrated database every scratch database is copied from. */
  template: string;
  /** Every database of this run starts with it, so the end of the run drops them all. */
  prefix: string;
  /** Brings a scratch database back to the template's state. */
  resetSql: string;
}

/** `url` with another database name. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work` on one connection to `url`, closed after. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

// This worker's databases that no open store holds now
const free: string[] = [];
let made = 0;

/** A database as fresh as the template for one store; `release()` once the store is closed. */
export async function scratchDatabase(server: TestPostgres): Promise<{ url: string; release(): void }> {
  let name = free.pop();
  if (name === undefined) {
    name = `${server.prefix}${process.pid}_${++made}`;
    const copy = quoteIdent(name);
    await withClient(server.url, (client) => client.query(`CREATE DATABASE ${copy} TEMPLATE ${quoteIdent(server.template)}`));
  } else {
    await withClient(databaseUrl(server.url, name), (client) => client.query(server.resetSql));
  }
  const taken = name;
  return { url: databaseUrl(server.url, taken), release: () => void free.push(taken) };
}

/** The SQL that resets a copy of the database at `url` to the state it is in now. */
export async function resetSqlOf(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const tables = (
      await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version' ORDER BY 1")
    ).rows.map((r) => r.name);
    const statements = tables.map((t) => `DELETE FROM ${quoteIdent(t)};`);
    for (const t of tables) {
      const rows = (await client.query<{ rows: unknown[] | null }>(`SELECT json_agg(t) AS rows FROM ${quoteIdent(t)} t`)).rows[0]?.rows;
      if (rows?.length) statements.push(`INSERT INTO ${quoteIdent(t)} SELECT * FROM json_populate_recordset(NULL::${quoteIdent(t)}, ${pg.escapeLiteral(JSON.stringify(rows))});`);
    }
    const sequences = await client.query<{ name: string; value: string | null; start: string }>(
      'SELECT quote_ident(schemaname) || $$.$$ || quote_ident(sequencename) AS name, last_value AS value, start_value AS start FROM pg_sequences WHERE schemaname = current_schema()',
    );
    for (const s of sequences.rows) statements.push(`SELECT setval(${pg.escapeLiteral(s.name)}, ${s.value ?? s.start}, ${s.value !== null});`);
    return `BEGIN; ${statements.join(' ')} COMMIT;`;
  });
}

/** A database with no schema at all (briefing never wrote to it); `drop()` removes it. */
export async function emptyDatabase(server: TestPostgres): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${server.prefix}${process.pid}_empty_${++made}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return {
    url: databaseUrl(server.url, name),
    drop: () => withClient(server.url, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`))),
  };
}
