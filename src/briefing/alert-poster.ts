/**
 * Where quote alerts go out. The alert service decides what and when; the poster (Discord in
 * the bot, `src/discord/post-alert.ts`) renders and posts, with the nonce it is given so a
 * repeated post cannot make a second message.
 */

/** One alert: a followed speaker's quotes in one new article. */
export interface QuoteAlert {
  channelId: string;
  /** The follow's role, the only mention the message may make. */
  roleId: string | null;
  speaker: { name: string; roles: string[] };
  /** In article order; several quotes of one article go in one message. */
  quotes: string[];
  article: { id: number; title: string | null; headline: string; date: string | null; url: string | null };
}

/** The alerts over a channel's hourly cap, said in one message once the hour is over. */
export interface AlertSummary {
  channelId: string;
  /** Whole hours since the epoch: the hour the alerts fell in. */
  hour: number;
  perHour: number;
  alerts: { speaker: string; articleId: number; title: string }[];
}

export interface AlertPoster {
  /** Posts an alert and returns its message id. Throws `AlertPostError`. */
  postAlert(alert: QuoteAlert, nonce: string): Promise<string>;
  /** Posts an hour's summary and returns its message id. Throws `AlertPostError`. */
  postSummary(summary: AlertSummary, nonce: string): Promise<string>;
  /**
   * The alert already in `channelId` with this nonce (its message carries it as a marker), looking
   * at every message since `since` (epoch ms), or null. After a crash this, not Discord's nonce
   * window of a few minutes, keeps an alert single. Throws `AlertPostError` when it cannot read.
   */
  findAlert(channelId: string, nonce: string, since: number): Promise<string | null>;
}

/** A post that failed; `permanent` when trying again cannot help (a deleted channel, a missing permission). */
export class AlertPostError extends Error {
  override name = 'AlertPostError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
