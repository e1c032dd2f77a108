/**
 * Discord's global request limit (50 a second unless Discord raised it) is one budget for the
 * whole bot, however many processes share it. Each request counted against it first takes a
 * send slot from the fleet store, a row in the shared database that hands out slots one
 * interval apart (1000 / requests a second), whichever process asks; then it waits for its
 * slot and goes out. It plugs into discord.js as the REST transport (`makeRequest`), so every
 * REST call of the client, whatever made it, is paced: briefings, alerts, feed announcements.
 *
 * Why this design: it needs no process of its own (a single poster, or @discordjs/proxy, is one
 * more service to run and a single point of failure), works the same on SQLite and PostgreSQL
 * (one upsert per request), and paces rather than counts per second, so the fleet never bursts
 * at a window's edge. Interaction responses are not counted: Discord exempts them from the
 * global limit, so a command is never answered late because a fan-out is running. Should Discord
 * still answer a global 429 (clocks, a stalled process), the whole fleet waits it out, not only
 * the process that met it.
 */
import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import type { FleetStore } from '../library/fleet-store.js';
import type { Logger } from '../logger.js';

/** The budget's row: every process of one bot shares it. */
export const DISCORD_BUDGET = 'discord';
/** How far ahead a process may take slots: far enough to keep its requests flowing, near enough to share fairly. */
export const SLOT_HORIZON_MS = 1_000;
/** The budget's slots are spaced this much wider than the limit allows, for jitter (see slotIntervalUs). */
export const PACE_MARGIN = 0.02;
const US = 1_000;
/** One request's own time limit once its slot has come (discord.js's default). */
export const REQUEST_TIMEOUT_MS = 15_000;
/** discord.js's timer (its `timeout` option) runs from before the wait for a slot: a fan-out of thousands may queue this long. */
export const QUEUE_TIMEOUT_MS = 10 * 60_000;
// A database that cannot be reached is reported once a minute, not once a request
const WARN_EVERY_MS = 60_000;
/** A request that wakes this late for its slot (a stalled event loop) takes another: sent now, it would crowd the next ones. */
export const LATE_MS = 50;
// A request late again and again goes out anyway: the store itself may be slow to answer
const RETAKES_MAX = 2;

export interface RequestBudget {
  /** Resolves when this process may send one more request counted against the budget. */
  acquire(): Promise<void>;
  /** Discord answered a global 429: no process of the fleet sends before `untilMs`. */
  defer(untilMs: number): Promise<void>;
}

export interface RequestBudgetOptions {
  store: FleetStore;
  /** Requests a second for the whole fleet. */
  perSecond: number;
  log: Pick<Logger, 'warn'>;
  /** Real time in ms: the pace is the real one even when a test fixes the bot's clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The slot spacing for a rate, in microseconds: a little wider than the limit. Paced exactly at
 * it, any jitter (a timer late, a packet early) would put one request too many in some second;
 * 2% leaves 20 ms a second of room for it (49 requests a second of 50).
 */
export function slotIntervalUs(perSecond: number): number {
  return Math.ceil((1_000_000 / perSecond) * (1 + PACE_MARGIN));
}

/**
 * A process's share of the fleet's budget. Its requests take slots one after another (first
 * come, first served within the process); a request given a slot then waits for it on its own,
 * so a process may hold up to a horizon of slots at once. When the store cannot be reached
 * the process paces itself alone, and Discord's 429s (which discord.js waits out) are the backstop.
 */
export function fleetRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  // The store's unit is the microsecond: slots finer than a millisecond apart
  const nowUs = (): number => Math.round(now() * US);
  const interval = slotIntervalUs(options.perSecond);
  const horizon = SLOT_HORIZON_MS * US;
  let tail: Promise<unknown> = Promise.resolve();
  let alone = 0;
  let warnedAt = Number.NEGATIVE_INFINITY;

  /** This process's own pace, while the shared one is out of reach. */
  const localSlot = (at: number, error: unknown): number => {
    if (at - warnedAt >= WARN_EVERY_MS) {
      warnedAt = at;
      log.warn(`The shared request budget is out of reach (${error instanceof Error ? error.message : String(error)}); pacing this process alone.`);
    }
    alone = Math.max(alone, at) + interval;
    return alone - interval;
  };

  /** The start of this request's slot, in ms. */
  const takeSlot = async (): Promise<number> => {
    for (;;) {
      const at = nowUs();
      let slot;
      try {
        slot = await store.takeRequestSlot({ name: DISCORD_BUDGET, now: at, interval, horizon });
      } catch (error) {
        return localSlot(at, error) / US;
      }
      if (slot.granted) return slot.at / US;
      await sleep(Math.max(1, (slot.retryAt - at) / US));
    }
  };

  return {
    async acquire() {
      for (let retakes = 0; ; retakes++) {
        const turn = tail.then(takeSlot);
        tail = turn.catch(() => undefined);
        const at = await turn;
        const wait = at - now();
        if (wait > 0) await sleep(wait);
        if (now() - at <= LATE_MS || retakes >= RETAKES_MAX) return;
      }
    },
    async defer(untilMs) {
      try {
        await store.deferRequests({ name: DISCORD_BUDGET, until: Math.round(untilMs * US) });
      } catch {
        // The 429 itself is waited out by discord.js in this process; the others meet their own
      }
    },
  };
}

/** Discord's global limit counts every request made with the bot's token but interaction responses and webhook follow-ups. */
export function countsAgainstBudget(url: string): boolean {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  return !/\/(interactions|webhooks)\//.test(path);
}

type MakeRequest = RESTOptions['makeRequest'];

/**
 * discord.js's transport behind the budget: a counted request waits for its slot, then goes
 * out through `base` (discord.js's own undici transport) with its own time limit.
 */
export function budgetedRequest(budget: RequestBudget, base: MakeRequest = DefaultRestOptions.makeRequest, timeoutMs = REQUEST_TIMEOUT_MS): MakeRequest {
  return async (url, init) => {
    if (countsAgainstBudget(url)) await budget.acquire();
    // discord.js's own abort (its timer, a caller's signal) still ends the request
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const signal = init.signal ?? null;
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, timeoutMs);
    try {
      const response = await base(url, { ...init, signal: controller.signal });
      if (response.status === 429 && response.headers.get('x-ratelimit-global') === 'true') {
        // The whole bot is over Discord's limit: every process waits, not only this one
        const seconds = Number(response.headers.get('retry-after'));
        if (Number.isFinite(seconds) && seconds > 0) await budget.defer(Date.now() + seconds * 1000);
      }
      return response;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  };
}
