/** How the lexicon writes its lists, and how a step turns one into the pattern it tests. */

/** A set of the words of a space-separated list: `words('of de von')`. */
export const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** A pattern that matches one word of the list, whole: `oneOf(['of', 'de'], 'i')` is `/^(?:of|de)$/i`. */
export const oneOf = (list: Iterable<string>, flags = ''): RegExp => new RegExp(`^(?:${[...list].join('|')})$`, flags);

/** The alternation of a list's words, to build into a larger pattern: `(?:${alternation(list)})`. */
export const alternation = (list: Iterable<string>): string => [...list].join('|');
