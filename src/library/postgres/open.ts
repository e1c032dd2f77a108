/**
 * Opens the PostgreSQL archive at a `postgres://` URL: a pool, the schema brought up to date
 * (once per fleet, under a lock), and every store over that one database.
 */
import { createArticleVisibility } from '../article-visibility.js';
import { SchemaVersionError } from '../migrations.js';
import { LibraryOpenError } from '../open-stores.js';
import { pgArticleStore } from './article-store.js';
import { openPgDatabase } from './database.js';
import { pgDeliveryStore } from './delivery-store.js';
import { pgFeedStore } from './feed-store.js';
import { pgFilterStore } from './filter-store.js';
import { createPgFleetStore } from './fleet-store.js';
import { pgFollowStore } from './follow-store.js';
import { pgGuildSettingsStore } from './guild-settings-store.js';
import { migratePostgres } from './migrations.js';
import { redactUrl } from './redact-url.js';
import { pgQuotaStore } from './quota-store.js';
import type { Stores } from '../types.js';
import { pgSpeakerStore } from './speaker-store.js';

export interface PgStoresOptions {
  /** The clock, in ms since epoch; tests pass a fixed one. */
  now?: () => number;
  /** Connections in the pool (node-postgres' default: 10). */
  max?: number;
  /** Called with every statement run. */
  trace?: (sql: string) => void;
}

/** Opens the archive at `url` and migrates it; a database newer than this program is refused (SchemaVersionError). */
export async function openPostgresStores(url: string, options: PgStoresOptions = {}): Promise<Stores> {
  const db = openPgDatabase(url, { max: options.max, trace: options.trace });
  try {
    await migratePostgres(db);
  } catch (error) {
    await db.close();
    if (error instanceof SchemaVersionError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LibraryOpenError(`cannot open the library at ${redactUrl(url)}: ${reason}`, { cause: error });
  }
  const now = options.now ?? Date.now;
  const articles = pgArticleStore(db, now);
  return {
    articles,
    speakers: pgSpeakerStore(db),
    guilds: pgGuildSettingsStore(db),
    deliveries: pgDeliveryStore(db, now),
    feeds: pgFeedStore(db),
    quotas: pgQuotaStore(db),
    follows: pgFollowStore(db),
    filters: pgFilterStore(db),
    visibility: createArticleVisibility(articles),
    fleet: createPgFleetStore(db.pool),
    // Its text search is a GIN index, whose pending entries autovacuum merges: no upkeep of ours
    tidySearch: () => Promise.resolve(false),
    close: () => db.close(),
  };
}
