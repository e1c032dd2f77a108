/** The discord.js Client as this bot uses it. */
import { Client, GatewayIntentBits } from 'discord.js';

export interface ClientOptions {
  token: string;
  /** Discord REST base (the `rest.api` option); null or absent means Discord's own. */
  apiUrl?: string | null;
}

/**
 * A Client with the Guilds intent only (slash commands need no message content) and no
 * mentions allowed by default, so nothing the bot sends can ping unless a call says so.
 */
export function createClient({ token, apiUrl }: ClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(apiUrl ? { rest: { api: apiUrl } } : {}),
  });
  // Set here so discord.js never falls back to reading DISCORD_TOKEN from the environment.
  client.token = token;
  return client;
}
