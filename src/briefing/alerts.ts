/**
 * Quote alerts: when an article is saved, every follow whose speaker it quotes, in a server
 * that may see it, gets one alert. The alert log row is written before the post and its status
 * after, posts carry a nonce derived from (follow, article), and what is pending is posted again
 * at start: a restart neither loses nor repeats an alert. Across processes each row is a leased
 * job, as a briefing delivery is (deliver.ts): one claim wins, the lease is renewed while
 * posting, a failure that may pass frees it with a backoff, and a row whose owner died is taken
 * over when its lease runs out, reading the channel first so what was posted is recorded, not
 * posted again. Knows nothing of Discord.
 */
import { createHash } from 'node:crypto';
import type { ArticleVisibility } from '../library/article-visibility.js';
import type { AlertEntry, FollowMatch, FollowStore } from '../library/follow-store.js';
import type { ArticleStore } from '../library/types.js';
import type { Clock } from '../clock.js';
import { isStorageTransient } from '../library/storage-errors.js';
import { backoffMs, DEFAULT_TIMINGS, processOwner, type DeliveryTimings } from './deliver.js';
import type { Logger } from '../logger.js';
import { AlertPostError, type AlertPoster, type AlertSummary, type QuoteAlert } from './alert-poster.js';

export const HOUR_MS = 60 * 60_000;
/** How often pending alerts are retried and past hours summarized. */
export const ALERT_TICK_MS = 60_000;

export interface AlertServiceOptions {
  follows: FollowStore;
  visibility: ArticleVisibility;
  articles: Pick<ArticleStore, 'getArticle' | 'getReading'>;
  poster: AlertPoster;
  clock: Clock;
  log: Logger;
  /** At most this many alerts a channel an hour; the rest go in one summary after the hour. */
  perHour: number;
  /** Who holds the leases this service takes; unique per process by default. */
  owner?: string;
  /** Leases and retries, as for deliveries; tests shorten them. */
  timings?: Partial<DeliveryTimings>;
}

export interface AlertService {
  /** Logs the alerts a newly created article calls for and queues their posting; returns how many were logged. */
  articleSaved(articleId: number): Promise<number>;
  /** Queues posting what is pending and summarizing past hours: at start, and on the timer. */
  resume(): Promise<void>;
  /** Resolves once everything queued so far is done. */
  idle(): Promise<void>;
  /** Retries and summarizes every `intervalMs` until `stop`. */
  start(intervalMs?: number): void;
  /** Stops the timer and claims nothing more; lets a post in progress finish for up to `deadlineMs`, else gives its lease back. */
  stop(deadlineMs?: number): Promise<void>;
}

/** How long `stop` waits for a post in flight before giving its lease back. */
export const ALERT_DRAIN_MS = 8_000;

/** The Discord nonce of an alert: the same (follow, article) always posts with the same one (at most 25 characters). */
export const alertNonce = (followId: number, articleId: number): string => `q${followId.toString(36)}.${articleId.toString(36)}`;

/** The nonce of a channel's summary for an hour. */
export const summaryNonce = (channelId: string, hour: number): string => `s${createHash('sha256').update(`${channelId}:${hour}`).digest('base64url').slice(0, 24)}`;

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Writes the alert rows a newly saved article owes: one per follow whose speaker it quotes and
 * whose server sees it. Rows are pending jobs in the store, so any process may log them (the bot,
 * or `briefing ingest` in a process of its own) and the bot's alert service posts them. Returns
 * how many were logged.
 */
export async function logAlertsFor(
  articleId: number,
  { follows, visibility, clock, perHour }: Pick<AlertServiceOptions, 'follows' | 'visibility' | 'clock' | 'perHour'>,
): Promise<number> {
  const matches = await follows.matchArticle(articleId);
  const entries: { followId: number; articleId: number; channelId: string }[] = [];
  for (const m of matches) if (await visibility.isVisibleTo(m.follow.guildId, articleId)) entries.push({ followId: m.follow.id, articleId, channelId: m.follow.channelId });
  if (entries.length === 0) return 0;
  const now = clock().getTime();
  // logAlerts skips a (follow, article) already logged, so two processes logging the same article log it once
  return (await follows.logAlerts(entries, { hour: Math.floor(now / HOUR_MS), perHour, now })).length;
}

/** Due alerts read at a time while posting; passes repeat until none is left. */
const DUE_BATCH = 100;

export function createAlertService(options: AlertServiceOptions): AlertService {
  const { follows, visibility, articles, poster, clock, log, perHour } = options;
  const timings: DeliveryTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const owner = options.owner ?? processOwner(process.pid);
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wake: NodeJS.Timeout | undefined;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  /** The row this process holds and is posting right now, and the timer renewing its lease. */
  let inFlight: { entry: AlertEntry; beat: NodeJS.Timeout } | null = null;
  const now = (): number => clock().getTime();
  const hourNow = (): number => Math.floor(clock().getTime() / HOUR_MS);

  /** Runs one step after the ones queued before it, so no alert is posted twice in this process. */
  const enqueue = (step: () => Promise<void>): Promise<void> => {
    queue = queue.then(() => (stopped ? undefined : step())).catch((error: unknown) => log.warn(`quote alerts: ${reason(error)}`));
    return queue;
  };

  async function alertOf(entry: AlertEntry, match: FollowMatch): Promise<QuoteAlert | null> {
    const article = await articles.getArticle('all', entry.articleId);
    const reading = article && (await articles.getReading('all', article.id));
    if (!article || !reading) return null;
    return {
      channelId: entry.channelId,
      roleId: match.follow.roleId,
      speaker: { name: match.speaker.name, roles: match.speaker.roles },
      quotes: match.quotes,
      article: { id: article.id, title: reading.title ?? article.title, headline: reading.headline, date: reading.date ?? article.date, url: article.url },
    };
  }

  /** Settles a claimed row; a row taken over meanwhile is the new owner's to settle. */
  async function settle(entry: AlertEntry, result: { status: 'sent' | 'failed'; messageId?: string | null; error?: string }): Promise<void> {
    if (!(await follows.finishAlert(entry.followId, entry.articleId, owner, { ...result, now: now() }))) {
      log.warn(`quote alert for article #${entry.articleId} in channel ${entry.channelId}: another process took it over; it records the result.`);
    }
  }

  /** A failed attempt: given back with a backoff, or settled as failed when trying again cannot help. */
  async function failedAttempt(entry: AlertEntry, error: unknown): Promise<boolean> {
    if (error instanceof AlertPostError && error.permanent) {
      await settle(entry, { status: 'failed', error: error.message });
      log.warn(`quote alert for article #${entry.articleId} in channel ${entry.channelId} failed: ${error.message}`);
      return true;
    }
    const why = isStorageTransient(error) ? `storage unavailable: ${reason(error)}` : reason(error);
    const at = now() + backoffMs(entry.attempts, timings);
    try {
      await follows.releaseAlert(entry.followId, entry.articleId, owner, { now: now(), at, error: why });
      log.warn(`quote alert for article #${entry.articleId}, attempt ${entry.attempts}: ${why}; trying again at ${new Date(at).toISOString()}.`);
    } catch (storeError) {
      // The log itself is unwritable: the lease runs out and the row is claimed again
      log.warn(`quote alert for article #${entry.articleId}: ${why}; recording it failed too (${reason(storeError)}); it is retried when the lease runs out.`);
    }
    return false;
  }

  /** Posts one claimed alert, renewing its lease meanwhile; false when Discord may be down and the rest should wait. */
  async function runClaimed(entry: AlertEntry, alert: QuoteAlert | null): Promise<boolean> {
    const nonce = alertNonce(entry.followId, entry.articleId);
    const beat = setInterval(() => {
      void (async () => {
        try {
          const renewed = await follows.renewAlertLease(entry.followId, entry.articleId, owner, { leaseMs: timings.leaseMs, now: now() });
          // A renewal answered after the row was settled is no lost lease
          if (!renewed && inFlight?.beat === beat) {
            clearInterval(beat);
            log.warn(`quote alert for article #${entry.articleId}: lost its lease to another process, or gave it back.`);
          }
        } catch (error) {
          // A locked file skips a beat; the lease has room for a few
          log.warn(`renewing the lease of the quote alert for article #${entry.articleId} failed: ${reason(error)}`);
        }
      })();
    }, timings.heartbeatMs);
    // A post that never returns must not keep a stopping process alive
    beat.unref();
    inFlight = { entry, beat };
    try {
      // An earlier attempt may have posted it, longer ago than Discord remembers a nonce: the channel says
      if (entry.attempts > 1) {
        const found = await readBack(entry.channelId, nonce, entry.createdAt, `quote alert for article #${entry.articleId}`);
        if (found) {
          await settle(entry, { status: 'sent', messageId: found });
          log.info(`quote alert for article #${entry.articleId} in channel ${entry.channelId} was posted by an earlier attempt; recorded it.`);
          return true;
        }
      }
      if (!alert) {
        await settle(entry, { status: 'failed', error: 'the article or its quote is no longer in the archive' });
        return true;
      }
      const messageId = await poster.postAlert(alert, nonce);
      await settle(entry, { status: 'sent', messageId });
      return true;
    } catch (error) {
      return await failedAttempt(entry, error);
    } finally {
      clearInterval(beat);
      inFlight = null;
    }
  }

  /**
   * What an earlier attempt posted, read from the channel. A channel the bot may post in but not
   * read (no Read Message History) cannot be checked: the post goes ahead with its nonce, which
   * Discord honours for a few minutes. Failures that may pass are thrown, to try again later.
   */
  async function readBack(channelId: string, nonce: string, since: number, what: string): Promise<string | null> {
    try {
      return await poster.findAlert(channelId, nonce, since);
    } catch (error) {
      if (!(error instanceof AlertPostError && error.permanent)) throw error;
      log.warn(`${what}: could not read channel ${channelId} to see whether an earlier attempt posted it (${error.message}); posting with its nonce.`);
      return null;
    }
  }

  /** Wakes the service when the earliest row held or backed off elsewhere falls due, so a dead owner's row is taken over soon. */
  async function wakeForNext(): Promise<void> {
    clearTimeout(wake);
    const next = await follows.nextAlertAt(now());
    if (next === null || stopped) return;
    wake = setTimeout(() => void resume(), Math.max(0, next - now()) + 1);
    wake.unref();
  }

  /** Posts every due alert, a batch at a time, until none is left (a burst of articles is not left for the next tick). */
  async function postPending(): Promise<void> {
    for (;;) {
      const due = await follows.dueAlerts(now(), DUE_BATCH);
      let claimedAny = false;
      const byArticle = new Map<number, AlertEntry[]>();
      for (const entry of due) byArticle.set(entry.articleId, [...(byArticle.get(entry.articleId) ?? []), entry]);
      for (const [articleId, entries] of byArticle) {
        // One match per article, however many servers follow its speakers
        const matches = new Map((await follows.matchArticle(articleId)).map((m) => [m.follow.id, m]));
        for (const entry of entries) {
          if (stopped) return;
          // Another process may have claimed it since the list was read: the claim decides
          const claimed = await follows.claimAlert(entry.followId, entry.articleId, owner, { leaseMs: timings.leaseMs, now: now() });
          if (!claimed) continue;
          claimedAny = true;
          const match = matches.get(entry.followId);
          if (!(await runClaimed(claimed, match ? await alertOf(claimed, match) : null))) return;
        }
      }
      // A short batch was all there is; a batch held entirely by other processes is theirs to post
      if (due.length < DUE_BATCH || !claimedAny) return;
    }
  }

  async function summarize(): Promise<void> {
    const groups = new Map<string, AlertEntry[]>();
    for (const entry of await follows.heldBefore(hourNow())) {
      const key = `${entry.channelId}:${entry.hour}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const speakers = new Map<number, Map<number, string>>();
    /** Who the alert was for: the speaker as the archive names them, else the follow's name. */
    const speakerOf = async (e: AlertEntry): Promise<string> => {
      if (!speakers.has(e.articleId)) speakers.set(e.articleId, new Map((await follows.matchArticle(e.articleId)).map((m) => [m.follow.id, m.speaker.name])));
      return speakers.get(e.articleId)!.get(e.followId) ?? (await follows.getFollow(e.followId))?.name ?? 'a followed speaker';
    };
    const titleOf = async (articleId: number): Promise<string> =>
      (await articles.getArticle('all', articleId))?.title ?? (await articles.getReading('all', articleId))?.headline ?? `Article #${articleId}`;
    for (const listed of groups.values()) {
      if (stopped) return;
      const { channelId, hour } = listed[0]!;
      // The hour's rows, all claimed at once: another process summarizing it has them leased
      const entries = (await follows.claimSummary(channelId, hour, owner, { leaseMs: timings.leaseMs, now: now() })).sort(
        (a, b) => a.articleId - b.articleId || a.followId - b.followId,
      );
      if (entries.length === 0) continue;
      const alerts: AlertSummary['alerts'] = [];
      for (const e of entries) alerts.push({ speaker: await speakerOf(e), articleId: e.articleId, title: await titleOf(e.articleId) });
      const summary: AlertSummary = { channelId, hour, perHour, alerts };
      if (!(await postSummary(summary, entries))) return;
    }
  }

  /** Posts one claimed hour's summary, or records the one an earlier attempt posted; false when the rest should wait. */
  async function postSummary(summary: AlertSummary, entries: AlertEntry[]): Promise<boolean> {
    const { channelId, hour } = summary;
    const nonce = summaryNonce(channelId, hour);
    const record = async (messageId: string | null): Promise<void> => {
      if (!(await follows.finishSummary(channelId, hour, owner, { messageId, now: now() }))) log.warn(`quote alert summary in channel ${channelId}: another process took it over.`);
    };
    try {
      if (entries.some((e) => e.attempts > 1)) {
        const found = await readBack(channelId, nonce, Math.min(...entries.map((e) => e.createdAt)), 'quote alert summary');
        if (found) {
          await record(found);
          return true;
        }
      }
      await record(await poster.postSummary(summary, nonce));
      return true;
    } catch (error) {
      if (error instanceof AlertPostError && error.permanent) {
        await record(null);
        log.warn(`quote alert summary in channel ${channelId} failed: ${error.message}`);
        return true;
      }
      const attempts = Math.max(...entries.map((e) => e.attempts));
      const at = now() + backoffMs(attempts, timings);
      try {
        await follows.releaseSummary(channelId, hour, owner, { now: now(), at, error: reason(error) });
      } catch (storeError) {
        log.warn(`giving back the quote alert summary in channel ${channelId} failed: ${reason(storeError)}; it is free when its lease runs out.`);
      }
      log.warn(`quote alert summary in channel ${channelId}: ${reason(error)}; trying again at ${new Date(at).toISOString()}.`);
      return false;
    }
  }

  const resume = (): Promise<void> =>
    enqueue(async () => {
      try {
        await postPending();
        if (!stopped) await summarize();
      } finally {
        if (!stopped) await wakeForNext();
      }
    });

  return {
    async articleSaved(articleId) {
      const logged = await logAlertsFor(articleId, { follows, visibility, clock, perHour });
      if (logged > 0) void resume();
      return logged;
    },
    resume,
    idle: () => queue,
    start(intervalMs = ALERT_TICK_MS) {
      clearInterval(timer);
      timer = setInterval(() => void resume(), intervalMs);
      timer.unref();
    },
    stop(deadlineMs = ALERT_DRAIN_MS) {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        clearTimeout(wake);
        let late: NodeJS.Timeout | undefined;
        const deadline = new Promise<'late'>((resolve) => (late = setTimeout(() => resolve('late'), deadlineMs)));
        const outcome = await Promise.race([queue.then(() => 'done' as const), deadline]);
        clearTimeout(late);
        const held = inFlight?.entry;
        if (outcome === 'late' && inFlight && held) {
          clearInterval(inFlight.beat);
          // Given back now, so another process need not wait out the lease; it reads the channel before posting
          try {
            if (await follows.releaseAlert(held.followId, held.articleId, owner, { now: now() }))
              log.info(`quote alert for article #${held.articleId}: given back for another process.`);
          } catch (error) {
            log.warn(`giving back the quote alert for article #${held.articleId} failed: ${reason(error)}; it is free when its lease runs out.`);
          }
        }
      })();
      return stopping;
    },
  };
}
