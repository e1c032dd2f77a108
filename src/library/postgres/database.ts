/**
 * One PostgreSQL database as the stores use it: a pool, statements prepared once per connection
 * (named after their text), and transactions on one client. Dates and ids are `bigint` columns,
 * read back as JavaScript numbers (every value we store is far below 2^53).
 */
import pg from 'pg';

/** What a store runs its statements through: the pool, or one client inside a transaction. */
export interface Sql {
  /** Every row the statement returns. */
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** The first row, or undefined. */
  one<R>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a write; how many rows it touched. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  /** Runs several statements at once, unprepared and without parameters (a migration step). */
  exec(text: string): Promise<void>;
}

const INT8_OID = 20;
// count(*) and the bigint columns: ms timestamps and ids, all safe integers
const parseInt8 = (value: string): number => Number(value);

/** Type parsers of this pool only: the process-wide defaults of `pg` are left alone. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool with its statement names; `sql` runs on any free connection. */
export interface PgDatabase {
  pool: pg.Pool;
  sql: Sql;
  /** Runs `work` in one transaction on one client: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgDatabaseOptions {
  /** Connections in the pool (node-postgres' default: 10). */
  max?: number;
  /** Called with every statement run (the bench explains them). */
  trace?: (sql: string) => void;
}

/** Opens a pool on `url`. No connection is made until the first statement. */
export function openPgDatabase(url: string, options: PgDatabaseOptions = {}): PgDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max, types: TYPES });
  // An idle client that loses its server (a restart) must not crash the process: the next query reconnects
  pool.on('error', () => undefined);
  const names = new Map<string, string>();
  // The same text always gets the same name, so each connection prepares it once and reuses the plan
  const named = (text: string, values: readonly unknown[] | undefined): pg.QueryConfig => {
    let name = names.get(text);
    if (name === undefined) {
      name = `briefing_${names.size + 1}`;
      names.set(text, name);
    }
    options.trace?.(text);
    return { name, text, values: values as unknown[] | undefined };
  };
  const over = (client: pg.Pool | pg.PoolClient): Sql => ({
    rows: async <R>(text: string, params?: readonly unknown[]) => (await client.query(named(text, params))).rows as R[],
    one: async <R>(text: string, params?: readonly unknown[]) => (await client.query(named(text, params))).rows[0] as R | undefined,
    run: async (text: string, params?: readonly unknown[]) => (await client.query(named(text, params))).rowCount ?? 0,
    exec: async (text: string) => {
      options.trace?.(text);
      await client.query(text);
    },
  });

  async function transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(over(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return { pool, sql: over(pool), transaction, close: () => pool.end() };
}

/**
 * Keys of the advisory locks, one number per purpose: the schema migration (once per fleet),
 * and the archive's writes (saving, linking, removing articles), which keep counts by difference
 * and so must not interleave, as SQLite's single writer never does.
 */
export const LOCKS = {
  migrate: 0x62726631,
  archiveWrite: 0x62726632,
} as const;

/** Takes a transaction-scoped advisory lock: released at commit or rollback. */
export async function lockFor(sql: Sql, key: number): Promise<void> {
  await sql.one('SELECT pg_advisory_xact_lock($1)', [key]);
}

/**
 * Serialises the transactions that use the same name within one purpose (a guild's quota, a
 * channel's alert hour) without a row to lock: the two-key form of the advisory lock.
 */
export async function lockNamed(sql: Sql, purpose: number, name: string): Promise<void> {
  await sql.one('SELECT pg_advisory_xact_lock($1, hashtext($2))', [purpose, name]);
}
