/** Words of place names: what ends the name of a country or a region. */

/** Expansions ending like this are places, not bodies: "Democratic Republic of Congo (DRC)". */
export const PLACE_TAIL_WORDS = ['Republic', 'Kingdom', 'Emirates', 'States', 'Province', 'Region', 'Territory', 'Islands', 'Island'];
