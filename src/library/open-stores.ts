import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createArticleStore } from './article-store.js';
import { createCollections } from './collections.js';
import { createDeliveryStore } from './delivery-store.js';
import { createArticleVisibility } from './article-visibility.js';
import { createFeedStore } from './feed-store.js';
import { createFilterStore } from './filter-store.js';
import { createFleetStore } from './fleet-store.js';
import { createFollowStore } from './follow-store.js';
import { createGuildSettingsStore } from './guild-settings-store.js';
import { migrate, SchemaVersionError } from './migrations.js';
import { createQuotaStore } from './quota-store.js';
import { createSearchUpkeep } from './search-upkeep.js';
import { createSpeakerStore } from './speaker-store.js';
import { createSpeakerWriter } from './speaker-writer.js';
import { toAsync } from './sync-store.js';
import type { Stores } from './types.js';

export interface StoresOptions {
  /** The clock, in ms since epoch; tests pass a fixed one. */
  now?: () => number;
  /** Called with every statement run, parameters filled in (the bench explains each one's plan). */
  trace?: (sql: string) => void;
}

/** The archive file cannot be opened or migrated; the cause is kept. */
export class LibraryOpenError extends Error {
  override name = 'LibraryOpenError';
}

const IN_MEMORY = ':memory:';
/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 100;

/** How long opening waits, in all, for other processes switching a new file to WAL. */
const OPEN_BUSY_WAIT_MS = 5_000;

/**
 * Runs `step` again while SQLite answers SQLITE_BUSY, for up to `waitMs` in all, pausing a few
 * milliseconds between tries. Switching a new file to WAL reads it first, and a connection that
 * already reads is refused a write lock at once, without the busy timeout (SQLite's guard against
 * two readers waiting on each other): so when several processes open one new file together, one
 * of them can be told "database is locked" though the others are done within milliseconds.
 * Used only while opening, where a short synchronous wait blocks nothing yet.
 */
export function retryWhileBusy<T>(step: () => T, waitMs: number, pause: (ms: number) => void = sleepSync): T {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return step();
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
      if (!busy || Date.now() >= deadline) throw error;
      pause(Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random()));
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Opens the file, creating its folder (`data/` on a first start), and brings the schema up to date. */
function openDatabase(path: string, trace?: (sql: string) => void): Database.Database {
  let db: Database.Database | null = null;
  try {
    if (path !== IN_MEMORY && path !== '') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, trace ? { verbose: (sql) => trace(String(sql)) } : {});
    // WAL lets the bot read while the ingest writes; foreign keys are off unless asked for
    retryWhileBusy(() => db!.pragma('journal_mode = WAL'), OPEN_BUSY_WAIT_MS);
    db.pragma('foreign_keys = ON');
    migrate(db);
    // After the migration (which may wait on another process starting): a locked file answers
    // at once rather than stalling the event loop, since better-sqlite3 waits synchronously;
    // a delivery that meets it is retried through its job
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof SchemaVersionError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LibraryOpenError(`cannot open the library at ${path}: ${reason}`, { cause: error });
  }
}

/**
 * Opens (or creates) the SQLite archive at `path` (`':memory:'` for tests), migrates its
 * schema and returns every store over that one database; `close()` closes it. Opening is
 * synchronous (better-sqlite3); the stores' methods are asynchronous, as every backend's are.
 */
export function openStores(path: string, options: StoresOptions = {}): Stores {
  const now = options.now ?? Date.now;
  const db = openDatabase(path, options.trace);
  const collections = createCollections(db);
  // Each SQLite store runs synchronously; the API is the async one every backend shares
  const articles = toAsync(createArticleStore(db, createSpeakerWriter(db), collections, now));
  const upkeep = createSearchUpkeep(db);
  return {
    articles,
    speakers: toAsync(createSpeakerStore(db, collections)),
    guilds: toAsync(createGuildSettingsStore(db)),
    deliveries: toAsync(createDeliveryStore(db, now)),
    feeds: toAsync(createFeedStore(db)),
    quotas: toAsync(createQuotaStore(db)),
    follows: toAsync(createFollowStore(db)),
    filters: toAsync(createFilterStore(db)),
    visibility: createArticleVisibility(articles),
    fleet: createFleetStore(db),
    tidySearch: (pages) =>
      new Promise<boolean>((resolve) => {
        resolve(upkeep(pages));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        db.close();
        resolve();
      }),
  };
}
