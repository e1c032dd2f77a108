/**
 * Where an ingested article goes. The operator's folder and the CLI add to the shared
 * collection; a member's `/article add` and a server's feeds add to that server's. The
 * archive decides what a collection is; the ingest only passes it on.
 */
import type { Destination } from '../library/types.js';

export type { Destination };

/** The operator's folder and `briefing ingest`. */
export const SHARED: Destination = { collection: 'shared' };

/** A server's collection: what `addedBy` added, or (null) what its feeds brought. */
export const guildDestination = (guildId: string, addedBy: string | null = null): Destination => ({ collection: 'guild', guildId, addedBy });

/**
 * The source of an article that has no address of its own (pasted text, an attachment):
 * `discord:<guild>/<user>`, who added it, without keeping any of their text.
 */
export function addedSourcePrefix(destination: Destination): string {
  if (destination.collection === 'shared') return 'local';
  return `discord:${destination.guildId}/${destination.addedBy ?? 'feed'}`;
}
