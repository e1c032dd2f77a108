/**
 * Where a briefing goes out. The briefing side decides what and when; the poster (Discord in
 * the bot, `src/discord/post-briefing.ts`) renders it, posts it and reads back what it posted.
 */
import type { Briefing } from './build-briefing.js';

/** One briefing to post: the day `key` it is for, and the parts already out after a restart. */
export interface BriefingPostRequest {
  channelId: string;
  briefing: Briefing;
  /** `YYYY-MM-DD`, or `YYYY-MM-DD+2`… for an extra `/briefing now` run. */
  key: string;
  /** The role to mention in the first part, if any. */
  roleId: string | null;
  /** Part number -> message id of parts already posted; they are not posted again. */
  posted?: Map<number, string>;
  /** Called as each part goes out, and awaited, so the job records it before the next one. */
  onPosted?: (part: number, messageId: string) => Promise<void> | void;
  /** Aborted when the job's lease is lost or the process drains: no further part is posted. */
  signal?: AbortSignal;
}

/** The parts of one briefing found in a channel, by part number, and how many it has in all (0: unknown). */
export interface PostedParts {
  parts: Map<number, string>;
  total: number;
}

/** Where to start reading a channel for a briefing's parts: after a message, or from an instant. */
export interface PostedSince {
  /** The newest message already known to belong to the briefing. */
  afterMessageId?: string;
  /** Else: read from this instant (ms since epoch), the job's creation. */
  since: number;
}

export interface BriefingPoster {
  /** Posts the parts not yet posted, in order, each idempotent; every message id. Throws `BriefingPostError`. */
  post(request: BriefingPostRequest): Promise<string[]>;
  /** What of briefing `key` is in the channel since `from` (a killed process may have posted it), however many messages came after. */
  findPosted(channelId: string, key: string, from: PostedSince): Promise<PostedParts>;
}

/** Why a post failed, in a form `/briefing status` can show. */
export class BriefingPostError extends Error {
  override name = 'BriefingPostError';
  constructor(
    message: string,
    /** Messages that did go out before the failure. */
    readonly messageIds: string[],
    /** True when trying again later may work: Discord 5xx, a rate limit, a timeout, a network error. */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
