/** Failures of the database that pass: another connection's lock, a full disk. */

// SQLite's result codes (better-sqlite3 puts them on `error.code`; extended ones share the prefix)
const PASSING_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;

/** True when the store failed for a reason that may clear by itself, so the work is retried, not given up. */
export function isStorageTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PASSING_CODES.test(code);
}
