/**
 * Routes interactions: chat input to `execute`, autocomplete to `autocomplete`, buttons
 * by customId prefix. A failing command never takes the bot down: it is logged and the
 * user gets an ephemeral answer that says what to do.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import { redact } from '../config.js';
import type { CommandContext, DeferMode, SlashCommand } from './command.js';
import { decodePage } from './pages.js';
import { fitChoices, renderNotice, type BotMessage } from './render.js';
import { interactionScope } from './scope.js';

// Discord drops an interaction unanswered after 3 s; defer with room to spare.
const DEFER_AFTER_MS = 2_500;
// Autocomplete cannot be deferred: answer with nothing rather than miss the deadline.
const AUTOCOMPLETE_DEADLINE_MS = 2_500;

export interface RouterOptions {
  commands: readonly SlashCommand[];
  context: CommandContext;
  /** Scrubbed from every logged error. */
  token?: string | null;
  deferAfterMs?: number;
}

export type Router = (interaction: Interaction) => Promise<void>;

/** Turns a rendered message into options for reply, editReply and followUp. */
export function toReply(message: BotMessage): InteractionReplyOptions {
  const { ephemeral, ...rest } = message;
  return { ...rest, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

export function createRouter(options: RouterOptions): Router {
  const commands = new Map(options.commands.map((command) => [command.data.name, command]));
  const { context } = options;
  const logFailure = (what: string, error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.log.error(redact(`${what} failed: ${detail}`, options.token));
  };
  return async (interaction) => {
    try {
      if (interaction.isAutocomplete() && !interaction.inGuild()) await interaction.respond([]);
      else if (interaction.isButton() && !interaction.inGuild()) await interaction.reply(toReply(renderNotice(SERVER_ONLY)));
      else if (interaction.isChatInputCommand()) await runCommand(interaction, commands.get(interaction.commandName), options);
      else if (interaction.isAutocomplete()) await runAutocomplete(interaction, commands.get(interaction.commandName), context);
      else if (interaction.isButton()) await runButton(interaction, commands, context);
    } catch (error) {
      logFailure(describe(interaction), error);
      if (interaction.isRepliable()) await apologise(interaction).catch((e: unknown) => logFailure('the error reply', e));
    }
  };
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId}`;
  return `interaction ${interaction.type}`;
}

/** Commands, buttons and autocomplete work in servers only: every answer comes from a server's data. */
const SERVER_ONLY = 'I work in servers only: run this command in a channel of a server I am in.';

async function runCommand(interaction: ChatInputCommandInteraction, command: SlashCommand | undefined, options: RouterOptions): Promise<void> {
  if (!command) {
    await interaction.reply(toReply(renderNotice(`/${interaction.commandName} is not available any more. A server admin can run \`briefing deploy\` to refresh the commands.`)));
    return;
  }
  // Refusals come before any deferral, so they are private from the first response
  const refusal = await refuse(interaction, command, options.context);
  if (refusal) {
    await interaction.reply(toReply({ ...refusal, ephemeral: true }));
    return;
  }
  const mode = deferMode(command.defer?.(interaction) ?? false);
  const settle = deferral(interaction, mode, options.deferAfterMs ?? DEFER_AFTER_MS);
  let message: BotMessage;
  try {
    message = await command.execute(interaction, options.context);
  } catch (error) {
    // Let a deferral in flight land first, so the apology edits it instead of racing it.
    await settle().catch(() => false);
    throw error;
  }
  const deferred = await settle();
  if (deferred) await sendAfterDefer(interaction, message, deferred);
  else await interaction.reply(toReply(message));
}

/** Why this run is refused (not in a server, a permission missing, the command's own checks), or null. */
async function refuse(interaction: ChatInputCommandInteraction, command: SlashCommand, context: CommandContext): Promise<BotMessage | null> {
  if (!interaction.inGuild()) return renderNotice(SERVER_ONLY);
  const required = command.requires?.(interaction);
  if (required && !interaction.memberPermissions.has(required.flag)) {
    const sub = interaction.options.getSubcommand(false);
    return renderNotice(`You need the ${required.name} permission to run /${interaction.commandName}${sub ? ` ${sub}` : ''}. Ask a server admin.`);
  }
  return (await command.validate?.(interaction, context)) ?? null;
}

const deferMode = (value: DeferMode | boolean): DeferMode | null => (value === true ? 'public' : value === false ? null : value);

/**
 * Defers at once when `now` is set, else (publicly) after `afterMs` if the command is still
 * running. The returned function stops the timer and resolves with how the reply was
 * deferred once that has landed, or null when it was not.
 */
function deferral(interaction: ChatInputCommandInteraction, now: DeferMode | null, afterMs: number): () => Promise<DeferMode | null> {
  let deferring: Promise<unknown> | null = null;
  let mode: DeferMode | null = null;
  const defer = (how: DeferMode): void => {
    mode = how;
    deferring = interaction.deferReply(how === 'private' ? { flags: MessageFlags.Ephemeral } : {});
    // Awaited by the caller; this only keeps a failure from counting as unhandled meanwhile.
    deferring.catch(() => undefined);
  };
  if (now) defer(now);
  const timer = setTimeout(() => {
    if (!deferring) defer('public');
  }, afterMs);
  return async () => {
    clearTimeout(timer);
    if (!deferring) return null;
    await deferring;
    return mode;
  };
}

/**
 * After a private deferral every answer is private: the edit fills the placeholder only the
 * member sees. After a public one (a slow command), an ephemeral answer replaces it with a
 * private follow-up.
 */
async function sendAfterDefer(interaction: RepliableInteraction, message: BotMessage, mode: DeferMode): Promise<void> {
  const { ephemeral, ...edit } = message;
  if (mode === 'private' || !ephemeral) {
    await interaction.editReply(edit);
    return;
  }
  await interaction.deleteReply();
  await interaction.followUp(toReply(message));
}

async function runAutocomplete(interaction: AutocompleteInteraction, command: SlashCommand | undefined, context: CommandContext): Promise<void> {
  if (!command?.autocomplete) {
    await interaction.respond([]);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), AUTOCOMPLETE_DEADLINE_MS)));
  try {
    const choices = await Promise.race([Promise.resolve(command.autocomplete(interaction, context)), late]);
    await interaction.respond(fitChoices(choices));
  } finally {
    clearTimeout(timer);
  }
}

async function runButton(interaction: ButtonInteraction, commands: Map<string, SlashCommand>, context: CommandContext): Promise<void> {
  if (interaction.customId.startsWith('noop:')) {
    await interaction.deferUpdate();
    return;
  }
  const state = decodePage(interaction.customId);
  const command = state ? commands.get(state.command) : undefined;
  if (!state || !command?.page) {
    await interaction.reply(toReply(renderNotice('This button no longer works. Run the command again.')));
    return;
  }
  const page = await command.page(state, context, interactionScope(interaction));
  if (!page) {
    await interaction.reply(toReply(renderNotice(`These results have expired. Run /${state.command} again for fresh ones.`)));
    return;
  }
  const { ephemeral: _ephemeral, ...update } = page;
  await interaction.update(update);
}

/** Says something went wrong, in whichever way this interaction can still be answered. */
async function apologise(interaction: RepliableInteraction): Promise<void> {
  const notice = renderNotice('Something went wrong on our side. Try again in a moment; if it keeps happening, ask a server admin to check the bot’s logs.');
  // A deferred reply's flags say whether the placeholder is private
  if (interaction.deferred && !interaction.replied) await sendAfterDefer(interaction, notice, interaction.ephemeral ? 'private' : 'public');
  else if (interaction.replied || interaction.deferred) await interaction.followUp(toReply(notice));
  else await interaction.reply(toReply(notice));
}
