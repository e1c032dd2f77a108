/**
 * Delivery exactly once: a briefing is claimed in the log for its guild and local day before
 * it is posted (pending) and settled after (sent with the message ids, or failed with why).
 * A claim left pending by a killed process is reconciled against the channel, never reposted
 * blindly.
 */
import type { Clock } from '../clock.js';
import type { ArticleStore, Delivery, DeliveryStore, GuildSettings, GuildSettingsStore } from '../library/types.js';
import type { Logger } from '../logger.js';
import { BriefingPostError, type BriefingPoster, type PostedParts } from './briefing-poster.js';
import { briefingOf, buildBriefing, newArticleIds, type Briefing } from './build-briefing.js';
import { localTime, parseTime } from './local-time.js';

export interface DeliveryDeps {
  /** Renders and posts a briefing, and finds what was posted (Discord, in the bot). */
  poster: BriefingPoster;
  stores: { articles: ArticleStore; guilds: GuildSettingsStore; deliveries: DeliveryStore };
  clock: Clock;
  log: Logger;
  /** How old a pending claim must be before it counts as interrupted. */
  graceMs?: number;
  /** The most items a briefing shows (BRIEFING_MAX_ITEMS). */
  maxItems?: number;
}

export type DeliveryOutcome =
  | { kind: 'not-set-up' | 'disabled' | 'not-due' | 'busy' }
  | { kind: 'already'; delivery: Delivery }
  | { kind: 'empty'; key: string }
  | { kind: 'sent'; key: string; messageIds: string[] }
  | { kind: 'failed'; key: string; reason: string }
  | { kind: 'interrupted'; key: string; reason: string };

/** A pending claim younger than this may still be posting (another process, a slow Discord). */
export const PENDING_GRACE_MS = 2 * 60_000;
// Extra `/briefing now` runs on a day already claimed get `YYYY-MM-DD+2`, `+3`…
const EXTRA_RUNS_MAX = 20;

export interface Deliverer {
  /** The scheduled tick: delivers today's briefing if its time has come and the day is unclaimed. */
  runDue(guildId: string, now?: Date): Promise<DeliveryOutcome>;
  /** `/briefing now`: today's briefing, or an extra one when today's is claimed already. */
  deliverNow(guildId: string, now?: Date): Promise<DeliveryOutcome>;
  /** On start: settles a claim of an earlier day left pending by a killed process. */
  settleInterrupted(guildId: string, now?: Date): Promise<DeliveryOutcome | null>;
  /** What a delivery now would post (`/briefing show`), with the same item limit; claims nothing. */
  preview(guildId: string, now?: Date): Briefing;
}

export function createDeliverer(deps: DeliveryDeps): Deliverer {
  const { stores, log } = deps;
  const graceMs = deps.graceMs ?? PENDING_GRACE_MS;
  const shape = { maxItems: deps.maxItems };
  // Claims this process is posting or reconciling right now: never "interrupted", never twice
  const inFlight = new Set<string>();

  async function post(settings: GuildSettings, key: string, briefing: Briefing, posted?: Map<number, string>): Promise<DeliveryOutcome> {
    try {
      const messageIds = await deps.poster.post({ channelId: settings.channelId, briefing, key, roleId: settings.roleId, posted });
      stores.deliveries.finishDelivery(settings.guildId, key, { status: 'sent', messageIds });
      log.info(`Briefing ${key} for guild ${settings.guildId}: posted ${messageIds.length} message(s).`);
      return { kind: 'sent', key, messageIds };
    } catch (error) {
      const reason = error instanceof BriefingPostError ? error.message : `Discord error: ${String(error)}`;
      const messageIds = error instanceof BriefingPostError ? error.messageIds : [];
      stores.deliveries.finishDelivery(settings.guildId, key, { status: 'failed', messageIds, error: reason });
      log.warn(`Briefing ${key} for guild ${settings.guildId} failed: ${reason}`);
      return { kind: 'failed', key, reason };
    }
  }

  /** Runs one delivery of `key` at a time in this process; a second caller is told it is busy. */
  async function guarded(guildId: string, key: string, run: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    const id = `${guildId}/${key}`;
    if (inFlight.has(id)) return { kind: 'busy' };
    inFlight.add(id);
    try {
      return await run();
    } finally {
      inFlight.delete(id);
    }
  }

  /** Claims `key`, then posts; an empty briefing is claimed and settled without a post unless wanted. */
  async function claimAndPost(settings: GuildSettings, key: string, now: Date, postWhenEmpty: boolean): Promise<DeliveryOutcome> {
    const { ids } = newArticleIds(stores, settings.guildId, now);
    if (!stores.deliveries.beginDelivery(settings.guildId, key, ids)) return { kind: 'already', delivery: stores.deliveries.getDelivery(settings.guildId, key)! };
    const briefing = briefingOf(stores, settings.guildId, ids, now, shape);
    if (briefing.items.length === 0 && !postWhenEmpty) {
      stores.deliveries.finishDelivery(settings.guildId, key, { status: 'sent', messageIds: [] });
      return { kind: 'empty', key };
    }
    return guarded(settings.guildId, key, () => post(settings, key, briefing));
  }

  /** A pending claim from a process that died: find what it posted, finish it, or say so. */
  async function reconcile(settings: GuildSettings, delivery: Delivery, now: Date): Promise<DeliveryOutcome> {
    const key = delivery.localDate;
    let found: PostedParts;
    try {
      found = await deps.poster.findPosted(settings.channelId, key);
    } catch (error) {
      const reason = `interrupted: may or may not have been posted (could not read the channel: ${error instanceof Error ? error.message : String(error)})`;
      log.warn(`Briefing ${key} for guild ${settings.guildId}: ${reason}`);
      return { kind: 'interrupted', key, reason };
    }
    if (found.total > 0 && found.parts.size >= found.total) {
      const messageIds = [...found.parts.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
      stores.deliveries.finishDelivery(settings.guildId, key, { status: 'sent', messageIds });
      log.info(`Briefing ${key} for guild ${settings.guildId} was posted before a restart; recorded it.`);
      return { kind: 'sent', key, messageIds };
    }
    if (key !== localTime(now, settings.timezone).date) {
      const reason = 'interrupted before it was posted; the day was over when the bot came back';
      stores.deliveries.finishDelivery(settings.guildId, key, { status: 'failed', messageIds: [...found.parts.values()], error: reason });
      return { kind: 'failed', key, reason };
    }
    // The same articles as claimed, so a half-posted briefing is completed, not restarted
    return post(settings, key, briefingOf(stores, settings.guildId, delivery.articleIds, now, shape), found.parts);
  }

  async function runDue(guildId: string, now = deps.clock()): Promise<DeliveryOutcome> {
    const settings = stores.guilds.getGuildSettings(guildId);
    if (!settings) return { kind: 'not-set-up' };
    if (!settings.enabled) return { kind: 'disabled' };
    const local = localTime(now, settings.timezone);
    if (local.minutes < (parseTime(settings.time) ?? 0)) return { kind: 'not-due' };
    const existing = stores.deliveries.getDelivery(guildId, local.date);
    if (!existing) return claimAndPost(settings, local.date, now, settings.postWhenEmpty);
    if (existing.status !== 'pending') return { kind: 'already', delivery: existing };
    const stale = now.getTime() - existing.updatedAt > graceMs;
    return stale ? guarded(guildId, local.date, () => reconcile(settings, existing, now)) : { kind: 'busy' };
  }

  async function deliverNow(guildId: string, now = deps.clock()): Promise<DeliveryOutcome> {
    const settings = stores.guilds.getGuildSettings(guildId);
    if (!settings) return { kind: 'not-set-up' };
    const day = localTime(now, settings.timezone).date;
    if (newArticleIds(stores, guildId, now).ids.length === 0 && !settings.postWhenEmpty) return { kind: 'empty', key: day };
    for (let run = 1; run <= EXTRA_RUNS_MAX; run++) {
      const key = run === 1 ? day : `${day}+${run}`;
      if (stores.deliveries.getDelivery(guildId, key)) continue;
      const outcome = await claimAndPost(settings, key, now, true);
      if (outcome.kind !== 'already') return outcome;
    }
    return { kind: 'busy' };
  }

  async function settleInterrupted(guildId: string, now = deps.clock()): Promise<DeliveryOutcome | null> {
    const settings = stores.guilds.getGuildSettings(guildId);
    const last = stores.deliveries.lastDelivery(guildId);
    if (!settings || last?.status !== 'pending') return null;
    // Today's claim is runDue's business; it may also still be within its grace
    if (last.localDate === localTime(now, settings.timezone).date || now.getTime() - last.updatedAt <= graceMs) return null;
    return guarded(guildId, last.localDate, () => reconcile(settings, last, now));
  }

  const preview = (guildId: string, now = deps.clock()): Briefing => buildBriefing(stores, guildId, now, shape);

  return { runDue, deliverNow, settleInterrupted, preview };
}

/** Why a delivery looks the way it does, in one line for `/briefing status`. */
export function describeDelivery(delivery: Delivery, now: Date, graceMs = PENDING_GRACE_MS): string {
  if (delivery.status === 'sent') {
    return delivery.messageIds.length ? `sent (${delivery.messageIds.length} message${delivery.messageIds.length === 1 ? '' : 's'})` : 'nothing new, nothing posted';
  }
  if (delivery.status === 'failed') return `not delivered: ${delivery.error ?? 'unknown reason'}`;
  return now.getTime() - delivery.updatedAt > graceMs ? 'interrupted: may or may not have been posted (the bot stopped while posting)' : 'being posted right now';
}
