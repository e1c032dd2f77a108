/** The discord.js Client as this bot uses it. */
import { Client, GatewayIntentBits } from 'discord.js';
import type { ShardConfig } from '../config.js';
import { budgetedRequest, QUEUE_TIMEOUT_MS, type RequestBudget } from './request-budget.js';

export interface ClientOptions {
  token: string;
  /** Discord REST base (the `rest.api` option); null or absent means Discord's own. */
  apiUrl?: string | null;
  /** The gateway shards this process holds (SHARDS, SHARD_COUNT); absent or null: shard 0 of 1. */
  shards?: ShardConfig | null;
  /** The fleet's request budget every REST call waits for; none: discord.js's own limiter alone. */
  budget?: RequestBudget;
}

/**
 * A Client with the Guilds intent only (slash commands need no message content) and no
 * mentions allowed by default, so nothing the bot sends can ping unless a call says so.
 */
export function createClient({ token, apiUrl, shards, budget }: ClientOptions): Client {
  const rest = {
    ...(apiUrl ? { api: apiUrl } : {}),
    ...(budget ? { makeRequest: budgetedRequest(budget), timeout: QUEUE_TIMEOUT_MS } : {}),
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // Given here, so discord.js never reads SHARDS from the environment itself (an empty SHARDS= would throw there)
    shards: shards?.ids ?? [0],
    shardCount: shards?.count ?? 1,
    rest,
  });
  // Set here so discord.js never falls back to reading DISCORD_TOKEN from the environment.
  client.token = token;
  return client;
}
