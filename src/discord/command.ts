/** What a slash command is, and what it is given to run. */
import {
  PermissionFlagsBits,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BriefingService } from '../briefing/briefing-service.js';
import type { Clock } from '../clock.js';
import type { IngestService } from '../ingest/ingest-service.js';
import type { FeedStore } from '../library/feed-store.js';
import type { FilterStore } from '../library/filter-store.js';
import type { FollowStore } from '../library/follow-store.js';
import type { QuotaLimits, QuotaStore } from '../library/quota-store.js';
import type { ArticleStore, DeliveryStore, GuildSettingsStore, Scope, SpeakerStore } from '../library/types.js';
import type { Logger } from '../logger.js';
import type { PageState } from './pages.js';
import type { BotMessage } from './render.js';

// They live below Discord, so briefing/ and ingest/ can take them too
export type { Clock, Logger };

/** The settings commands obey, from the config. */
export interface CommandLimits {
  /** `/article add` per member and per server. */
  quota: QuotaLimits;
  /** Speakers one server may follow. */
  followsMax: number;
}

/** The services a command may use; given to every call, never imported. */
export interface CommandContext {
  articles: ArticleStore;
  speakers: SpeakerStore;
  guilds: GuildSettingsStore;
  deliveries: DeliveryStore;
  feeds: FeedStore;
  /** Every article a command adds goes through it (off the event loop in the bot). */
  ingest: IngestService;
  clock: Clock;
  log: Logger;
  /** The daily briefing: `/briefing now`, settings changes, status; the scheduler runs behind it. */
  briefings: BriefingService;
  /** Counts `/article add` per member and per server. */
  quotas: QuotaStore;
  limits: CommandLimits;
  /** `/follow`: who each server follows. */
  follows: FollowStore;
  /** Keywords and speakers on feeds and briefings. */
  filters: FilterStore;
}

/** A permission a member must hold, with the name Discord shows for it. */
export interface RequiredPermission {
  flag: bigint;
  name: string;
}

export const MANAGE_SERVER: RequiredPermission = { flag: PermissionFlagsBits.ManageGuild, name: 'Manage Server' };
export const MANAGE_MESSAGES: RequiredPermission = { flag: PermissionFlagsBits.ManageMessages, name: 'Manage Messages' };

/** 'private' when the answer may be an error, so no public "thinking…" ever shows for it. */
export type DeferMode = 'public' | 'private';

export type Choice = ApplicationCommandOptionChoiceData<string | number>;

export interface SlashCommand {
  /** A SlashCommandBuilder (or anything with its name and JSON). */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /**
   * The permission the member needs for this run, checked by the router before anything else
   * (on top of the default set in `data`, which a server can change in its integration settings).
   */
  requires?(interaction: ChatInputCommandInteraction): RequiredPermission | null;
  /**
   * Runs before any deferral and must be quick: a message returned is the answer (an error,
   * private from the first response) and `execute` is not called.
   */
  validate?(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<BotMessage | null> | BotMessage | null;
  /** Reads the options, calls the services, returns the rendered answer. */
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<BotMessage> | BotMessage;
  /**
   * Set when this run may outlast Discord's 3-second deadline, so the router defers first:
   * 'private' when the answer may still be an error, 'public' (or true) when it cannot.
   */
  defer?(interaction: ChatInputCommandInteraction): DeferMode | boolean;
  /** Choices for the focused option; the router fits them to Discord's limits and responds. */
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<Choice[]> | Choice[];
  /** Rebuilds one page for a Previous/Next button, as the button's server sees the archive; null when the data is gone. */
  page?(state: PageState, context: CommandContext, scope: Scope): Promise<BotMessage | null> | BotMessage | null;
}
