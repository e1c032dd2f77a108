/**
 * The fleet store on PostgreSQL: Discord's request budget as one row per budget, taken with
 * the same atomic upsert as on SQLite (see ../fleet-store.ts). The upsert locks the row for
 * the length of one statement, so processes taking slots at once are served one after the
 * other, each a slot further on; no transaction or advisory lock is needed.
 */
import type pg from 'pg';
import type { FleetStore } from '../fleet-store.js';

/** The table, for the PostgreSQL migration list (appended there as the next migration). */
export const FLEET_STORE_DDL = `
  -- Issue 13: one row per budget, the earliest instant (microseconds since epoch) its next request may go out
  CREATE TABLE request_budget (
    name TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL
  );
`;

const TAKE = `INSERT INTO request_budget (name, next_at) VALUES ($1, $2::bigint + $3::bigint)
  ON CONFLICT (name) DO UPDATE SET next_at = GREATEST(request_budget.next_at, $2::bigint) + $3::bigint
  WHERE request_budget.next_at < $2::bigint + $4::bigint
  RETURNING next_at`;
const READ = 'SELECT next_at FROM request_budget WHERE name = $1';
const DEFER = `INSERT INTO request_budget (name, next_at) VALUES ($1, $2::bigint)
  ON CONFLICT (name) DO UPDATE SET next_at = GREATEST(request_budget.next_at, excluded.next_at)`;

/** What the store needs of a pool: `query(text, params)`. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** The PostgreSQL fleet store over a pool (bigint read back as text, whatever the pool's type parsers). */
export function createPgFleetStore(pool: Queryable): FleetStore {
  return {
    async takeRequestSlot({ name, now, interval, horizon }) {
      const taken = await pool.query<{ next_at: string | number }>(TAKE, [name, now, interval, horizon]);
      const row = taken.rows[0];
      if (row) return { granted: true, at: Number(row.next_at) - interval };
      const current = await pool.query<{ next_at: string | number }>(READ, [name]);
      return { granted: false, retryAt: Number(current.rows[0]?.next_at ?? now + horizon) - horizon + 1 };
    },
    async deferRequests({ name, until }) {
      await pool.query(DEFER, [name, until]);
    },
  };
}
