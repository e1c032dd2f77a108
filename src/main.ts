/**
 * The composition root for the bot: config, library and clock in; a logged-in client that
 * routes interactions out. Signals are the caller's business (the CLI); `stop()` is ours.
 */
import { Events, type Client } from 'discord.js';
import { commands as allCommands } from '../commands/index.js';
import { redact, type Config } from './config.js';
import { createClient } from './discord/client.js';
import { deployCommands } from './discord/deploy.js';
import type { Clock, Logger, SlashCommand } from './discord/command.js';
import { createRouter } from './discord/router.js';
import type { Library } from './library/types.js';

export interface BotOptions {
  config: Pick<Config, 'token' | 'apiUrl'>;
  library: Library;
  clock: Clock;
  log: Logger;
  /** Defaults to every command in `commands/index.ts`. */
  commands?: readonly SlashCommand[];
  /** When the router defers a slow command; tests shorten it. */
  deferAfterMs?: number;
}

/** Logging in failed: a refused token, an unreachable Discord. The message holds no token. */
export class BotLoginError extends Error {
  override readonly name = 'BotLoginError';
}

export interface Bot {
  client: Client;
  /** Logs out and closes the gateway; safe to call twice. */
  stop(): Promise<void>;
}

/** Logs in and resolves once the client is ready to answer interactions. */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, log } = options;
  if (!config.token) throw new Error('startBot needs DISCORD_TOKEN; without it run the offline preview.');
  const client = createClient({ token: config.token, apiUrl: config.apiUrl });
  const route = createRouter({
    commands: options.commands ?? allCommands,
    context: { library: options.library, clock: options.clock, log },
    token: config.token,
    deferAfterMs: options.deferAfterMs,
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  // Without a listener an 'error' event would throw and end the process.
  client.on(Events.Error, (error) => log.error(redact(`Discord client error: ${error.message}`, config.token)));
  client.on(Events.Warn, (warning) => log.warn(redact(warning, config.token)));
  // Subscribed before login so a fast READY cannot be missed.
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new BotLoginError(redact(`Logging in to Discord failed: ${reason}`, config.token), { cause: error });
  }
  const user = await ready;
  log.info(`Logged in as ${user.user.tag}, in ${user.guilds.cache.size} server(s).`);
  return { client, stop: () => client.destroy() };
}

/**
 * `briefing deploy`: registers every command, in one guild when DISCORD_GUILD_ID is set
 * (instant) or globally. Returns how many were registered.
 */
export async function deployBotCommands(config: Pick<Config, 'token' | 'clientId' | 'guildId' | 'apiUrl'>): Promise<number> {
  if (!config.token || !config.clientId) throw new Error('Deploying needs DISCORD_TOKEN and DISCORD_CLIENT_ID (the Application ID).');
  return deployCommands({ token: config.token, clientId: config.clientId, guildId: config.guildId, apiUrl: config.apiUrl, commands: allCommands });
}
