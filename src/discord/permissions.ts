/** What the bot needs in a channel to post a briefing, and what it lacks there. */
import { PermissionFlagsBits, type Client, type GuildBasedChannel } from 'discord.js';

/** View Channel, Send Messages, Embed Links: a briefing is embeds in a channel the bot can see. */
export const BRIEFING_PERMISSIONS = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Embed Links', PermissionFlagsBits.EmbedLinks],
] as const;

/** The names of the permissions the bot lacks in `channel`, from the guild and channel overwrites. */
export function missingPermissions(channel: GuildBasedChannel, client: Client): string[] {
  const me = channel.guild.members.me ?? client.user;
  const granted = me ? channel.permissionsFor(me) : null;
  if (!granted) return BRIEFING_PERMISSIONS.map(([name]) => name);
  return BRIEFING_PERMISSIONS.filter(([, bit]) => !granted.has(bit)).map(([name]) => name);
}

/**
 * Whether mentioning `role` in `channel` pings its members: Discord only pings a role that is
 * mentionable, or when the bot may "Mention @everyone, @here, and All Roles" there.
 */
export function roleWillPing(role: { mentionable: boolean }, channel: GuildBasedChannel, client: Client): boolean {
  if (role.mentionable) return true;
  const me = channel.guild.members.me ?? client.user;
  return (me ? channel.permissionsFor(me)?.has(PermissionFlagsBits.MentionEveryone) : false) ?? false;
}

/** What to tell an admin whose briefing role will not ping. */
export function silentRoleNote(roleId: string, channelId: string): string {
  return `Note: <@&${roleId}> will not be pinged: the role is not mentionable and the bot lacks “Mention @everyone, @here, and All Roles” in <#${channelId}>. Turn on “Allow anyone to @mention this role” in Server Settings → Roles, or grant the bot that permission.`;
}

/** The channel as the bot sees it: from the cache, else fetched; null when it is gone. */
export async function resolveChannel(client: Client, channelId: string): Promise<GuildBasedChannel | null> {
  const cached = client.channels.cache.get(channelId);
  const channel = cached ?? (await client.channels.fetch(channelId).catch(() => null));
  return channel && 'guild' in channel ? channel : null;
}
