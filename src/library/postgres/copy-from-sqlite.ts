/**
 * `briefing migrate --to postgres://…`: copies an SQLite archive into an empty PostgreSQL
 * database, every table, row for row, then counts both sides. The tables share their names and
 * columns (postgres/migrations.ts), so each is copied as it is, parents before children; what
 * PostgreSQL derives itself (the search index, the article counter, the id sequences) is rebuilt
 * from the copied rows. The copy is one transaction: a failure leaves the target as it was.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from '../migrations.js';
import { LOCKS, lockFor, openPgDatabase, type PgDatabase, type Sql } from './database.js';
import { migratePostgres } from './migrations.js';

/** One table's rows on each side after the copy. */
export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

export interface CopyReport {
  tables: TableCount[];
  /** Every table has as many rows in PostgreSQL as in SQLite. */
  ok: boolean;
}

/** The target already holds an archive: the copy goes into an empty database only. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

/** SQLite's own, and what it derives that PostgreSQL derives its own way (rebuilt after the copy). */
const NOT_COPIED = /^(sqlite_|articles_fts|quotes_fts)|^counters$/;
/** Rows per INSERT: one statement carries each column as an array. */
const BATCH_ROWS = 1_000;
/** Text per INSERT, whatever the rows: a batch of long articles stays a few megabytes. */
const BATCH_CHARS = 8_000_000;
/** What the schema puts in an empty archive: the shared collection, and the schema's version. */
const SEEDED: Record<string, number> = { collections: 1 };

interface Column {
  name: string;
  type: string;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The tables to copy, parents before children (by the foreign keys of the PostgreSQL schema), with their columns. */
async function targetTables(sql: Sql): Promise<Map<string, Column[]>> {
  const columns = await sql.rows<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, NULL) AS type
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  const edges = await sql.rows<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND c.conrelid <> c.confrelid`,
  );
  const byTable = new Map<string, Column[]>();
  for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), { name: c.name, type: c.type }]);
  const ordered = new Map<string, Column[]>();
  const visiting = new Set<string>();
  // Depth first: a table's parents are placed before it
  const visit = (table: string): void => {
    if (ordered.has(table) || visiting.has(table) || !byTable.has(table)) return;
    visiting.add(table);
    for (const e of edges) if (e.child === table) visit(e.parent);
    ordered.set(table, byTable.get(table)!);
  };
  for (const table of [...byTable.keys()].sort()) visit(table);
  return ordered;
}

/** The SQLite tables that hold data to copy, each with its columns. */
function sourceTables(db: Database.Database): Map<string, string[]> {
  const names = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((n) => !NOT_COPIED.test(n));
  return new Map(
    names.map((n) => [
      n,
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${n.replace(/'/g, "''")}')`)
        .all()
        .map((c) => c.name),
    ]),
  );
}

/** Refuses a target that holds anything beyond what the schema puts in an empty archive. */
async function checkEmpty(sql: Sql, tables: Iterable<string>): Promise<void> {
  const full: string[] = [];
  for (const table of tables) {
    const n = (await sql.one<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`))!.n;
    if (n > (SEEDED[table] ?? 0)) full.push(`${table}: ${n}`);
  }
  if (full.length > 0) {
    throw new TargetNotEmptyError(
      `the PostgreSQL database already holds an archive (${full.join(', ')} rows): migrate copies into an empty database only, so nothing is mixed or lost; create a new database, or empty this one`,
    );
  }
}

/**
 * Columns PostgreSQL has and SQLite has not, computed from each copied row (`u`) as it goes in:
 * a quote's search entry holds its words and its speaker's name (the speakers are copied first).
 */
const DERIVED: Record<string, Record<string, string>> = {
  quotes: { search: "briefing_words(u.text || ' ' || coalesce((SELECT s.name FROM speakers s WHERE s.id = u.speaker_id), ''))" },
};

/** Copies one table in batches; returns the rows copied. */
async function copyTable(db: Database.Database, sql: Sql, table: string, columns: Column[]): Promise<number> {
  const list = columns.map((c) => ident(c.name)).join(', ');
  const derived = Object.entries(DERIVED[table] ?? {});
  const insert = `INSERT INTO ${ident(table)} (${[list, ...derived.map(([c]) => ident(c))].join(', ')})
    SELECT ${['u.*', ...derived.map(([, expression]) => expression)].join(', ')}
    FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) AS u (${list})`;
  let batch: unknown[][] = columns.map(() => []);
  let rows = 0;
  let chars = 0;
  const flush = async (): Promise<void> => {
    if (batch[0]!.length === 0) return;
    await sql.run(insert, batch);
    batch = columns.map(() => []);
    chars = 0;
  };
  const select = db.prepare(`SELECT ${list} FROM ${ident(table)}`).raw(true);
  for (const row of select.iterate() as Iterable<unknown[]>) {
    row.forEach((value, i) => {
      batch[i]!.push(value);
      if (typeof value === 'string') chars += value.length;
    });
    rows++;
    if (batch[0]!.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  return rows;
}

/**
 * Drops the indexes of the tables that are not their keys, and returns a way to build them
 * again: an index built once over the copied rows costs a fraction of one kept up row by row.
 */
async function setIndexesAside(sql: Sql, tables: string[]): Promise<() => Promise<void>> {
  const indexes = await sql.rows<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [tables],
  );
  for (const index of indexes) await sql.run(`DROP INDEX ${ident(index.name)}`);
  return async () => {
    for (const index of indexes) await sql.run(index.definition);
  };
}

/** What PostgreSQL keeps that SQLite keeps its own way: the search index, the counter, the sequences. */
async function rebuildDerived(sql: Sql, tables: Map<string, Column[]>): Promise<void> {
  await sql.run(
    `INSERT INTO article_search (article_id, words, collections)
     SELECT a.id, briefing_words(coalesce(a.title, '') || ' ' || a.text),
       coalesce((SELECT array_agg(ca.collection_id ORDER BY ca.collection_id) FROM collection_articles ca WHERE ca.article_id = a.id), '{}')
     FROM articles a`,
  );
  await sql.run("UPDATE counters SET value = (SELECT count(*) FROM articles) WHERE name = 'articles'");
  const identities = await sql.rows<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table, column } of identities) {
    if (!tables.has(table)) continue;
    await sql.one(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${ident(column)}) FROM ${ident(table)}), 1), (SELECT count(*) > 0 FROM ${ident(table)}))`, [
      ident(table),
      column,
    ]);
  }
}

/** Counts each copied table on both sides. */
async function countBoth(db: Database.Database, sql: Sql, tables: Iterable<string>): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of tables) {
    const sqlite = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`).get()!.n;
    const postgres = (await sql.one<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`))!.n;
    counts.push({ table, sqlite, postgres });
  }
  return counts;
}

/**
 * Copies the SQLite archive at `sqlitePath` into the PostgreSQL database at `url` (its schema
 * made if need be), then counts every table on both sides. Refuses a target that is not empty
 * (TargetNotEmptyError) and an SQLite table PostgreSQL has no place for.
 */
export async function copySqliteToPostgres(sqlitePath: string, url: string, options: { log?: (line: string) => void } = {}): Promise<CopyReport> {
  const log = options.log ?? (() => undefined);
  if (!existsSync(sqlitePath)) throw new Error(`no SQLite archive at ${sqlitePath} (BRIEFING_DB): nothing to copy`);
  const source = new Database(sqlitePath, { fileMustExist: true });
  let target: PgDatabase | null = null;
  try {
    // An archive written by an older briefing is brought up to this one's schema first
    migrate(source);
    target = openPgDatabase(url, { max: 2 });
    await migratePostgres(target);
    const from = sourceTables(source);
    const to = await targetTables(target.sql);
    const copied = new Map([...to].filter(([table]) => from.has(table)));
    for (const [table, columns] of from) {
      const known = to.get(table);
      const missing = columns.filter((c) => !known?.some((k) => k.name === c));
      if (!known || missing.length > 0)
        throw new Error(
          `the SQLite table ${table} has ${known ? `columns (${missing.join(', ')})` : 'no table'} to go to in PostgreSQL: is this briefing older than the one that wrote the file?`,
        );
    }
    await target.transaction(async (sql) => {
      // Bots started on the target wait for the copy rather than write beside it
      await lockFor(sql, LOCKS.archiveWrite);
      await checkEmpty(sql, copied.keys());
      for (const table of Object.keys(SEEDED)) if (copied.has(table)) await sql.run(`DELETE FROM ${ident(table)}`);
      const rebuildIndexes = await setIndexesAside(sql, [...copied.keys(), 'article_search']);
      for (const [table, columns] of copied) {
        const started = Date.now();
        const rows = await copyTable(
          source,
          sql,
          table,
          columns.filter((c) => from.get(table)!.includes(c.name)),
        );
        log(`copied ${table}: ${rows} rows (${Date.now() - started} ms)`);
      }
      let started = Date.now();
      await rebuildDerived(sql, copied);
      log(`built the search index (${Date.now() - started} ms)`);
      started = Date.now();
      await rebuildIndexes();
      log(`built the indexes (${Date.now() - started} ms)`);
    });
    const tables = await countBoth(source, target.sql, copied.keys());
    return { tables, ok: tables.every((t) => t.sqlite === t.postgres) };
  } finally {
    source.close();
    await target?.close();
  }
}
