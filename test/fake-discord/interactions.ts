/** INTERACTION_CREATE payloads for the three kinds the bot handles. */
import { ALL_PERMISSIONS, channelPayload, memberPayload, messagePayload, nextSnowflake, rolePayload, userPayload, type FakeIds } from './payloads.js';

/** A command option as the user filled it in; `focused` marks the one being autocompleted. */
export interface OptionInput {
  name: string;
  value?: string | number | boolean;
  focused?: boolean;
  /** Inferred from `value` when absent; channel, role and user values are ids. */
  type?: keyof typeof OPTION_TYPE;
  /** Makes this a subcommand (`/briefing setup …`) holding these options. */
  options?: OptionInput[];
  /** Fields of the resolved channel, role or user that differ from the defaults: `{ mentionable: false }`. */
  resolved?: Record<string, unknown>;
}

const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, number: 10 } as const;

function typeOf(option: OptionInput): keyof typeof OPTION_TYPE {
  if (option.type) return option.type;
  if (option.options) return 'subcommand';
  if (typeof option.value === 'number') return Number.isInteger(option.value) ? 'integer' : 'number';
  return typeof option.value === 'boolean' ? 'boolean' : 'string';
}

function optionPayload(option: OptionInput): Record<string, unknown> {
  const type = OPTION_TYPE[typeOf(option)];
  if (option.options) return { name: option.name, type, options: option.options.map(optionPayload) };
  return { name: option.name, type, value: option.value, ...(option.focused ? { focused: true } : {}) };
}

/** discord.js reads channel, role and user options from `resolved`, as Discord sends them. */
function resolvedPayload(ids: FakeIds, options: OptionInput[]): Record<string, Record<string, unknown>> {
  const resolved: Record<string, Record<string, unknown>> = { channels: {}, roles: {}, users: {}, members: {} };
  for (const option of options.flatMap((o) => [o, ...(o.options ?? [])])) {
    const id = String(option.value);
    if (option.type === 'channel') resolved.channels![id] = { ...partialChannel(ids), id, permissions: ALL_PERMISSIONS, ...option.resolved };
    if (option.type === 'role') resolved.roles![id] = { ...rolePayload(id, id === ids.roleId ? 'readers' : `role-${id}`, 1), ...option.resolved };
    if (option.type === 'user') {
      resolved.users![id] = userPayload(id, id === ids.userId ? 'reader' : `user-${id}`);
      resolved.members![id] = { roles: [], joined_at: '2024-01-01T00:00:00.000Z', permissions: ALL_PERMISSIONS, flags: 0 };
    }
  }
  return resolved;
}

/**
 * Interactions carry partial channels, without permission overwrites; were they included,
 * discord.js would wipe the overwrites it cached from the gateway.
 */
function partialChannel(ids: FakeIds): Record<string, unknown> {
  const { permission_overwrites: _overwrites, ...partial } = channelPayload(ids);
  return partial;
}

/** Who triggers an interaction; by default a member who may do anything. */
export interface Invoker {
  /** The member's permission bitfield as a decimal string, e.g. '0' for none. */
  permissions?: string;
  /** Another user than the default member (their id). */
  userId?: string;
  /** In a direct message with the bot instead of a server channel. */
  dm?: boolean;
  /** In another guild the bot is in (and its channel) than the default one. */
  guild?: { guildId: string; channelId: string };
}

const DM_CHANNEL_TYPE = 1;
const BOT_DM_CONTEXT = 1;

/** A DM carries the user, no guild and no member, as Discord sends it. */
function dmPayload(ids: FakeIds, type: number, invoker: Invoker): Record<string, unknown> {
  const user = userPayload(invoker.userId ?? ids.userId, 'reader');
  return {
    id: nextSnowflake(),
    application_id: ids.applicationId,
    type,
    token: `tok-${nextSnowflake()}`,
    version: 1,
    channel_id: ids.channelId,
    channel: { id: ids.channelId, type: DM_CHANNEL_TYPE, last_message_id: null, flags: 0, recipients: [user] },
    user,
    locale: 'en-US',
    app_permissions: ALL_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': ids.guildId },
    context: BOT_DM_CONTEXT,
  };
}

/** Fields every interaction carries; discord.js reads all of them. */
function basePayload(ids: FakeIds, type: number, invoker: Invoker = {}): Record<string, unknown> {
  if (invoker.dm) return dmPayload(ids, type, invoker);
  return {
    id: nextSnowflake(),
    application_id: ids.applicationId,
    type,
    token: `tok-${nextSnowflake()}`,
    version: 1,
    guild_id: ids.guildId,
    channel_id: ids.channelId,
    channel: partialChannel(ids),
    member: { ...memberPayload(userPayload(invoker.userId ?? ids.userId, 'reader')), permissions: invoker.permissions ?? ALL_PERMISSIONS },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: ALL_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': ids.guildId },
    context: 0,
  };
}

export function chatInputPayload(ids: FakeIds, name: string, options: OptionInput[], invoker?: Invoker): Record<string, unknown> {
  return {
    ...basePayload(ids, 2, invoker),
    data: { id: nextSnowflake(), name, type: 1, ...(invoker?.dm ? {} : { guild_id: ids.guildId }), options: options.map(optionPayload), resolved: resolvedPayload(ids, options) },
  };
}

export function autocompletePayload(ids: FakeIds, name: string, options: OptionInput[], invoker?: Invoker): Record<string, unknown> {
  return {
    ...basePayload(ids, 4, invoker),
    data: { id: nextSnowflake(), name, type: 1, ...(invoker?.dm ? {} : { guild_id: ids.guildId }), options: options.map(optionPayload) },
  };
}

/** A button press on `message` (the raw message the bot sent earlier). */
export function buttonPayload(ids: FakeIds, customId: string, message?: Record<string, unknown>): Record<string, unknown> {
  return {
    ...basePayload(ids, 3),
    message: message ?? messagePayload(ids, ids.channelId, {}),
    data: { custom_id: customId, component_type: 2 },
  };
}
