/**
 * A user's search as a PostgreSQL tsquery, with the same meaning as SQLite's FTS5 queries
 * (../article-store.ts): words only, never operators, every word required. The words go through
 * `to_tsquery('briefing', …)`, so they are folded (case, and accents by unaccent) exactly as
 * the documents were; a prefix is `word:*`, which the GIN index answers from its sorted keys.
 */

/** Word starts the article search matches (as SQLite's prefix index does): longer words match whole. */
const PREFIX_WORD_MAX = 3;

const wordsOf = (search: string): string[] => search.match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * An article search: a word of up to 3 letters matches word starts, a longer word matches whole
 * words. For autocomplete (`typing`), the last word is still being typed: it matches by its
 * first three letters. Null when the search has no words.
 */
export function articleTsQuery(search: string, typing = false): string | null {
  const words = wordsOf(search);
  if (words.length === 0) return null;
  return words
    .map((w, i) => {
      const letters = [...w];
      if (letters.length <= PREFIX_WORD_MAX) return `${w}:*`;
      return typing && i === words.length - 1 ? `${letters.slice(0, PREFIX_WORD_MAX).join('')}:*` : w;
    })
    .join(' & ');
}

/** A quote search: every word a prefix, all required. Null when the search has no words. */
export function quoteTsQuery(search: string): string | null {
  const words = wordsOf(search);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}
