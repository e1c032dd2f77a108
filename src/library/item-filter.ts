/**
 * Whether an article passes a filter: a keyword in its title or text (whole words, case and
 * accents folded), or a quote by one of the speakers (named as a follow names them). Pure.
 */
import type { Reading } from '../article/types.js';
import type { ItemFilter } from './filter-store.js';
import { fold, foldKey } from '../article/text/fold.js';
import { namesSpeaker } from './speaker-match.js';

/** A filter is a short list: more entries than this is a search, not a topic. */
export const FILTER_ENTRIES_MAX = 20;
/** What `/feed filter` and `/briefing setup` take to clear a list. */
export const CLEAR_WORD = 'none';

export const isEmptyFilter = (filter: ItemFilter): boolean => filter.keywords.length === 0 && filter.speakers.length === 0;

/** "Idlib, Sochi , idlib" -> ["Idlib", "Sochi"]: comma-separated, trimmed, duplicates (folded) dropped. */
export function parseFilterList(text: string): string[] {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const entry of text.split(',').map((e) => e.trim())) {
    const key = fold(entry);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return entries.slice(0, FILTER_ENTRIES_MAX);
}

/** True when the article matches a keyword or quotes a listed speaker; an empty filter passes everything. */
export function matchesFilter(filter: ItemFilter, article: { title: string | null; text: string; reading: Reading | null }): boolean {
  if (isEmptyFilter(filter)) return true;
  // Spaces around every folded word, so " idlib " finds the word and not "idlibs"
  const words = ` ${fold(`${article.title ?? ''} ${article.reading?.title ?? ''} ${article.text}`)} `;
  if (filter.keywords.some((k) => fold(k) !== '' && words.includes(` ${fold(k)} `))) return true;
  const quoted = new Set((article.reading?.quotes ?? []).flatMap((q) => (q.speaker ? [q.speaker.id] : [])));
  const speakers = (article.reading?.speakers ?? []).filter((s) => quoted.has(s.id));
  return filter.speakers.some((name) => speakers.some((s) => namesSpeaker(foldKey(name), s)));
}
