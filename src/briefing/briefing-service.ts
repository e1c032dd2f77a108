/**
 * What the `/briefing` commands ask of the daily briefing, behind one interface: they post
 * through the scheduler's own deliverer (so `/briefing now` and a tick share one claim), tell
 * the scheduler about new settings, and read the status.
 */
import type { Clock } from '../clock.js';
import type { DeliveryStore, GuildSettingsStore } from '../library/types.js';
import type { Briefing } from './build-briefing.js';
import type { Deliverer, DeliveryOutcome } from './deliver.js';
import type { SettingsEvents } from './settings-events.js';
import { statusLines } from './status.js';

export interface BriefingService {
  /** `/briefing now`: today's briefing, or an extra one when today's is claimed already. */
  deliverNow(guildId: string): Promise<DeliveryOutcome>;
  /** `/briefing show`: what a briefing posted now would hold; claims nothing. */
  preview(guildId: string): Promise<Briefing>;
  /** `guildId`'s settings were saved: the scheduler reschedules it, and delivers now if its time has passed today. */
  settingsChanged(guildId: string): void;
  /** True when a scheduler follows settings in this process; false in a bot started without one. */
  isScheduling(): boolean;
  /** `/briefing status` as lines; `missing` is the live channel check, null when the channel is gone. */
  status(guildId: string, missing: string[] | null): Promise<string[]>;
}

export interface BriefingServiceDeps {
  deliverer: Deliverer;
  events: SettingsEvents;
  stores: { guilds: GuildSettingsStore; deliveries: DeliveryStore };
  clock: Clock;
}

export function createBriefingService({ deliverer, events, stores, clock }: BriefingServiceDeps): BriefingService {
  return {
    deliverNow: (guildId) => deliverer.deliverNow(guildId, clock()),
    preview: (guildId) => deliverer.preview(guildId, clock()),
    settingsChanged: (guildId) => events.announce(guildId),
    isScheduling: () => events.listening,
    status: (guildId, missing) => statusLines(stores, guildId, clock(), missing),
  };
}
