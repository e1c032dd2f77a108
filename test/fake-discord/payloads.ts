/**
 * Raw Discord API payloads as the real gateway and REST API send them. Only the fields
 * discord.js v14 reads are filled in; they follow discord-api-types v10.
 */

/** Every permission bit set: the bot and the test user may do anything. */
export const ALL_PERMISSIONS = '2251799813685247';

export interface FakeIds {
  applicationId: string;
  botUserId: string;
  userId: string;
  guildId: string;
  channelId: string;
  roleId: string;
}

export const DEFAULT_IDS: FakeIds = {
  applicationId: '100000000000000001',
  botUserId: '100000000000000001',
  userId: '200000000000000002',
  guildId: '300000000000000003',
  channelId: '400000000000000004',
  roleId: '500000000000000005',
};

const DISCORD_EPOCH = 1_420_070_400_000n;
let last = 0n;

/** A fresh snowflake, made as Discord makes them (ms since 2015 shifted left 22 bits), increasing within a run. */
export function nextSnowflake(): string {
  const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  last = now > last ? now : last + 1n;
  return last.toString();
}

export function userPayload(id: string, username: string, bot = false): Record<string, unknown> {
  return { id, username, discriminator: '0', global_name: username, avatar: null, bot, flags: 0 };
}

export function channelPayload(ids: FakeIds): Record<string, unknown> {
  return {
    id: ids.channelId,
    type: 0,
    guild_id: ids.guildId,
    name: 'news',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

export function memberPayload(user: Record<string, unknown>): Record<string, unknown> {
  return {
    user,
    roles: [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    permissions: ALL_PERMISSIONS,
  };
}

export function rolePayload(id: string, name: string, position: number): Record<string, unknown> {
  return {
    id,
    name,
    color: 0,
    hoist: false,
    position,
    permissions: ALL_PERMISSIONS,
    managed: false,
    mentionable: true,
    flags: 0,
  };
}

export function guildPayload(ids: FakeIds): Record<string, unknown> {
  return {
    id: ids.guildId,
    name: 'Newsroom',
    icon: null,
    owner_id: ids.userId,
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    // The @everyone role shares the guild's id.
    roles: [rolePayload(ids.guildId, '@everyone', 0), rolePayload(ids.roleId, 'readers', 1)],
    emojis: [],
    stickers: [],
    channels: [channelPayload(ids)],
    threads: [],
    members: [memberPayload(userPayload(ids.botUserId, 'briefing', true))],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    joined_at: '2024-01-01T00:00:00.000Z',
    preferred_locale: 'en-US',
    premium_tier: 0,
    system_channel_flags: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
  };
}

/** A message as REST returns it after a send or an edit. */
export function messagePayload(ids: FakeIds, channelId: string, body: Record<string, unknown>, messageId = nextSnowflake()): Record<string, unknown> {
  return {
    id: messageId,
    channel_id: channelId,
    author: userPayload(ids.botUserId, 'briefing', true),
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    pinned: false,
    type: 0,
    flags: body.flags ?? 0,
    application_id: ids.applicationId,
  };
}
