/**
 * The archive the configuration names: PostgreSQL when `DATABASE_URL` is set (loaded only then,
 * so a start on SQLite never loads the PostgreSQL client), else the SQLite file at `BRIEFING_DB`.
 */
import type { Config } from '../config.js';
import { openStores, type StoresOptions } from './open-stores.js';
import { redactUrl } from './postgres/redact-url.js';
import type { Stores } from './types.js';

type Where = Pick<Config, 'dbPath' | 'databaseUrl'>;

/** Opens (and migrates, once per fleet on PostgreSQL) the configured archive. */
export async function openStoresFor(config: Where, options: StoresOptions = {}): Promise<Stores> {
  if (config.databaseUrl === null) return openStores(config.dbPath, options);
  const { openPostgresStores } = await import('./postgres/open.js');
  return openPostgresStores(config.databaseUrl, options);
}

/** Where the archive is, as a log line may say it: the file, or the PostgreSQL URL with its password hidden. */
export function describeArchive(config: Where): string {
  return config.databaseUrl === null ? config.dbPath : `PostgreSQL ${redactUrl(config.databaseUrl)}`;
}
