/**
 * The briefing's poster on Discord: renders it, posts each part over discord.js's REST queue
 * (which already waits out 429s and retries a 5xx at once) with a nonce Discord enforces, so a
 * part posted twice is one message; and reads a channel back, page by page, for parts a killed
 * process posted. A refusal becomes a reason a server admin can act on.
 */
import { createHash } from 'node:crypto';
import { DiscordAPIError, Routes, type APIMessage, type Client } from 'discord.js';
import { BriefingPostError, type BriefingPoster, type PostedParts, type PostedSince } from '../briefing/briefing-poster.js';
import { parseBriefingMarker, renderBriefing, type BriefingPost } from './render-briefing.js';

// Discord takes a nonce of at most 25 characters
const NONCE_CHARS = 25;
// The most messages one read of a channel returns
const PAGE_MAX = 100;
// A channel busier than this since the briefing began is not read to the end: 20,000 messages
const PAGES_MAX = 200;
// Read from a little before the job began, in case this host's clock is ahead of Discord's
const CLOCK_SKEW_MS = 60_000;
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The nonce of part `part` of briefing `key` in a guild: the same on every attempt, in every process. */
export function briefingNonce(guildId: string, key: string, part: number): string {
  return createHash('sha256').update(`briefing:${guildId}:${key}:${part}`).digest('hex').slice(0, NONCE_CHARS);
}

/** The smallest snowflake of an instant: messages after it were created at or after `ms`. */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n).toString();
}

/** True when a failure may pass: anything but Discord refusing the request itself (a 4xx other than 429). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status >= 500 || error.status === 429;
  return true;
}

/** A Discord refusal as a reason: missing permission, deleted channel, or the error itself. */
export function failureReason(error: unknown, channelId: string): string {
  if (error instanceof DiscordAPIError) {
    const detail = `Discord ${error.status}, code ${error.code}: ${error.message}`;
    if (error.status === 404) return `deleted channel: <#${channelId}> no longer exists; run /briefing setup with another channel (${detail})`;
    if (error.status === 403) return `missing permission: the bot may not post in <#${channelId}>; it needs View Channel, Send Messages and Embed Links (${detail})`;
    return `Discord error: ${detail}`;
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return `Discord error: ${status} ${error instanceof Error ? error.message : ''}`.trim();
  return `Discord error: ${error instanceof Error ? error.message : String(error)}`;
}

async function postOnce(client: Client, channelId: string, post: BriefingPost, nonce: string | undefined): Promise<string> {
  const body = { content: post.content, embeds: post.embeds, allowed_mentions: post.allowedMentions, ...(nonce ? { nonce, enforce_nonce: true } : {}) };
  const message = (await client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  return message.id;
}

export interface PostBriefingOptions {
  /** Part number -> message id of parts already out. */
  posted?: Map<number, string>;
  /** The nonce of each part (1-based); none means no nonce. */
  nonceOf?: (part: number) => string;
  /** Awaited before the next part is posted. */
  onPosted?: (part: number, messageId: string) => Promise<void> | void;
  signal?: AbortSignal;
}

/**
 * Posts the parts not yet in `posted`, in order, and returns every message id. A failure keeps
 * the ids of the parts that went out; an abort stops before the next part.
 */
export async function postBriefing(client: Client, channelId: string, posts: BriefingPost[], options: PostBriefingOptions = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, post] of posts.entries()) {
    const part = index + 1;
    const already = options.posted?.get(part);
    if (already) {
      ids.push(already);
      continue;
    }
    if (options.signal?.aborted) throw new BriefingPostError('stopped before every part was posted', ids, true, { cause: options.signal.reason });
    try {
      const id = await postOnce(client, channelId, post, options.nonceOf?.(part));
      ids.push(id);
      await options.onPosted?.(part, id);
    } catch (error) {
      throw new BriefingPostError(failureReason(error, channelId), ids, isRetryable(error), { cause: error });
    }
  }
  return ids;
}

/** The newest of two snowflakes. */
const newer = (a: string, b: string): string => (BigInt(a) > BigInt(b) ? a : b);

/**
 * The parts of briefing `key` the bot posted in the channel since `from`, by part number. Reads
 * forward a page at a time (`after`), so a channel with thousands of newer messages is no
 * different from a quiet one.
 */
export async function findPostedParts(client: Client, channelId: string, key: string, from: PostedSince): Promise<PostedParts> {
  const parts = new Map<number, string>();
  let total = 0;
  let after = from.afterMessageId ?? snowflakeAt(from.since - CLOCK_SKEW_MS);
  for (let page = 0; page < PAGES_MAX; page++) {
    const query = new URLSearchParams({ after, limit: String(PAGE_MAX) });
    const messages = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    for (const message of messages) {
      after = newer(after, message.id);
      if (message.author.id !== client.user?.id) continue;
      for (const embed of message.embeds) {
        const marker = parseBriefingMarker(embed.footer?.text ?? '');
        if (marker?.key !== key) continue;
        parts.set(marker.part, message.id);
        total = marker.total;
      }
    }
    if (messages.length < PAGE_MAX) break;
  }
  return { parts, total };
}

/** The poster the deliverer uses in the bot: briefings rendered for Discord, posted on `client` with nonces. */
export function createBriefingPoster(client: Client): BriefingPoster {
  return {
    post: ({ channelId, briefing, key, roleId, posted, onPosted, signal }) =>
      postBriefing(client, channelId, renderBriefing(briefing, key, roleId), { posted, onPosted, signal, nonceOf: (part) => briefingNonce(briefing.guildId, key, part) }),
    findPosted: async (channelId, key, from) => {
      try {
        return await findPostedParts(client, channelId, key, from);
      } catch (error) {
        const reason = `interrupted: may or may not have been posted (could not read the channel to check: ${failureReason(error, channelId)})`;
        throw new BriefingPostError(reason, [], isRetryable(error), { cause: error });
      }
    },
  };
}
