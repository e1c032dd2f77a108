/**
 * What the processes of a fleet share besides the archive: Discord's request budget. A budget
 * is one row holding the earliest instant its next request may go out; taking a slot is one
 * atomic upsert that moves that instant on by one interval, so slots never overlap, whichever
 * process takes them (the generic cell rate algorithm, with the row as the shared clock). No
 * credit builds up while the bot is idle, so the fleet never bursts past the rate; and no slot
 * is handed out further ahead than `horizon`, so a process never queues far ahead of the others.
 */
import type { Database } from 'better-sqlite3';

/**
 * Times here are in one unit of the caller's choosing, the same throughout (the request budget
 * uses microseconds since epoch, so slots can be spaced finer than a millisecond).
 */

/** A slot taken (send at `at`), or none within the horizon (ask again at `retryAt`). */
export type RequestSlot = { granted: true; at: number } | { granted: false; retryAt: number };

export interface SlotRequest {
  /** The budget: one per rate limit shared ('discord'). */
  name: string;
  /** This process's clock; the processes' clocks are taken to agree (NTP). */
  now: number;
  /** The spacing of slots: a second / requests a second. */
  interval: number;
  /** How far ahead of `now` a slot may be given. */
  horizon: number;
}

export interface FleetStore {
  /** Takes the next free slot of a budget when it falls within the horizon; slots are `interval` apart fleet-wide. */
  takeRequestSlot(request: SlotRequest): Promise<RequestSlot>;
  /** No slot of the budget before `until`, for any process: Discord said to wait (a global 429). */
  deferRequests(request: { name: string; until: number }): Promise<void>;
}

/** The SQLite fleet store (migration 12, `request_budget`). */
export function createFleetStore(db: Database): FleetStore {
  // The slot taken is [max(next_at, now), + interval); refused (no row returned) when it starts beyond the horizon
  const take = db.prepare<{ name: string; now: number; interval: number; horizon: number }, { next_at: number }>(
    `INSERT INTO request_budget (name, next_at) VALUES (@name, @now + @interval)
     ON CONFLICT (name) DO UPDATE SET next_at = max(next_at, @now) + @interval WHERE next_at < @now + @horizon
     RETURNING next_at`,
  );
  const read = db.prepare<[string], { next_at: number }>('SELECT next_at FROM request_budget WHERE name = ?');
  const defer = db.prepare<[string, number]>('INSERT INTO request_budget (name, next_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET next_at = max(next_at, excluded.next_at)');
  return {
    takeRequestSlot({ name, now, interval, horizon }) {
      const taken = take.get({ name, now, interval, horizon });
      if (taken) return Promise.resolve({ granted: true, at: taken.next_at - interval });
      // The row exists (the upsert found it) and its next slot is beyond the horizon: it is within it 1 ms after this
      const nextAt = read.get(name)?.next_at ?? now;
      return Promise.resolve({ granted: false, retryAt: nextAt - horizon + 1 });
    },
    deferRequests({ name, until }) {
      defer.run(name, until);
      return Promise.resolve();
    },
  };
}
