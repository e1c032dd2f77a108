/**
 * The implementations every store contract test runs against. A PostgreSQL implementation
 * joins this list (opened on a scratch schema) and must pass the same suites.
 */
import { openStores } from '../../src/library/open-stores.js';
import type { Stores } from '../../src/library/types.js';

export interface StoreFactory {
  name: string;
  /** Fresh, empty stores; `now` is the clock in ms since epoch. Asynchronous: a server database connects first. */
  open(now: () => number): Promise<Stores>;
}

export const STORE_FACTORIES: readonly StoreFactory[] = [{ name: 'SQLite :memory:', open: (now) => Promise.resolve(openStores(':memory:', { now })) }];
