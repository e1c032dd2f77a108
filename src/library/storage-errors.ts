/** Failures of the database that pass: another connection's lock, a full disk, a lost server. */

// SQLite's result codes (better-sqlite3 puts them on `error.code`; extended ones share the prefix)
const PASSING_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;
// PostgreSQL's SQLSTATEs (node-postgres puts them on `error.code`): a lost connection (08), a
// deadlock or serialization failure (40), too many clients or a full disk (53), a server shutting down or starting (57P0x)
const PASSING_SQLSTATES = /^(08...|40...|53...|57P0[1-3])$/;
// The socket to PostgreSQL, before any SQLSTATE
const PASSING_SOCKET = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;

/** True when the store failed for a reason that may clear by itself, so the work is retried, not given up. */
export function isStorageTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return PASSING_CODES.test(code) || PASSING_SQLSTATES.test(code) || PASSING_SOCKET.test(code);
  // node-postgres' own message when the server goes away mid-query
  return error instanceof Error && /^Connection terminated/.test(error.message);
}
