/**
 * A bot with the /briefing command and the scheduler, on the real discord.js Client against
 * the fake Discord, with the SQLite stores in a file (reopened to simulate a restart) and a
 * clock the test moves by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, type Client } from 'discord.js';
import type { TaskOptions } from 'node-cron';
import briefing from '../../commands/briefing.js';
import { createBriefingService } from '../../src/briefing/briefing-service.js';
import { createDeliverer, type Deliverer, type DeliveryTimings } from '../../src/briefing/deliver.js';
import { startScheduler, type Scheduler, type ScheduleFn } from '../../src/briefing/scheduler.js';
import { SettingsEvents } from '../../src/briefing/settings-events.js';
import type { Clock } from '../../src/clock.js';
import { createClient } from '../../src/discord/client.js';
import { createBriefingPoster } from '../../src/discord/post-briefing.js';
import { createRouter } from '../../src/discord/router.js';
import { openStores } from '../../src/library/open-stores.js';
import type { Stores } from '../../src/library/types.js';
import { DEFAULT_LIMITS } from '../../src/main.js';
import { inThreadIngest } from '../ingest-harness.js';
import type { FakeDiscord } from './fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './harness.js';

/** A clock the test sets; every reader sees the same instant. */
export interface FakeClock {
  clock: Clock;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function fakeClock(start: string): FakeClock {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    set: (iso) => void (now = new Date(iso).getTime()),
    advance: (ms) => void (now += ms),
  };
}

/** What the scheduler asked node-cron for, recorded instead of waiting real minutes. */
export interface ScheduledCall {
  expression: string;
  options: TaskOptions;
  destroyed: boolean;
}

export function recordingSchedule(calls: ScheduledCall[]): ScheduleFn {
  return (expression, _task, options) => {
    const call: ScheduledCall = { expression, options, destroyed: false };
    calls.push(call);
    return { destroy: () => void (call.destroyed = true) };
  };
}

export interface BriefingBot {
  client: Client;
  deliverer: Deliverer;
  stores: Stores;
  scheduler: Scheduler;
  schedules: ScheduledCall[];
  logs: string[];
  /** Stops the scheduler, the client and the library (a clean shutdown). */
  close(): Promise<void>;
  /** Drops the client without settling anything: a process killed mid-flight. */
  kill(): Promise<void>;
}

/** A temporary folder for the library file, removed by `cleanup`. */
export function tempLibraryPath(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-test-'));
  return { path: join(dir, 'library.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestLibrary(path: string, clock: Clock): Stores {
  return openStores(path, { now: () => clock().getTime() });
}

/** Leases and backoff in the fake clock's time: the test moves the clock past them by hand. */
export const TEST_TIMINGS: DeliveryTimings = { leaseMs: 30_000, heartbeatMs: 10_000, retryBaseMs: 5_000, retryMaxMs: 60_000 };

/**
 * Logs in a fresh client with /briefing and starts the scheduler, wired as main.ts does; resolves
 * after its catch-up. No sweep runs by itself: the test calls `scheduler.catchUp()` as a sweep.
 */
export async function startBriefingBot(
  fake: FakeDiscord,
  libraryPath: string,
  clock: Clock,
  options: { owner?: string; timings?: Partial<DeliveryTimings>; maxItems?: number } = {},
): Promise<BriefingBot> {
  const stores = openTestLibrary(libraryPath, clock);
  const logs: string[] = [];
  const log = memoryLogger(logs);
  const client = createClient({ token: TEST_TOKEN, apiUrl: fake.apiUrl });
  const events = new SettingsEvents();
  const deliverer = createDeliverer({
    poster: createBriefingPoster(client),
    stores,
    clock,
    log,
    owner: options.owner,
    timings: { ...TEST_TIMINGS, ...options.timings },
    maxItems: options.maxItems,
  });
  const briefings = createBriefingService({ deliverer, events, stores, clock });
  const route = createRouter({
    commands: [briefing],
    context: { ...stores, limits: DEFAULT_LIMITS, ingest: inThreadIngest(stores.articles), clock, log, briefings },
    token: TEST_TOKEN,
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(TEST_TOKEN);
  await ready;
  const schedules: ScheduledCall[] = [];
  const scheduler = startScheduler({ deliverer, events, stores, clock, log, schedule: recordingSchedule(schedules), sweepMs: 0 });
  await scheduler.ready;
  let closed = false;
  const stop = async (drain: boolean): Promise<void> => {
    if (closed) return;
    closed = true;
    scheduler.stop();
    if (drain) await deliverer.drain(1_000);
    await client.destroy();
    await stores.close();
  };
  return { client, deliverer, stores, scheduler, schedules, logs, close: () => stop(true), kill: () => stop(false) };
}
