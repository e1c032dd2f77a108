/**
 * Delivery exactly once, as leased jobs. A guild's day is a job in the log; a process claims
 * it for a lease it renews while posting, records each part as it goes out, and settles it as
 * sent. A failure that may pass (Discord 5xx or 429, a timeout, a locked or full database)
 * frees the job with a backoff, and attempts go on until the guild's local day ends; only then,
 * or on a refusal (403, 404), is the day `failed`. A job whose owner died is claimed again when
 * its lease runs out: what it posted is read back from the channel, and every part carries a
 * nonce, so nothing is posted twice.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { isStorageTransient } from '../library/storage-errors.js';
import type { ArticleStore, Delivery, DeliveryStore, GuildSettings, GuildSettingsStore } from '../library/types.js';
import type { Logger } from '../logger.js';
import { BriefingPostError, type BriefingPoster } from './briefing-poster.js';
import { briefingOf, buildBriefing, newArticleIds, ReadingCache, type Briefing } from './build-briefing.js';
import { addDays, instantOf, localTime, parseTime } from './local-time.js';

/** How long a claim lasts and how retries are spaced; tests shorten them. */
export interface DeliveryTimings {
  /** A claim lasts this long unless renewed; a dead owner's job is free after it. At most a minute. */
  leaseMs: number;
  /** How often a running delivery renews its lease. */
  heartbeatMs: number;
  /** The wait after the first failed attempt; it doubles after each one. */
  retryBaseMs: number;
  /** The longest wait between attempts. */
  retryMaxMs: number;
}

export const DEFAULT_TIMINGS: DeliveryTimings = { leaseMs: 30_000, heartbeatMs: 10_000, retryBaseMs: 5_000, retryMaxMs: 5 * 60_000 };

export interface DeliveryDeps {
  /** Renders and posts a briefing, and finds what was posted (Discord, in the bot). */
  poster: BriefingPoster;
  stores: { articles: ArticleStore; guilds: GuildSettingsStore; deliveries: DeliveryStore };
  clock: Clock;
  log: Logger;
  /** Who holds the leases this deliverer takes; unique per process by default. */
  owner?: string;
  /** The most items a briefing shows (BRIEFING_MAX_ITEMS). */
  maxItems?: number;
  timings?: Partial<DeliveryTimings>;
  /** The most scheduled deliveries this process runs at once; the rest wait unclaimed, for it or another process. */
  maxRunning?: number;
}

/**
 * Scheduled deliveries one process runs at once. Enough to keep Discord's budget busy (each
 * waits its turn for a request slot), few enough that the fleet shares a fan-out: a job this
 * process has no room for stays unclaimed, free for another process with room; and a process
 * that dies leaves at most this many leases to run out.
 */
export const MAX_RUNNING = 50;

/**
 * Scheduled deliveries started in one turn of the event loop. Building a briefing is work done
 * without a pause (the SQLite store answers at once), and requests go out only between turns:
 * started fifty at a time, the first briefing would wait for the other forty-nine to be built.
 */
export const STARTS_PER_TURN = 4;

export type DeliveryOutcome =
  | { kind: 'not-set-up' | 'disabled' | 'not-due' | 'busy' | 'stopping' }
  | { kind: 'already'; delivery: Delivery }
  | { kind: 'empty'; key: string }
  | { kind: 'sent'; key: string; messageIds: string[] }
  | { kind: 'retrying'; key: string; reason: string; nextAttemptAt: number }
  | { kind: 'failed'; key: string; reason: string };

// Extra `/briefing now` runs on a day already claimed get `YYYY-MM-DD+2`, `+3`…
const EXTRA_RUNS_MAX = 20;

export interface Deliverer {
  /** Who this deliverer's leases belong to. */
  readonly owner: string;
  /** The scheduled tick: creates today's job once its time has come, and claims it if free. */
  runDue(guildId: string, now?: Date): Promise<DeliveryOutcome>;
  /** `/briefing now`: today's briefing, or an extra one when today's is settled already; never a second one at once. */
  deliverNow(guildId: string, now?: Date): Promise<DeliveryOutcome>;
  /** Claims and runs every job that is due: retries, leases that ran out, days left by a killed process. */
  resumeDue(): Promise<DeliveryOutcome[]>;
  /** Stops claiming, lets running deliveries finish for up to `deadlineMs`, then gives back the leases of the rest. */
  drain(deadlineMs: number): Promise<{ finished: number; released: number }>;
  /** What a delivery now would post (`/briefing show`), with the same item limit; claims nothing. */
  preview(guildId: string, now?: Date): Promise<Briefing>;
}

/** A unique lease owner for this process: its pid and some randomness (pids repeat across hosts and restarts). */
export function processOwner(pid: number): string {
  return `${pid}-${randomBytes(6).toString('hex')}`;
}

/** The end of local day `date` in `timezone`: the last moment a briefing for it may go out. */
export function endOfDay(date: string, timezone: string): number {
  return instantOf(addDays(date.slice(0, 10), 1), 0, timezone).getTime();
}

/** The wait before attempt `attempts + 1`: doubling from the base, capped. */
export function backoffMs(attempts: number, timings: Pick<DeliveryTimings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(timings.retryMaxMs, timings.retryBaseMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

interface Running {
  done: Promise<DeliveryOutcome>;
  abort: AbortController;
  guildId: string;
  key: string;
}

class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export function createDeliverer(deps: DeliveryDeps): Deliverer {
  const { stores, log } = deps;
  const timings: DeliveryTimings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const owner = deps.owner ?? processOwner(process.pid);
  // Every delivery of a fan-out reads the same shared articles: each reading is parsed once here
  const shape = { maxItems: deps.maxItems, readings: new ReadingCache() };
  const running = new Map<string, Running>();
  // Room for scheduled deliveries: a permit each, handed from one that ends straight to the next in line
  let room = deps.maxRunning ?? MAX_RUNNING;
  const waiting: (() => void)[] = [];
  // Starts let through in this turn of the event loop, and those waiting for the next
  let startedThisTurn = 0;
  const nextTurn: (() => void)[] = [];
  let turnScheduled = false;
  let draining = false;
  const nowMs = (): number => deps.clock().getTime();

  /** Waits for room for one scheduled delivery, holding no claim meanwhile: the job stays free for any process. */
  async function takeRoom(): Promise<void> {
    if (room > 0 && waiting.length === 0) {
      room -= 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  /** Gives the room back: to the next in line, else to the pool. */
  function giveRoom(): void {
    const next = waiting.shift();
    if (next) next();
    else room += 1;
  }

  /** A new turn of the event loop: the next few waiting starts go. */
  function newTurn(): void {
    turnScheduled = false;
    startedThisTurn = 0;
    for (const start of nextTurn.splice(0, STARTS_PER_TURN)) {
      startedThisTurn += 1;
      start();
    }
    if (nextTurn.length > 0) scheduleTurn();
  }

  function scheduleTurn(): void {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(newTurn);
  }

  /** Resolves when this start may go: at most `STARTS_PER_TURN` in one turn of the event loop. */
  async function startTurn(): Promise<void> {
    scheduleTurn();
    if (startedThisTurn < STARTS_PER_TURN && nextTurn.length === 0) {
      startedThisTurn += 1;
      return;
    }
    await new Promise<void>((resolve) => nextTurn.push(resolve));
  }

  /** Runs `work` with room for one scheduled delivery; the room is given back when the delivery it starts ends, or at once. */
  async function withRoom(work: (started: (done: Promise<unknown>) => void) => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    await takeRoom();
    await startTurn();
    let handedOn = false;
    try {
      if (draining) return { kind: 'stopping' };
      return await work((done) => {
        handedOn = true;
        void done.finally(giveRoom);
      });
    } finally {
      if (!handedOn) giveRoom();
    }
  }

  /**
   * Claims `key` and runs it; `busy` when another process (or this one) holds it. `started` is
   * told of the delivery it starts (a scheduled one holds its room until it ends).
   */
  function attempt(guildId: string, key: string, started?: (done: Promise<unknown>) => void): Promise<DeliveryOutcome> {
    if (draining) return Promise.resolve({ kind: 'stopping' });
    const id = `${guildId}/${key}`;
    if (running.has(id)) return Promise.resolve({ kind: 'busy' });
    // Registered before the claim is awaited: a second attempt here meanwhile is busy, and a drain aborts it
    const abort = new AbortController();
    const done = claimAndRun(guildId, key, abort).finally(() => running.delete(id));
    running.set(id, { done, abort, guildId, key });
    started?.(done);
    return done;
  }

  /** The claim decides between processes; a job claimed while draining is given straight back. */
  async function claimAndRun(guildId: string, key: string, abort: AbortController): Promise<DeliveryOutcome> {
    const claimed = await stores.deliveries.claimDelivery(guildId, key, owner, timings.leaseMs);
    if (!claimed) {
      const job = await stores.deliveries.getDelivery(guildId, key);
      return job && job.status !== 'pending' ? { kind: 'already', delivery: job } : { kind: 'busy' };
    }
    if (abort.signal.aborted) {
      await stores.deliveries.releaseDelivery(guildId, key, owner);
      return { kind: 'stopping' };
    }
    return run(claimed, abort);
  }

  /** Renews the lease while `work` runs; a lost lease aborts it. */
  async function withHeartbeat<T>(job: Delivery, abort: AbortController, work: () => Promise<T>): Promise<T> {
    const beat = setInterval(() => {
      void (async () => {
        try {
          if (!(await stores.deliveries.renewLease(job.guildId, job.localDate, owner, timings.leaseMs)))
            abort.abort(new LeaseLostError(`lost the lease of ${job.guildId}/${job.localDate}`));
        } catch (error) {
          // A locked file skips a beat; the lease has room for a few
          log.warn(`Renewing the lease of briefing ${job.localDate} for guild ${job.guildId} failed: ${String(error)}`);
        }
      })();
    }, timings.heartbeatMs);
    try {
      return await work();
    } finally {
      clearInterval(beat);
    }
  }

  /** Everything of the briefing already out: recorded parts, and after a first attempt what the channel shows. */
  async function postedSoFar(job: Delivery, channelId: string): Promise<{ parts: Map<number, string>; total: number }> {
    if (job.attempts <= 1) return { parts: job.parts, total: 0 };
    const newest = [...job.parts.values()].reduce<string | undefined>((a, b) => (a && BigInt(a) > BigInt(b) ? a : b), undefined);
    const found = await deps.poster.findPosted(channelId, job.localDate, { afterMessageId: newest, since: job.createdAt });
    return { parts: new Map([...job.parts, ...found.parts].sort(([a], [b]) => a - b)), total: found.total };
  }

  async function run(job: Delivery, abort: AbortController): Promise<DeliveryOutcome> {
    const settings = await stores.guilds.getGuildSettings(job.guildId);
    try {
      if (!settings?.enabled) return await settle(job, { status: 'failed', error: 'the daily briefing was turned off before it went out' });
      return await withHeartbeat(job, abort, () => post(job, settings, abort));
    } catch (error) {
      return await failed(job, error, abort.signal);
    }
  }

  async function post(job: Delivery, settings: GuildSettings, abort: AbortController): Promise<DeliveryOutcome> {
    const { guildId, localDate: key } = job;
    const posted = await postedSoFar(job, settings.channelId);
    if (nowMs() >= job.deadlineAt) {
      const complete = posted.total > 0 && posted.parts.size >= posted.total;
      if (complete) return await settle(job, { status: 'sent', messageIds: [...posted.parts.values()] });
      return await settle(job, {
        status: 'failed',
        messageIds: [...posted.parts.values()],
        error: job.error ? `the day ended before it could be posted; last error: ${job.error}` : 'the day was over before it could be posted',
      });
    }
    // Rebuilt as of the job's creation, so every attempt renders the same parts
    const briefing = await briefingOf(stores, guildId, job.articleIds, new Date(job.createdAt), shape);
    if (briefing.items.length === 0 && !settings.postWhenEmpty && key.length === 10) return await settle(job, { status: 'sent', messageIds: [] }, { kind: 'empty', key });
    const onPosted = async (part: number, messageId: string): Promise<void> => {
      try {
        // Another process took the job over: it posts the rest (the nonces keep a part we both post single)
        if (!(await stores.deliveries.recordPart(guildId, key, owner, part, messageId))) abort.abort(new LeaseLostError(`lost the lease of ${guildId}/${key}`));
      } catch (error) {
        // Not fatal: the nonce and the channel read stand in for the record
        log.warn(`Recording part ${part} of briefing ${key} for guild ${guildId} failed: ${String(error)}`);
      }
    };
    const messageIds = await deps.poster.post({ channelId: settings.channelId, briefing, key, roleId: settings.roleId, posted: posted.parts, onPosted, signal: abort.signal });
    log.info(`Briefing ${key} for guild ${guildId}: posted ${messageIds.length} message(s).`);
    return await settle(job, { status: 'sent', messageIds });
  }

  async function settle(job: Delivery, result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string }, outcome?: DeliveryOutcome): Promise<DeliveryOutcome> {
    const key = job.localDate;
    if (!(await stores.deliveries.finishDelivery(job.guildId, key, owner, result))) return { kind: 'busy' };
    if (outcome) return outcome;
    if (result.status === 'sent') return { kind: 'sent', key, messageIds: result.messageIds ?? [] };
    log.warn(`Briefing ${key} for guild ${job.guildId} failed: ${result.error}`);
    return { kind: 'failed', key, reason: result.error ?? 'unknown reason' };
  }

  /** A failed attempt: retried with backoff while the day lasts, else the day is failed with why. */
  async function failed(job: Delivery, error: unknown, signal: AbortSignal): Promise<DeliveryOutcome> {
    const key = job.localDate;
    if (signal.reason instanceof LeaseLostError) {
      log.warn(`Briefing ${key} for guild ${job.guildId}: another process took it over.`);
      return { kind: 'busy' };
    }
    const storage = isStorageTransient(error);
    const reason = error instanceof BriefingPostError ? error.message : storage ? `storage unavailable: ${String(error)}` : `error: ${String(error)}`;
    const retryable = storage || (error instanceof BriefingPostError ? error.retryable : true);
    const nextAttemptAt = nowMs() + backoffMs(job.attempts, timings);
    try {
      if (signal.aborted) {
        await stores.deliveries.releaseDelivery(job.guildId, key, owner);
        return { kind: 'stopping' };
      }
      if (retryable && nextAttemptAt < job.deadlineAt) {
        await stores.deliveries.releaseDelivery(job.guildId, key, owner, { at: nextAttemptAt, error: reason });
        log.warn(`Briefing ${key} for guild ${job.guildId}, attempt ${job.attempts}: ${reason}; trying again at ${new Date(nextAttemptAt).toISOString()}.`);
        return { kind: 'retrying', key, reason, nextAttemptAt };
      }
      const why = retryable ? `${reason} (tried ${job.attempts} time${job.attempts === 1 ? '' : 's'} until the day ended)` : reason;
      return await settle(job, { status: 'failed', messageIds: error instanceof BriefingPostError ? error.messageIds : [], error: why });
    } catch (storeError) {
      // The log itself is unwritable: the lease runs out and the job is claimed again
      log.warn(`Briefing ${key} for guild ${job.guildId}: ${reason}; recording it failed too (${String(storeError)}); it is retried when the lease runs out.`);
      return { kind: 'retrying', key, reason, nextAttemptAt: job.leaseUntil };
    }
  }

  /** A failure before any job was claimed (the log is locked): the next sweep tries again. */
  function unclaimed(guildId: string, key: string, error: unknown): DeliveryOutcome {
    if (!isStorageTransient(error)) throw error;
    const reason = `storage unavailable: ${String(error)}`;
    log.warn(`Briefing ${key} for guild ${guildId}: ${reason}; trying again on the next sweep.`);
    return { kind: 'retrying', key, reason, nextAttemptAt: nowMs() + timings.retryBaseMs };
  }

  /**
   * The scheduled tick. It waits for room first, holding nothing: in a fan-out, the thousands
   * of ticks of one minute cost nothing until their turn, and the first briefings go out at once.
   */
  async function runDue(guildId: string, now = deps.clock()): Promise<DeliveryOutcome> {
    if (draining) return { kind: 'stopping' };
    return withRoom(async (started) => {
      const settings = await stores.guilds.getGuildSettings(guildId);
      if (!settings) return { kind: 'not-set-up' };
      if (!settings.enabled) return { kind: 'disabled' };
      const local = localTime(now, settings.timezone);
      if (local.minutes < (parseTime(settings.time) ?? 0)) return { kind: 'not-due' };
      try {
        // While this waited for room, another process may have sent it
        const existing = await stores.deliveries.getDelivery(guildId, local.date);
        if (existing && existing.status !== 'pending') return { kind: 'already', delivery: existing };
        if (!existing) {
          // The articles as of the tick, whenever there was room: a later one waits for tomorrow's
          const { ids } = await newArticleIds(stores, guildId, now);
          // Created once whoever gets here first (a unique key): another process's job is claimed below like ours
          await stores.deliveries.createDelivery({ guildId, localDate: local.date, articleIds: ids, deadlineAt: endOfDay(local.date, settings.timezone) });
        }
        return await attempt(guildId, local.date, started);
      } catch (error) {
        return unclaimed(guildId, local.date, error);
      }
    });
  }

  async function deliverNow(guildId: string, now = deps.clock()): Promise<DeliveryOutcome> {
    if (draining) return { kind: 'stopping' };
    const settings = await stores.guilds.getGuildSettings(guildId);
    if (!settings) return { kind: 'not-set-up' };
    const day = localTime(now, settings.timezone).date;
    try {
      return await nextRun(settings, day, now);
    } catch (error) {
      return unclaimed(guildId, day, error);
    }
  }

  /** Today's run for `/briefing now`: the one still going, or the first key not yet used. */
  async function nextRun(settings: GuildSettings, day: string, now: Date): Promise<DeliveryOutcome> {
    const { guildId } = settings;
    const { ids } = await newArticleIds(stores, guildId, now);
    for (let run = 1; run <= EXTRA_RUNS_MAX; run++) {
      const key = run === 1 ? day : `${day}+${run}`;
      const existing = await stores.deliveries.getDelivery(guildId, key);
      // A run of today still going (here or elsewhere) is the answer: never a second briefing at once
      if (existing?.status === 'pending') return attempt(guildId, key);
      if (existing) continue;
      if (ids.length === 0 && !settings.postWhenEmpty) return { kind: 'empty', key: day };
      if (!(await stores.deliveries.createDelivery({ guildId, localDate: key, articleIds: ids, deadlineAt: endOfDay(day, settings.timezone) }))) return { kind: 'busy' };
      return attempt(guildId, key);
    }
    return { kind: 'busy' };
  }

  async function resumeDue(): Promise<DeliveryOutcome[]> {
    if (draining) return [];
    const due = await stores.deliveries.dueDeliveries();
    return Promise.all(
      due.map(async (job) => {
        try {
          return await withRoom((started) => attempt(job.guildId, job.localDate, started));
        } catch (error) {
          return unclaimed(job.guildId, job.localDate, error);
        }
      }),
    );
  }

  async function drain(deadlineMs: number): Promise<{ finished: number; released: number }> {
    draining = true;
    // Runs waiting for room give up now, having claimed nothing
    for (const resume of waiting.splice(0)) resume();
    const inFlight = [...running.values()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    await Promise.race([Promise.allSettled(inFlight.map((r) => r.done)), deadline]);
    clearTimeout(timer);
    const left = [...running.values()];
    // Stop before the next part, and give the job back so another process need not wait out the lease
    for (const r of left) r.abort.abort(new Error('shutting down'));
    await Promise.allSettled(left.map((r) => r.done));
    return { finished: inFlight.length - left.length, released: left.length };
  }

  const preview = (guildId: string, now = deps.clock()): Promise<Briefing> => buildBriefing(stores, guildId, now, shape);

  return { owner, runDue, deliverNow, resumeDue, drain, preview };
}

/** Why a delivery looks the way it does, in one line for `/briefing status`. */
export function describeDelivery(delivery: Delivery, now: Date): string {
  if (delivery.status === 'sent') {
    return delivery.messageIds.length ? `sent (${delivery.messageIds.length} message${delivery.messageIds.length === 1 ? '' : 's'})` : 'nothing new, nothing posted';
  }
  if (delivery.status === 'failed') return `not delivered: ${delivery.error ?? 'unknown reason'}`;
  const at = now.getTime();
  if (delivery.leaseUntil > at) return `being posted right now${delivery.attempts > 1 ? ` (attempt ${delivery.attempts})` : ''}`;
  if (delivery.error) {
    const next = delivery.nextAttemptAt > at ? `next attempt <t:${Math.floor(delivery.nextAttemptAt / 1000)}:R>` : 'next attempt any moment';
    return `not delivered yet, retrying until the day ends: attempt ${delivery.attempts} failed (${delivery.error}); ${next}`;
  }
  return delivery.attempts > 0 ? 'interrupted while posting; it is resumed any moment, without posting anything twice' : 'waiting to be posted';
}
