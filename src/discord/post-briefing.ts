/**
 * The briefing's poster on Discord: renders it, posts it over discord.js's REST queue (which
 * already respects 429s), retries 5xx with backoff, and turns a refusal into a reason a server
 * admin can act on.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, Routes, type APIMessage, type Client } from 'discord.js';
import { BriefingPostError, type BriefingPoster, type PostedParts } from '../briefing/briefing-poster.js';
import { parseBriefingMarker, renderBriefing, type BriefingPost } from './render-briefing.js';

/** Waits before each retry of a 5xx; discord.js has already retried at once by then. */
export const RETRY_DELAYS_MS: readonly number[] = [2_000, 8_000, 30_000];
// Recent messages searched for a briefing a killed process may have posted
const RECENT_MESSAGES = 50;

const isServerError = (error: unknown): boolean => error instanceof HTTPError && error.status >= 500;

/** A Discord refusal as a reason: missing permission, deleted channel, or the error itself. */
export function failureReason(error: unknown, channelId: string): string {
  if (error instanceof DiscordAPIError) {
    const detail = `Discord ${error.status}, code ${error.code}: ${error.message}`;
    if (error.status === 404) return `deleted channel: <#${channelId}> no longer exists; run /briefing setup with another channel (${detail})`;
    if (error.status === 403) return `missing permission: the bot may not post in <#${channelId}>; it needs View Channel, Send Messages and Embed Links (${detail})`;
    return `Discord error: ${detail}`;
  }
  if (error instanceof HTTPError) return `Discord error: ${error.status} ${error.message} on every attempt`;
  return `Discord error: ${error instanceof Error ? error.message : String(error)}`;
}

async function postOnce(client: Client, channelId: string, post: BriefingPost): Promise<string> {
  const body = { content: post.content, embeds: post.embeds, allowed_mentions: post.allowedMentions };
  const message = (await client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  return message.id;
}

/** One post, retried after a 5xx with the given delays; 4xx are not retried. */
export async function postWithRetry(client: Client, channelId: string, post: BriefingPost, delays: readonly number[] = RETRY_DELAYS_MS): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce(client, channelId, post);
    } catch (error) {
      const delay = delays[attempt];
      if (!isServerError(error) || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

/**
 * Posts the parts not yet in `posted` (part number -> message id), in order, and returns
 * every message id. A failure keeps the ids of the parts that went out.
 */
export async function postBriefing(
  client: Client, channelId: string, posts: BriefingPost[], posted: Map<number, string> = new Map(), delays?: readonly number[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, post] of posts.entries()) {
    const already = posted.get(index + 1);
    if (already) {
      ids.push(already);
      continue;
    }
    try {
      ids.push(await postWithRetry(client, channelId, post, delays));
    } catch (error) {
      throw new BriefingPostError(failureReason(error, channelId), ids, { cause: error });
    }
  }
  return ids;
}

/** The parts of briefing `key` the bot already posted in the channel, by part number. */
export async function findPostedParts(client: Client, channelId: string, key: string): Promise<PostedParts> {
  const query = new URLSearchParams({ limit: String(RECENT_MESSAGES) });
  const messages = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
  const parts = new Map<number, string>();
  let total = 0;
  for (const message of messages) {
    if (message.author.id !== client.user?.id) continue;
    for (const embed of message.embeds) {
      const marker = parseBriefingMarker(embed.footer?.text ?? '');
      if (marker?.key !== key) continue;
      parts.set(marker.part, message.id);
      total = marker.total;
    }
  }
  return { parts, total };
}

/** The poster the deliverer uses in the bot: briefings rendered for Discord, posted on `client`. */
export function createBriefingPoster(client: Client, options: { retryDelaysMs?: readonly number[] } = {}): BriefingPoster {
  return {
    post: ({ channelId, briefing, key, roleId, posted }) => postBriefing(client, channelId, renderBriefing(briefing, key, roleId), posted, options.retryDelaysMs),
    findPosted: (channelId, key) => findPostedParts(client, channelId, key),
  };
}
