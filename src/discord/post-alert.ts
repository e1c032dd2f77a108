/**
 * The alert poster on Discord: one message per alert, with a nonce and `enforce_nonce`, so a post
 * repeated after a crash returns the message already made instead of a second one.
 */
import { DiscordAPIError, Routes, type APIMessage, type Client } from 'discord.js';
import { AlertPostError, type AlertPoster } from '../briefing/alert-poster.js';
import { renderAlertSummary, renderQuoteAlert, type ChannelPost } from './render-alert.js';

/** A refusal with a reason an admin can act on; 4xx are permanent, anything else may pass. */
export function alertPostError(error: unknown, channelId: string): AlertPostError {
  if (error instanceof DiscordAPIError) {
    const detail = `Discord ${error.status}, code ${error.code}: ${error.message}`;
    const what = error.status === 404 ? `channel ${channelId} no longer exists` : error.status === 403 ? `the bot may not post in channel ${channelId}` : 'Discord refused the message';
    return new AlertPostError(`${what} (${detail})`, error.status >= 400 && error.status < 500, { cause: error });
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

export function createAlertPoster(client: Client): AlertPoster {
  return {
    postAlert: (alert, nonce) => send(client, alert.channelId, renderQuoteAlert(alert), nonce),
    postSummary: (summary, nonce) => send(client, summary.channelId, renderAlertSummary(summary), nonce),
  };
}
