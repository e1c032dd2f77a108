/**
 * Quote alerts: when an article is saved, every follow whose speaker it quotes, in a server
 * that may see it, gets one alert. The alert log row is written before the post and its status
 * after, posts carry a nonce derived from (follow, article), and what is pending is posted again
 * at start: a restart neither loses nor repeats an alert. Knows nothing of Discord.
 */
import { createHash } from 'node:crypto';
import type { ArticleVisibility } from '../library/article-visibility.js';
import type { AlertEntry, FollowMatch, FollowStore } from '../library/follow-store.js';
import type { ArticleStore } from '../library/types.js';
import type { Clock } from '../clock.js';
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
}

export interface AlertService {
  /** Logs the alerts a newly created article calls for and queues their posting; returns how many were logged. */
  articleSaved(articleId: number): number;
  /** Queues posting what is pending and summarizing past hours: at start, and on the timer. */
  resume(): Promise<void>;
  /** Resolves once everything queued so far is done. */
  idle(): Promise<void>;
  /** Retries and summarizes every `intervalMs` until `stop`. */
  start(intervalMs?: number): void;
  /** Stops the timer; resolves once a post in progress is done. */
  stop(): Promise<void>;
}

/** The Discord nonce of an alert: the same (follow, article) always posts with the same one (at most 25 characters). */
export const alertNonce = (followId: number, articleId: number): string => `q${followId.toString(36)}.${articleId.toString(36)}`;

/** The nonce of a channel's summary for an hour. */
export const summaryNonce = (channelId: string, hour: number): string =>
  `s${createHash('sha256').update(`${channelId}:${hour}`).digest('base64url').slice(0, 24)}`;

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createAlertService(options: AlertServiceOptions): AlertService {
  const { follows, visibility, articles, poster, clock, log, perHour } = options;
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const hourNow = (): number => Math.floor(clock().getTime() / HOUR_MS);

  /** Runs one step after the ones queued before it, so no alert is posted twice in this process. */
  const enqueue = (step: () => Promise<void>): Promise<void> => {
    queue = queue.then(() => (stopped ? undefined : step())).catch((error: unknown) => log.warn(`quote alerts: ${reason(error)}`));
    return queue;
  };

  function alertOf(entry: AlertEntry, match: FollowMatch): QuoteAlert | null {
    const article = articles.getArticle('all', entry.articleId);
    const reading = article && articles.getReading('all', article.id);
    if (!article || !reading) return null;
    return {
      channelId: entry.channelId,
      roleId: match.follow.roleId,
      speaker: { name: match.speaker.name, roles: match.speaker.roles },
      quotes: match.quotes,
      article: { id: article.id, title: reading.title ?? article.title, headline: reading.headline, date: reading.date ?? article.date, url: article.url },
    };
  }

  /** Posts one alert; false when Discord may be down and the rest should wait for the next try. */
  async function post(entry: AlertEntry, alert: QuoteAlert | null): Promise<boolean> {
    const now = (): number => clock().getTime();
    if (!alert) {
      follows.finishAlert(entry.followId, entry.articleId, { status: 'failed', error: 'the article or its quote is no longer in the archive', now: now() });
      return true;
    }
    try {
      const messageId = await poster.postAlert(alert, alertNonce(entry.followId, entry.articleId));
      follows.finishAlert(entry.followId, entry.articleId, { status: 'sent', messageId, now: now() });
      return true;
    } catch (error) {
      if (error instanceof AlertPostError && error.permanent) {
        follows.finishAlert(entry.followId, entry.articleId, { status: 'failed', error: error.message, now: now() });
        log.warn(`quote alert for article #${entry.articleId} in channel ${entry.channelId} failed: ${error.message}`);
        return true;
      }
      log.warn(`quote alert for article #${entry.articleId} will be retried: ${reason(error)}`);
      return false;
    }
  }

  async function postPending(): Promise<void> {
    const byArticle = new Map<number, AlertEntry[]>();
    for (const entry of follows.pendingAlerts()) byArticle.set(entry.articleId, [...(byArticle.get(entry.articleId) ?? []), entry]);
    for (const [articleId, entries] of byArticle) {
      // One match per article, however many servers follow its speakers
      const matches = new Map(follows.matchArticle(articleId).map((m) => [m.follow.id, m]));
      for (const entry of entries) {
        const match = matches.get(entry.followId);
        if (!(await post(entry, match ? alertOf(entry, match) : null))) return;
      }
    }
  }

  async function summarize(): Promise<void> {
    const groups = new Map<string, AlertEntry[]>();
    for (const entry of follows.heldBefore(hourNow())) {
      const key = `${entry.channelId}:${entry.hour}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const speakers = new Map<number, Map<number, string>>();
    /** Who the alert was for: the speaker as the archive names them, else the follow's name. */
    const speakerOf = (e: AlertEntry): string => {
      if (!speakers.has(e.articleId)) speakers.set(e.articleId, new Map(follows.matchArticle(e.articleId).map((m) => [m.follow.id, m.speaker.name])));
      return speakers.get(e.articleId)!.get(e.followId) ?? follows.getFollow(e.followId)?.name ?? 'a followed speaker';
    };
    for (const entries of groups.values()) {
      const { channelId, hour } = entries[0]!;
      const summary: AlertSummary = {
        channelId, hour, perHour,
        alerts: entries.map((e) => ({
          speaker: speakerOf(e),
          articleId: e.articleId,
          title: articles.getArticle('all', e.articleId)?.title ?? articles.getReading('all', e.articleId)?.headline ?? `Article #${e.articleId}`,
        })),
      };
      try {
        const messageId = await poster.postSummary(summary, summaryNonce(channelId, hour));
        follows.finishSummary(channelId, hour, { messageId, now: clock().getTime() });
      } catch (error) {
        if (!(error instanceof AlertPostError && error.permanent)) throw error;
        follows.finishSummary(channelId, hour, { messageId: null, now: clock().getTime() });
        log.warn(`quote alert summary in channel ${channelId} failed: ${error.message}`);
      }
    }
  }

  const resume = (): Promise<void> => enqueue(async () => {
    await postPending();
    await summarize();
  });

  return {
    articleSaved(articleId) {
      const entries = follows.matchArticle(articleId)
        .filter((m) => visibility.isVisibleTo(m.follow.guildId, articleId))
        .map((m) => ({ followId: m.follow.id, articleId, channelId: m.follow.channelId }));
      if (entries.length === 0) return 0;
      const logged = follows.logAlerts(entries, { hour: hourNow(), perHour, now: clock().getTime() });
      void enqueue(postPending);
      return logged.length;
    },
    resume,
    idle: () => queue,
    start(intervalMs = ALERT_TICK_MS) {
      clearInterval(timer);
      timer = setInterval(() => void resume(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue;
    },
  };
}
