/**
 * The implementations every store contract test runs against: SQLite in memory, and PostgreSQL
 * on the test server the global setup provides (each open on a scratch database as fresh as a
 * newly migrated one). Without a PostgreSQL server the list is SQLite alone, and the run says
 * the PostgreSQL suite was skipped (test/postgres/global-setup.ts).
 */
import { inject } from 'vitest';
import { openStores } from '../../src/library/open-stores.js';
import { openPostgresStores } from '../../src/library/postgres/open.js';
import type { Stores } from '../../src/library/types.js';
import { scratchDatabase, type TestPostgres } from '../postgres/scratch.js';

export interface StoreFactory {
  name: string;
  /** Fresh, empty stores; `now` is the clock in ms since epoch. Asynchronous: a server database connects first. */
  open(now: () => number): Promise<Stores>;
}

/** Connections each open store may hold: the tests run one statement at a time, a few at most. */
const TEST_POOL_MAX = 4;

function postgresFactory(server: TestPostgres): StoreFactory {
  return {
    name: 'PostgreSQL',
    async open(now) {
      const scratch = await scratchDatabase(server);
      const stores = await openPostgresStores(scratch.url, { now, max: TEST_POOL_MAX });
      return {
        ...stores,
        async close() {
          await stores.close();
          scratch.release();
        },
      };
    },
  };
}

const postgres = inject('postgres');

export const STORE_FACTORIES: readonly StoreFactory[] = [
  { name: 'SQLite :memory:', open: (now) => Promise.resolve(openStores(':memory:', { now })) },
  ...(postgres ? [postgresFactory(postgres)] : []),
];
