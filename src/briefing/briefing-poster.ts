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
}

/** The parts of one briefing found in a channel, by part number, and how many it has in all. */
export interface PostedParts {
  parts: Map<number, string>;
  total: number;
}

export interface BriefingPoster {
  /** Posts the parts not yet posted, in order; every message id. Throws `BriefingPostError`. */
  post(request: BriefingPostRequest): Promise<string[]>;
  /** What of briefing `key` is already in the channel (a killed process may have posted it). */
  findPosted(channelId: string, key: string): Promise<PostedParts>;
}

/** Why a post failed, in a form `/briefing status` can show. */
export class BriefingPostError extends Error {
  override name = 'BriefingPostError';
  constructor(
    message: string,
    /** Messages that did go out before the failure. */
    readonly messageIds: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
