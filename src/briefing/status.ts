/** `/briefing status` as lines: the schedule, the next run, the last delivery and why it failed. */
import type { DeliveryStore, GuildSettings, GuildSettingsStore } from '../library/types.js';
import { lastSentDelivery } from './build-briefing.js';
import { describeDelivery } from './deliver.js';
import { localTime, nextRunAfter } from './local-time.js';

/** `2024-06-02 09:00` in `timezone`. */
export function formatLocal(instant: Date, timezone: string): string {
  const local = localTime(instant, timezone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0');
  const mm = String(local.minutes % 60).padStart(2, '0');
  return `${local.date} ${hh}:${mm}`;
}

/** A Discord timestamp every reader sees in their own timezone: `<t:1717228800:F>`. */
export function discordTimestamp(instant: Date, style: 'F' | 'R' = 'F'): string {
  return `<t:${Math.floor(instant.getTime() / 1000)}:${style}>`;
}

/** The status of one guild; `missing` is the live channel check (null when it could not run). */
export async function statusLines(stores: { guilds: GuildSettingsStore; deliveries: DeliveryStore }, guildId: string, now: Date, missing: string[] | null): Promise<string[]> {
  const settings = await stores.guilds.getGuildSettings(guildId);
  if (!settings) return ['No daily briefing is set up here. Run /briefing setup to choose a channel and a time.'];
  return [...scheduleLines(settings, now), ...(await deliveryLines(stores, guildId, now)), ...channelLines(settings, missing)];
}

function scheduleLines(settings: GuildSettings, now: Date): string[] {
  const role = settings.roleId ? `, mentioning <@&${settings.roleId}>` : '';
  const empty = settings.postWhenEmpty ? 'a short note is posted' : 'nothing is posted';
  if (!settings.enabled) return [`Daily briefing: **off** (was ${settings.time} ${settings.timezone} in <#${settings.channelId}>). /briefing setup turns it on.`];
  const next = nextRunAfter(now, settings.time, settings.timezone);
  return [
    `Daily briefing: ${settings.time} ${settings.timezone} in <#${settings.channelId}>${role}. On days with nothing new, ${empty}.`,
    `Next run: ${formatLocal(next, settings.timezone)} (${settings.timezone}), ${discordTimestamp(next)} in your time.`,
  ];
}

async function deliveryLines(stores: { deliveries: DeliveryStore }, guildId: string, now: Date): Promise<string[]> {
  const last = await stores.deliveries.lastDelivery(guildId);
  if (!last) return ['Last delivery: none yet.'];
  const lines = [`Last delivery: ${last.localDate}: ${describeDelivery(last, now)}.`];
  if (last.status !== 'sent') {
    const sent = await lastSentDelivery(stores, guildId);
    if (sent) lines.push(`Last briefing that went out: ${sent.localDate}.`);
  }
  return lines;
}

function channelLines(settings: GuildSettings, missing: string[] | null): string[] {
  if (missing === null) return [`Channel check: <#${settings.channelId}> could not be found; it may have been deleted. Run /briefing setup with another channel.`];
  if (missing.length) return [`Channel check: the bot is missing ${missing.join(', ')} in <#${settings.channelId}>. Grant them, or the next briefing will fail.`];
  return [];
}
