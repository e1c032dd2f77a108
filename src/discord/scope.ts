import type { Scope } from '../library/types.js';

/**
 * What an interaction sees of the archive: its server's visible articles. Outside a server
 * (a DM) only the shared collection, which every server may see too.
 */
export function interactionScope(interaction: { guildId: string | null }): Scope {
  return interaction.guildId ? { guildId: interaction.guildId } : 'shared';
}
