/**
 * The alert poster on Discord: one message per alert, with a nonce and `enforce_nonce`, so a post
 * repeated after a crash returns the message already made instead of a second one.
 */
import { DiscordAPIError, Routes, type APIMessage, type Client } from 'discord.js';
import { AlertPostError, type AlertPoster } from '../briefing/alert-poster.js';
import { snowflakeAt } from './post-briefing.js';
import { parseAlertMarker, renderAlertSummary, renderQuoteAlert, type ChannelPost } from './render-alert.js';

const PAGE_MAX = 100;
// A safety stop far beyond any channel's traffic since an alert was logged: 20,000 messages
const PAGES_MAX = 200;
// Our clock and Discord's may disagree a little: look from a minute before
const CLOCK_SKEW_MS = 60_000;

/** A refusal with a reason an admin can act on; 4xx but 429 are permanent, anything else may pass. */
export function alertPostError(error: unknown, channelId: string): AlertPostError {
  if (error instanceof DiscordAPIError) {
    const detail = `Discord ${error.status}, code ${error.code}: ${error.message}`;
    const what =
      error.status === 404 ? `channel ${channelId} no longer exists` : error.status === 403 ? `the bot may not post in channel ${channelId}` : 'Discord refused the message';
    // A 429 passes: only the other 4xx are the request itself being refused
    return new AlertPostError(`${what} (${detail})`, error.status >= 400 && error.status < 500 && error.status !== 429, { cause: error });
  }
  return new AlertPostError(`Discord error: ${error instanceof Error ? error.message : String(error)}`, false, { cause: error });
}

async function send(client: Client, channelId: string, post: ChannelPost, nonce: string): Promise<string> {
  const body = { content: post.content, embeds: post.embeds, allowed_mentions: post.allowedMentions, nonce, enforce_nonce: true };
  try {
    return ((await client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage).id;
  } catch (error) {
    throw alertPostError(error, channelId);
  }
}

/** Reads the channel from `since` on, page after page, for the bot's message with this alert's nonce or marker. */
export async function findAlertMessage(client: Client, channelId: string, nonce: string, since: number): Promise<string | null> {
  let after = snowflakeAt(since - CLOCK_SKEW_MS);
  for (let page = 0; page < PAGES_MAX; page++) {
    const query = new URLSearchParams({ after, limit: String(PAGE_MAX) });
    const messages = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    for (const message of messages) {
      if (BigInt(message.id) > BigInt(after)) after = message.id;
      if (message.author.id !== client.user?.id) continue;
      if (message.nonce === nonce || message.embeds.some((e) => parseAlertMarker(e.footer?.text ?? '') === nonce)) return message.id;
    }
    if (messages.length < PAGE_MAX) break;
  }
  return null;
}

export function createAlertPoster(client: Client): AlertPoster {
  return {
    postAlert: (alert, nonce) => send(client, alert.channelId, renderQuoteAlert(alert, nonce), nonce),
    findAlert: async (channelId, nonce, since) => {
      try {
        return await findAlertMessage(client, channelId, nonce, since);
      } catch (error) {
        throw alertPostError(error, channelId);
      }
    },
    postSummary: (summary, nonce) => send(client, summary.channelId, renderAlertSummary(summary, nonce), nonce),
  };
}
