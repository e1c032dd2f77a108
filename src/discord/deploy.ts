/** Registers the slash commands with Discord: a separate step, never on every start. */
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { redact } from '../config.js';

export interface DeployOptions {
  token: string;
  clientId: string;
  /** Deploy to one guild (instant, for testing) instead of globally (up to an hour). */
  guildId?: string | null;
  apiUrl?: string | null;
  /** The commands to register, usually `commands` from `commands/index.ts`. */
  commands: readonly { data: { toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody } }[];
}

/** Thrown when Discord refuses the commands; the message never holds the token. */
export class DeployError extends Error {
  override readonly name = 'DeployError';
}

/** Replaces the registered commands with `commands` (a bulk overwrite). Returns how many. */
export async function deployCommands(options: DeployOptions): Promise<number> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.clientId, options.guildId) : Routes.applicationCommands(options.clientId);
  const body = options.commands.map((command) => command.data.toJSON());
  try {
    const registered = (await rest.put(route, { body })) as unknown[];
    return registered.length;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const where = options.guildId ? `guild ${options.guildId}` : 'all guilds';
    throw new DeployError(redact(`Deploying ${body.length} commands to ${where} failed: ${reason}`, options.token), { cause: error });
  }
}
