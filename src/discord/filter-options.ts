/** The `keywords:` and `speakers:` options of `/feed add|filter` and `/briefing setup`. */
import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import type { ItemFilter } from '../library/filter-store.js';
import { CLEAR_WORD, parseFilterList } from '../library/item-filter.js';

// A comma-separated list of a few words or names
const FILTER_OPTION_MAX = 300;

/** Adds the two optional filter options to a subcommand. */
export function withFilterOptions(sub: SlashCommandSubcommandBuilder, what: string): SlashCommandSubcommandBuilder {
  return sub
    .addStringOption((o) => o.setName('keywords').setDescription(`Only ${what} with one of these words, comma-separated (“${CLEAR_WORD}” clears)`).setMaxLength(FILTER_OPTION_MAX))
    .addStringOption((o) =>
      o.setName('speakers').setDescription(`Only ${what} quoting one of these people, comma-separated (“${CLEAR_WORD}” clears)`).setMaxLength(FILTER_OPTION_MAX),
    );
}

/** The filter the options ask for: an option left out keeps what `previous` had; "none" clears it. */
export function filterFromOptions(interaction: ChatInputCommandInteraction, previous: ItemFilter): ItemFilter {
  const read = (name: 'keywords' | 'speakers'): string[] => {
    const value = interaction.options.getString(name)?.trim();
    if (value === undefined || value === '') return previous[name];
    return value.toLowerCase() === CLEAR_WORD ? [] : parseFilterList(value);
  };
  return { keywords: read('keywords'), speakers: read('speakers') };
}
