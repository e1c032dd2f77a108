/** What a slash command is, and what it is given to run. */
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { IngestService } from '../ingest/ingest-service.js';
import type { Library } from '../library/types.js';
import type { PageState } from './pages.js';
import type { BotMessage } from './render.js';

/** Where the bot writes what happened; messages are redacted before they get here. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The current time, passed in so tests can fix it. */
export type Clock = () => Date;

/** The services a command may use; given to every call, never imported. */
export interface CommandContext {
  library: Library;
  /** Every article a command adds goes through it (off the event loop in the bot). */
  ingest: IngestService;
  clock: Clock;
  log: Logger;
}

export type Choice = ApplicationCommandOptionChoiceData<string | number>;

export interface SlashCommand {
  /** A SlashCommandBuilder (or anything with its name and JSON). */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Reads the options, calls the services, returns the rendered answer. */
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<BotMessage> | BotMessage;
  /** True when this run may outlast Discord's 3-second deadline, so the router defers first. */
  defer?(interaction: ChatInputCommandInteraction): boolean;
  /** Choices for the focused option; the router fits them to Discord's limits and responds. */
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<Choice[]> | Choice[];
  /** Rebuilds one page for a Previous/Next button; null when the data is gone. */
  page?(state: PageState, context: CommandContext): Promise<BotMessage | null> | BotMessage | null;
}
