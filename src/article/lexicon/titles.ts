/** Titles, honorifics and courtesy titles written before a name. */

/**
 * "Mr", "Mrs": courtesy titles are how a paper addresses someone, not a role. Unlike HONORIFICS
 * (lexicon.ts), no academic titles ("Dr", "Prof") and the rarer forms ("mx", "madam", "mister"):
 * a "Dr" stays in the role an entity is described by.
 */
export const COURTESY_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'sir', 'dame', 'madam', 'mister'];
