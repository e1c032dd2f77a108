import type { Sentence } from '../types.js';

/**
 * The number of leading items for which `before` holds, by binary search: `before` must be
 * true for a prefix of `items` (from `from` on) and false after it. The one search behind
 * "which token / sentence / mention is at this offset".
 */
export function partitionPoint<T>(items: readonly T[], before: (item: T) => boolean, from = 0): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the sentence that holds `offset` (the last one starting at or before it). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  return Math.max(0, partitionPoint(sentences, (s) => s.start <= offset) - 1);
}
