/**
 * The same story from two sources becomes one briefing item: "Russia and Turkey agree on a
 * demilitarised zone in Idlib" (one site) and "Putin, Erdogan agree to create demilitarised
 * zone in Syria's Idlib" (another) share most of their words; two Idlib stories that merely
 * name the same people do not.
 */
import { fold, foldWords, withoutPossessives } from '../article/text/fold.js';

/** What a story is compared by: its headline and title, and the quote it leads with. */
export interface StoryKey {
  words: string[];
  quote: string | null;
}

// Words every headline may share without being the same story
const STOPWORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'into',
  'onto',
  'over',
  'after',
  'before',
  'about',
  'against',
  'amid',
  'says',
  'said',
  'say',
  'will',
  'would',
  'could',
  'has',
  'have',
  'had',
  'was',
  'were',
  'are',
  'is',
  'its',
  'his',
  'her',
  'their',
  'this',
  'that',
  'new',
  'not',
  'but',
  'out',
  'who',
  'what',
  'why',
  'how',
  'than',
  'then',
  'off',
  'per',
  'via',
  'under',
  'between',
]);
// Shorter words are mostly particles ("on", "in", "to")
const WORD_MIN = 3;
// At least this many shared content words, so two four-word headlines do not merge on "Idlib talks"
const SHARED_MIN = 3;
/** Shared words over the shorter headline's words: 0.6 is most of the story, not a shared name or two. */
export const OVERLAP_MIN = 0.6;

/** Content words of a headline, folded: "Syria's Idlib" -> ["syria", "idlib"]. */
export function storyWords(text: string): string[] {
  const words = foldWords(withoutPossessives(text));
  return [...new Set(words.filter((w) => w.length >= WORD_MIN && !STOPWORDS.has(w)))];
}

const quoteKey = (text: string | null): string | null => (text ? fold(text) || null : null);

/** True when `a` and `b` tell the same story: the same leading quote, or most of the same headline words. */
export function sameStory(a: StoryKey, b: StoryKey): boolean {
  const quoteA = quoteKey(a.quote);
  if (quoteA !== null && quoteA === quoteKey(b.quote)) return true;
  const other = new Set(b.words);
  const shared = a.words.filter((w) => other.has(w)).length;
  const shorter = Math.min(a.words.length, b.words.length);
  return shared >= SHARED_MIN && shorter > 0 && shared / shorter >= OVERLAP_MIN;
}

/**
 * Groups `items` (best first) into stories: each item joins the first earlier story it
 * matches, so a story is led by its best-ranked article.
 */
export function mergeDuplicates<T>(items: T[], keyOf: (item: T) => StoryKey): { lead: T; others: T[] }[] {
  const stories: { lead: T; key: StoryKey; others: T[] }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const story = stories.find((s) => sameStory(s.key, key));
    if (story) story.others.push(item);
    else stories.push({ lead: item, key, others: [] });
  }
  return stories.map(({ lead, others }) => ({ lead, others }));
}
