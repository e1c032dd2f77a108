import type { Database } from 'better-sqlite3';

/**
 * Migration 14. FTS5 merged its index segments inside every save, work that grows with the levels
 * of the index (the log of its size); the upkeep merges them in bounded steps instead. A level of
 * 16 segments is still merged at once (crisismerge), whether or not the upkeep runs.
 */
export const SEARCH_UPKEEP_MIGRATION = {
  name: 'search index merged by the upkeep',
  sql: `
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0);
    INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('automerge', 0);
  `,
};

/** Pages of merged index one upkeep step writes at most, in each search index: a few milliseconds. */
export const UPKEEP_PAGES = 100;

/**
 * The search indexes' upkeep. FTS5 adds each save's words as a new segment of its index; merging
 * the segments keeps a search reading few of them. Done inside every save (FTS5's automerge), that
 * work grows with the index's levels, so with the archive; migration 14 turns it off and this
 * merges in bounded steps, outside any save. Returns true while merging remains to be done.
 */
export function createSearchUpkeep(db: Database): (pages?: number) => boolean {
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  const merges = ['articles_fts', 'quotes_fts'].map((table) => db.prepare<[number]>(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`));
  return (pages = UPKEEP_PAGES) => {
    let worked = false;
    for (const merge of merges) {
      const before = changes.get()!;
      merge.run(pages);
      // FTS5 counts more than one change only when the step merged something
      if (changes.get()! - before >= 2) worked = true;
    }
    return worked;
  };
}

/** How often the bot runs an upkeep step. */
export const UPKEEP_MS = 2_000;
/** Steps one tick runs at most while merging remains: a burst of saves is caught up in a few ticks. */
const STEPS_PER_TICK = 4;

/**
 * Runs the upkeep on a timer, each step of it a separate turn of the event loop, so no command
 * waits behind more than one step. A failed step (a locked file) is tried again on the next tick.
 */
export function startSearchUpkeep(stores: { tidySearch(pages?: number): Promise<boolean> }, warn: (message: string) => void, everyMs = UPKEEP_MS): { stop(): void } {
  let running = false;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      for (let step = 0; step < STEPS_PER_TICK && !stopped; step++) {
        if (!(await stores.tidySearch())) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      warn(`The search index upkeep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
