/**
 * The store interfaces are asynchronous (a server database answers later), but better-sqlite3
 * answers at once: each SQLite store is written synchronously, typed `Sync<Interface>`, and
 * wrapped once by `toAsync` when the stores are opened. A method's body, and the transaction
 * it runs, stays one synchronous step, so nothing interleaves inside it.
 */

/** The synchronous form of a store interface: each method returns what its promise resolves to. */
export type Sync<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : S[K];
};

/**
 * The asynchronous store over a synchronous one: every method resolves with the result, and an
 * error thrown by SQLite becomes a rejected promise, as a server database's would.
 */
export function toAsync<S extends object>(sync: Sync<S>): S {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sync)) {
    wrapped[key] =
      typeof value === 'function'
        ? // A throw inside the executor rejects the promise
          (...args: unknown[]): Promise<unknown> => new Promise((resolve) => resolve((value as (...a: unknown[]) => unknown).apply(sync, args)))
        : value;
  }
  return wrapped as S;
}
