import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { DeliveryOutcome } from '../src/briefing/deliver.js';
import { isValidTimezone, localTime, nextRunAfter, parseTime } from '../src/briefing/local-time.js';
import { discordTimestamp, formatLocal } from '../src/briefing/status.js';
import { MANAGE_SERVER, type CommandContext, type SlashCommand } from '../src/discord/command.js';
import { filterFromOptions, withFilterOptions } from '../src/discord/filter-options.js';
import { missingPermissions, resolveChannel, roleWillPing, silentRoleNote } from '../src/discord/permissions.js';
import { renderBriefingNotice, renderBriefingPreview } from '../src/discord/render-briefing.js';
import { filterText } from '../src/discord/render-ingest.js';
import type { BotMessage } from '../src/discord/render.js';

/** Subcommands that change what the server gets; `show` and `status` only read. */
const CHANGES_SETTINGS = new Set(['setup', 'off', 'now']);

const TZ_HINT = 'Use an IANA name such as Europe/Istanbul, America/New_York or UTC (see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones).';

/** `/briefing setup`: validates time, timezone and the bot's permissions before saving anything. */
async function setup(interaction: ChatInputCommandInteraction, guildId: string, { guilds, deliveries, clock, briefings, filters }: CommandContext): Promise<BotMessage> {
  const time = interaction.options.getString('time', true).trim();
  const timezone = interaction.options.getString('timezone', true).trim();
  if (parseTime(time) === null) return renderBriefingNotice([`“${time}” is not a time. Use HH:MM, 24-hour, for example 08:30 or 18:00.`]);
  if (!isValidTimezone(timezone)) return renderBriefingNotice([`“${timezone}” is not a timezone I know. ${TZ_HINT}`]);
  const picked = interaction.options.getChannel('channel', true);
  const channel = await resolveChannel(interaction.client, picked.id);
  if (!channel) return renderBriefingNotice([`I cannot see <#${picked.id}>. Pick a text channel the bot can view.`]);
  // A channel id from another server the bot is in must not receive this server's briefing
  if (channel.guildId !== guildId) return renderBriefingNotice([`<#${channel.id}> is not a channel of this server. Pick one of this server's text channels.`]);
  const missing = missingPermissions(channel, interaction.client);
  if (missing.length)
    return renderBriefingNotice([
      `I cannot post in <#${channel.id}>: missing ${missing.join(', ')}. Give the bot these permissions there (or on its category), then run /briefing setup again.`,
    ]);
  const role = interaction.options.getRole('role');
  if (role?.id === guildId) return renderBriefingNotice(['Pick a role to mention, not @everyone, or leave the role out.']);
  // Saved all the same (an admin may fix the role later), but said now rather than found out tomorrow.
  const silent = role && !roleWillPing(role, channel, interaction.client) ? silentRoleNote(role.id, channel.id) : null;
  const previous = await guilds.getGuildSettings(guildId);
  const postWhenEmpty = interaction.options.getBoolean('post_when_empty') ?? previous?.postWhenEmpty ?? false;
  await guilds.saveGuildSettings({ guildId, channelId: channel.id, time, timezone, roleId: role?.id ?? null, postWhenEmpty, enabled: true });
  // Left out, the keywords and speakers stay as they were: re-running setup changes only what it is given
  const filter = filterFromOptions(interaction, await filters.getFilter(guildId, 'briefing'));
  await filters.setFilter(guildId, 'briefing', filter);
  const only = filterText(filter);
  const running = briefings.isScheduling();
  const now = clock();
  const next = nextRunAfter(now, time, timezone);
  const today = localTime(now, timezone);
  // Looked at before the scheduler hears of it: it claims the day at once when the time has passed
  const missedToday = today.minutes >= parseTime(time)! && !(await deliveries.getDelivery(guildId, today.date));
  briefings.settingsChanged(guildId);
  return renderBriefingNotice([
    `Daily briefing set: ${time} ${timezone} in <#${channel.id}>${role ? `, mentioning <@&${role.id}>` : ''}.`,
    missedToday && running
      ? `Today’s ${time} has passed, so today’s briefing goes out now (when there is something new).`
      : `Next run: ${formatLocal(next, timezone)} (${timezone}), ${discordTimestamp(next)} in your time.`,
    ...(only ? [`The briefing takes ${only}.`] : []),
    ...(running ? [] : ['Note: the scheduler is not running in this bot process, so nothing will be posted until it restarts.']),
    ...(silent ? [silent] : []),
  ]);
}

async function off(guildId: string, { guilds, briefings }: CommandContext): Promise<BotMessage> {
  const settings = await guilds.getGuildSettings(guildId);
  if (!settings?.enabled) return renderBriefingNotice(['The daily briefing is already off.']);
  await guilds.saveGuildSettings({ ...settings, enabled: false });
  briefings.settingsChanged(guildId);
  return renderBriefingNotice(['The daily briefing is off. /briefing setup turns it on again.']);
}

async function show(guildId: string, { guilds, clock, briefings }: CommandContext): Promise<BotMessage> {
  const settings = await guilds.getGuildSettings(guildId);
  const key = localTime(clock(), settings?.timezone ?? 'UTC').date;
  return renderBriefingPreview(await briefings.preview(guildId), key, settings?.postWhenEmpty ?? false);
}

function nowAnswer(outcome: DeliveryOutcome): BotMessage {
  switch (outcome.kind) {
    case 'sent':
      return renderBriefingNotice([
        `Posted the briefing (${outcome.messageIds.length} message${outcome.messageIds.length === 1 ? '' : 's'}).${outcome.key.includes('+') ? '' : ' It counts as today’s: the scheduled run will not post again today.'}`,
      ]);
    case 'failed':
      return renderBriefingNotice([`The briefing was not posted: ${outcome.reason}`]);
    case 'empty':
      return renderBriefingNotice(['Nothing new since the last briefing, so nothing was posted. /articles lists what is in the archive.']);
    case 'not-set-up':
      return renderBriefingNotice(['No daily briefing is set up here. Run /briefing setup first.']);
    case 'retrying':
      return renderBriefingNotice([`The briefing did not go out yet: ${outcome.reason}. It is tried again until the day ends; /briefing status shows how it goes.`]);
    case 'stopping':
      return renderBriefingNotice(['The bot is shutting down; run /briefing now again in a minute.']);
    default:
      return renderBriefingNotice(['A briefing is being posted right now. Check /briefing status in a moment.']);
  }
}

async function postNow(guildId: string, { guilds, briefings }: CommandContext): Promise<BotMessage> {
  const settings = await guilds.getGuildSettings(guildId);
  if (settings && !settings.enabled) return renderBriefingNotice(['The daily briefing is off. Run /briefing setup to turn it on.']);
  return nowAnswer(await briefings.deliverNow(guildId));
}

async function status(guildId: string, { guilds, briefings, filters }: CommandContext, interaction: ChatInputCommandInteraction): Promise<BotMessage> {
  const settings = await guilds.getGuildSettings(guildId);
  const channel = settings ? await resolveChannel(interaction.client, settings.channelId) : null;
  const missing = channel ? missingPermissions(channel, interaction.client) : null;
  const role = channel && settings?.roleId ? channel.guild.roles.cache.get(settings.roleId) : undefined;
  const silent = channel && role && settings?.enabled && !roleWillPing(role, channel, interaction.client) ? [silentRoleNote(role.id, channel.id)] : [];
  const only = filterText(await filters.getFilter(guildId, 'briefing'));
  return renderBriefingNotice([...(await briefings.status(guildId, settings ? missing : [])), ...(only ? [`Filter: ${only}.`] : []), ...silent]);
}

/** `/briefing setup|off|show|now|status`: the daily digest of a server. Manage Server by default. */
export default {
  data: new SlashCommandBuilder()
    .setName('briefing')
    .setDescription('The daily briefing of new articles for this server')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((sub) =>
      withFilterOptions(
        sub
          .setName('setup')
          .setDescription('Post a daily briefing in a channel at a local time')
          .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
          .addStringOption((o) => o.setName('time').setDescription('HH:MM, 24-hour, e.g. 08:30').setRequired(true).setMaxLength(5))
          .addStringOption((o) => o.setName('timezone').setDescription('IANA timezone, e.g. Europe/Istanbul').setRequired(true).setMaxLength(64))
          .addRoleOption((o) => o.setName('role').setDescription('A role to mention in each briefing'))
          .addBooleanOption((o) => o.setName('post_when_empty').setDescription('Post a short note on days with nothing new (default: no)')),
        'articles',
      ),
    )
    .addSubcommand((sub) => sub.setName('off').setDescription('Stop the daily briefing'))
    .addSubcommand((sub) => sub.setName('show').setDescription('Preview the next briefing (only you see it)'))
    .addSubcommand((sub) => sub.setName('now').setDescription('Post the briefing now'))
    .addSubcommand((sub) => sub.setName('status').setDescription('Next run, last delivery and what went wrong')),
  // Checked by the bot too: a server may open /briefing to members in its integration settings
  requires: (interaction) => (CHANGES_SETTINGS.has(interaction.options.getSubcommand(false) ?? '') ? MANAGE_SERVER : null),
  // Posting may wait on Discord's rate limits and retries, and its outcome may be a failure
  defer: (interaction) => (interaction.options.getSubcommand(false) === 'now' ? 'private' : false),
  async execute(interaction, context) {
    const guildId = interaction.guildId;
    if (!guildId) return renderBriefingNotice(['Briefings are set per server: run this in a server.']);
    switch (interaction.options.getSubcommand()) {
      case 'setup':
        return setup(interaction, guildId, context);
      case 'off':
        return off(guildId, context);
      case 'show':
        return show(guildId, context);
      case 'now':
        return postNow(guildId, context);
      default:
        return status(guildId, context, interaction);
    }
  },
} satisfies SlashCommand;
