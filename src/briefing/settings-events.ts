/**
 * Settings changes, from the commands that make them to the scheduler that follows them. The
 * composition root makes one per bot and hands it to both; nothing here is global.
 */

/** Called with the guild whose briefing settings changed. */
export type SettingsListener = (guildId: string) => void;

export class SettingsEvents {
  readonly #listeners = new Set<SettingsListener>();

  /** Tells every listener that `guildId`'s settings changed; a listener's error reaches the caller. */
  announce(guildId: string): void {
    for (const listener of [...this.#listeners]) listener(guildId);
  }

  /** Calls `listener` on every change from now on; returns the unsubscribe. */
  subscribe(listener: SettingsListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** True when something listens (a scheduler runs in this process). */
  get listening(): boolean {
    return this.#listeners.size > 0;
  }
}
