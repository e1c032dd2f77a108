/**
 * The commands and the scheduler meet on the client: a command that changes a guild's
 * settings announces it there, and the scheduler listening on the same client reschedules.
 * No module state: each client is its own bus.
 */
import type { EventEmitter } from 'node:events';
import type { Client } from 'discord.js';

const SETTINGS_CHANGED = 'briefingSettingsChanged';

/** Tells whoever schedules briefings on `client` that `guildId`'s settings changed. */
export function announceSettingsChanged(client: Client, guildId: string): void {
  (client as unknown as EventEmitter).emit(SETTINGS_CHANGED, guildId);
}

/** Calls `listener` on every settings change announced on `client`; returns the unsubscribe. */
export function onSettingsChanged(client: Client, listener: (guildId: string) => void): () => void {
  const emitter = client as unknown as EventEmitter;
  emitter.on(SETTINGS_CHANGED, listener);
  return () => emitter.off(SETTINGS_CHANGED, listener);
}

/** True when something on `client` listens for settings changes (a scheduler is running). */
export function hasScheduler(client: Client): boolean {
  return (client as unknown as EventEmitter).listenerCount(SETTINGS_CHANGED) > 0;
}
