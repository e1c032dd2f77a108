/**
 * One node-cron task per guild, in that guild's timezone, calling `runDue`. Tasks are rebuilt
 * when settings change and destroyed on `off` and on `stop()`. On start every guild is
 * caught up: a briefing missed while the bot was down goes out once, the same local day. A
 * sweep every `sweepMs` does the same and resumes due jobs: retries after a backoff, jobs whose
 * owner died (their lease ran out), and days the log could not be written when they came due.
 */
import cron, { type ScheduledTask, type TaskOptions } from 'node-cron';
import type { Clock } from '../clock.js';
import type { ArticleStore, DeliveryStore, GuildSettingsStore } from '../library/types.js';
import type { Logger } from '../logger.js';
import type { Deliverer, DeliveryOutcome } from './deliver.js';
import { parseTime } from './local-time.js';
import type { SettingsEvents } from './settings-events.js';

/** node-cron's `schedule`, injectable so a test can see what was scheduled. */
export type ScheduleFn = (expression: string, task: () => Promise<void>, options: TaskOptions) => Pick<ScheduledTask, 'destroy'>;

export interface SchedulerOptions {
  /** The deliverer `/briefing now` uses too, so both go through the same claims. */
  deliverer: Deliverer;
  /** Where commands announce settings changes; the scheduler reschedules on each. */
  events: SettingsEvents;
  stores: { articles: ArticleStore; guilds: GuildSettingsStore; deliveries: DeliveryStore };
  clock: Clock;
  log: Logger;
  schedule?: ScheduleFn;
  /** How often due jobs are resumed and every guild caught up; 0 for never (tests tick by hand). */
  sweepMs?: number;
}

/** The sweep's period by default: with a 30 s lease, a dead owner's job is taken over within 45 s. */
export const SWEEP_MS = 15_000;

export interface Scheduler {
  /** Rebuilds (or removes) the task of one guild from its stored settings. */
  reschedule(guildId: string): Promise<void>;
  /** The tick node-cron calls; exposed so tests can run a day with a fake clock. */
  runDue(guildId: string, now?: Date): Promise<DeliveryOutcome>;
  /** Resumes due jobs, then runs every enabled guild once (what start and each sweep do). */
  catchUp(now?: Date): Promise<DeliveryOutcome[]>;
  /** Settles once every guild is scheduled and the start-up catch-up is done. */
  readonly ready: Promise<void>;
  /** Guild ids with a task. */
  scheduled(): string[];
  /** Destroys every task, stops the sweep and stops listening for settings changes. */
  stop(): void;
}

/**
 * The cron expression for a daily `HH:MM`. It also fires an hour later: on the day DST skips
 * 02:30 the first never comes, and otherwise the second finds the day claimed and does nothing.
 */
export function cronExpression(time: string): string {
  const minutes = parseTime(time) ?? 0;
  const hour = Math.floor(minutes / 60);
  return `${minutes % 60} ${hour},${(hour + 1) % 24} * * *`;
}

/** Starts scheduling every enabled guild in the library. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { stores, log, deliverer } = options;
  const schedule: ScheduleFn = options.schedule ?? cron.schedule;
  const tasks = new Map<string, Pick<ScheduledTask, 'destroy'>>();
  let stopped = false;

  const runDue = async (guildId: string, now?: Date): Promise<DeliveryOutcome> => {
    try {
      return await deliverer.runDue(guildId, now ?? options.clock());
    } catch (error) {
      // A tick must never throw into node-cron: log, and let the next tick try again
      log.error(`Briefing run for guild ${guildId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { kind: 'busy' };
    }
  };

  const unschedule = (guildId: string): void => {
    const task = tasks.get(guildId);
    tasks.delete(guildId);
    if (task) void Promise.resolve(task.destroy()).catch(() => undefined);
  };

  const reschedule = async (guildId: string): Promise<void> => {
    const settings = await stores.guilds.getGuildSettings(guildId);
    // After the read: of two reschedules of one guild at once, the last one's task is the only one
    unschedule(guildId);
    if (stopped || !settings?.enabled) return;
    const task = schedule(cronExpression(settings.time), async () => void (await runDue(guildId)), {
      timezone: settings.timezone,
      noOverlap: true,
      name: `briefing:${guildId}`,
    });
    tasks.set(guildId, task);
  };

  const catchUp = async (now?: Date): Promise<DeliveryOutcome[]> => {
    try {
      const resumed = deliverer.resumeDue();
      const due = stores.guilds.listGuildSettings().then((all) => Promise.all(all.filter((s) => s.enabled).map((s) => runDue(s.guildId, now))));
      const [resumedOutcomes, dueOutcomes] = await Promise.all([resumed, due]);
      return [...resumedOutcomes, ...dueOutcomes];
    } catch (error) {
      // A locked file: the next sweep tries again
      log.warn(`Catching up the briefings failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };

  // One sweep at a time: a slow one (a long fan-out) is not stacked on
  let sweeping: Promise<unknown> | null = null;
  const sweep = (): void => {
    if (stopped || sweeping) return;
    sweeping = catchUp().finally(() => (sweeping = null));
  };
  const sweepMs = options.sweepMs ?? SWEEP_MS;
  const sweeper = sweepMs > 0 ? setInterval(sweep, sweepMs) : null;
  sweeper?.unref();

  const unsubscribe = options.events.subscribe((guildId) => {
    void reschedule(guildId).catch((error: unknown) => log.warn(`Rescheduling the briefing of guild ${guildId} failed: ${error instanceof Error ? error.message : String(error)}`));
    // Set up after today's time has passed: the next tick is tomorrow, so look now
    void runDue(guildId);
  });
  const ready = (async () => {
    for (const settings of await stores.guilds.listGuildSettings()) await reschedule(settings.guildId);
    await catchUp();
  })();

  return {
    reschedule,
    runDue,
    catchUp,
    ready,
    scheduled: () => [...tasks.keys()],
    stop() {
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      unsubscribe();
      for (const guildId of [...tasks.keys()]) unschedule(guildId);
    },
  };
}
