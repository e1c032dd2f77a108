import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { TEXT_OPTION_MAX } from '../src/discord/article-option.js';
import { MANAGE_SERVER, type CommandContext, type SlashCommand } from '../src/discord/command.js';
import { interactionScope } from '../src/discord/scope.js';
import { missingPermissions, resolveChannel, roleWillPing, silentRoleNote } from '../src/discord/permissions.js';
import { renderFollowList } from '../src/discord/render-follow.js';
import { plain, renderNotice, type BotMessage } from '../src/discord/render.js';
import { foldKey } from '../src/article/text/fold.js';
import { namesSpeaker } from '../src/library/speaker-match.js';

// Discord shows at most 25 autocomplete choices
const SUGGESTIONS = 25;

/** The archive's speaker this name names, so the follow shows the full name; null when nobody is quoted under it. */
async function knownSpeaker(name: string, guildId: string, { speakers }: CommandContext) {
  const key = foldKey(name);
  return (await speakers.findSpeakers({ guildId }, name)).matches.find((s) => namesSpeaker(key, s)) ?? null;
}

/** `/follow add`: checks the channel and role as /briefing setup does, then follows the name. */
async function add(interaction: ChatInputCommandInteraction, guildId: string, context: CommandContext): Promise<BotMessage> {
  const { follows, speakers, limits, clock } = context;
  const typed = interaction.options.getString('speaker', true).trim();
  if (foldKey(typed) === '') return renderNotice('Give a name to follow, for example /follow add speaker:Putin.');
  const full = () => renderNotice(`This server already follows ${limits.followsMax} speakers, the most it may. Stop following one with /unfollow speaker: first.`);
  // Said before anything is looked up; the store checks again as it adds, so two adds at once cannot pass the limit
  if ((await follows.countFollows(guildId)) >= limits.followsMax) return full();
  const picked = interaction.options.getChannel('channel') ?? interaction.channel;
  const channel = picked ? await resolveChannel(interaction.client, picked.id) : null;
  if (!channel) return renderNotice('I cannot see that channel. Pick a text channel the bot can view with channel:.');
  if (channel.guildId !== guildId) return renderNotice(`<#${channel.id}> is not a channel of this server. Pick one of this server's text channels.`);
  const missing = missingPermissions(channel, interaction.client);
  if (missing.length) return renderNotice(`I cannot post in <#${channel.id}>: missing ${missing.join(', ')}. Give the bot these permissions there, or pick another channel.`);
  const role = interaction.options.getRole('role');
  if (role?.id === guildId) return renderNotice('Pick a role to mention, not @everyone, or leave the role out.');
  const speaker = await knownSpeaker(typed, guildId, context);
  const name = speaker?.name ?? typed;
  const follow = await follows.addFollow({ guildId, name, channelId: channel.id, roleId: role?.id ?? null, now: clock().getTime(), max: limits.followsMax });
  if (!follow) {
    const followed = (await follows.listFollows(guildId)).some((f) => foldKey(f.name) === foldKey(name));
    return followed ? renderNotice(`This server already follows ${plain(name)}. See /follow list.`) : full();
  }
  const where = `<#${channel.id}>${role ? `, mentioning <@&${role.id}>` : ''}`;
  const close = speaker ? [] : (await speakers.findSpeakers({ guildId }, typed)).suggestions.slice(0, 3).map((s) => plain(s.name));
  return renderNotice(
    [
      speaker
        ? `Following ${plain(speaker.name)}: new quotes in articles this server can see will be posted in ${where}.`
        : `Nobody named ${plain(typed)} is quoted yet. Following the name all the same: the first quote will be posted in ${where}.${close.length ? ` Did you mean ${close.join(', ')}?` : ''}`,
      ...(role && !roleWillPing(role, channel, interaction.client) ? [silentRoleNote(role.id, channel.id)] : []),
    ].join('\n'),
    false,
  );
}

/** `/follow add|list`: quote alerts for a speaker (Manage Server by default). */
export const follow = {
  data: new SlashCommandBuilder()
    .setName('follow')
    .setDescription('Get an alert when a speaker is quoted in a new article')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Follow a speaker: each new article quoting them is posted in a channel')
        .addStringOption((o) =>
          o
            .setName('speaker')
            .setDescription('A name, e.g. Putin; someone not yet quoted may be followed too')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(TEXT_OPTION_MAX),
        )
        .addChannelOption((o) =>
          o.setName('channel').setDescription('Where alerts go (default: this channel)').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addRoleOption((o) => o.setName('role').setDescription('A role to mention in each alert')),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The speakers this server follows')),
  requires: (interaction) => (interaction.options.getSubcommand(false) === 'list' ? null : MANAGE_SERVER),
  async execute(interaction, context) {
    const guildId = interaction.guildId;
    if (!guildId) return renderNotice('Follows belong to a server: run /follow in a server channel.');
    if (interaction.options.getSubcommand() === 'list') return renderFollowList(await context.follows.listFollows(guildId), context.limits.followsMax);
    return add(interaction, guildId, context);
  },
  async autocomplete(interaction, { speakers }) {
    return (await speakers.suggestSpeakers(interactionScope(interaction), interaction.options.getFocused().trim(), SUGGESTIONS)).map((s) => ({
      name: `${s.name}${s.roles[0] ? `, ${s.roles[0]}` : ''} (${s.quoteCount} quote${s.quoteCount === 1 ? '' : 's'})`,
      value: s.name,
    }));
  },
} satisfies SlashCommand;

/** `/unfollow speaker:`: stops a follow; its alerts already posted stay. */
export const unfollow = {
  data: new SlashCommandBuilder()
    .setName('unfollow')
    .setDescription('Stop the alerts for a speaker')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addStringOption((o) => o.setName('speaker').setDescription('A speaker this server follows').setRequired(true).setAutocomplete(true).setMaxLength(TEXT_OPTION_MAX)),
  requires: () => MANAGE_SERVER,
  async execute(interaction, { follows }) {
    const guildId = interaction.guildId;
    if (!guildId) return renderNotice('Follows belong to a server: run /unfollow in a server channel.');
    const typed = interaction.options.getString('speaker', true).trim();
    // "Putin" typed by hand for a follow kept as "Vladimir Putin": the one follow the name names
    const named = (await follows.listFollows(guildId)).filter((f) => namesSpeaker(foldKey(typed), { name: f.name, aliases: [] }));
    const removed = (await follows.removeFollow(guildId, typed)) ?? (named.length === 1 ? await follows.removeFollow(guildId, `#${named[0]!.id}`) : null);
    return removed ? renderNotice(`Stopped following ${plain(removed.name)}.`, false) : renderNotice(`This server does not follow ${plain(typed)}. See /follow list.`);
  },
  async autocomplete(interaction, { follows }) {
    if (!interaction.guildId) return [];
    const typed = foldKey(interaction.options.getFocused());
    return (await follows.listFollows(interaction.guildId))
      .filter((f) => foldKey(f.name).includes(typed))
      .slice(0, SUGGESTIONS)
      .map((f) => ({ name: f.name, value: `#${f.id}` }));
  },
} satisfies SlashCommand;

export default follow;
