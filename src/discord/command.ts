/** What a slash command is, and what it is given to run. */
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BriefingService } from '../briefing/briefing-service.js';
import type { Clock } from '../clock.js';
import type { FeedStore } from '../library/feed-store.js';
import type { ArticleStore, DeliveryStore, GuildSettingsStore, Scope, SpeakerStore } from '../library/types.js';
import type { Logger } from '../logger.js';
import type { PageState } from './pages.js';
import type { BotMessage } from './render.js';

// They live below Discord, so briefing/ and ingest/ can take them too
export type { Clock, Logger };

/** The services a command may use; given to every call, never imported. */
export interface CommandContext {
  articles: ArticleStore;
  speakers: SpeakerStore;
  guilds: GuildSettingsStore;
  deliveries: DeliveryStore;
  feeds: FeedStore;
  clock: Clock;
  log: Logger;
  /** The daily briefing: `/briefing now`, settings changes, status; the scheduler runs behind it. */
  briefings: BriefingService;
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
  /** Rebuilds one page for a Previous/Next button, as the button's server sees the archive; null when the data is gone. */
  page?(state: PageState, context: CommandContext, scope: Scope): Promise<BotMessage | null> | BotMessage | null;
}
