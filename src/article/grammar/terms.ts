import nlp from 'compromise';
import type { Span } from '../types.js';

/**
 * Even its first pass (about 400 KB/s) is compromise's largest cost, so it reads the title,
 * the lead of the article (the who and the where of a news story are in its first
 * paragraphs) and, past it, only the sentences that may place the story somewhere. On the
 * 5W1H dev data 1500 to 3000 characters gave the same who/where recall (0.93/0.89); 4000
 * gained one article of where (0.91) for a fifth of the speed.
 */
export const TAGGED_WINDOW_CHARS = 2000;

/**
 * compromise's steps up to its first-pass tagger: the lexicon (names, places, bodies it
 * knows) and the tagging rules. The post-tagger, a sweep of about a thousand match
 * patterns, costs three quarters of the time; what it adds for names ("Recep[FirstName]
 * Tayyip Erdogan" → all Person) our entity layer does itself.
 *
 * `alias` and `contractions` run first, as `nlp.tokenize` runs them, and not again: a second
 * contractions pass finds nothing left to split yet tries every word against its list (a tenth
 * of compromise's time here), and a second alias pass only repeats each alias. `id` builds a
 * unique id string for every word, which neither the tagger nor we read.
 */
const SKIPPED = new Set(['contractions', 'alias', 'id']);
const world = nlp.world() as unknown as CompromiseWorld;
const TAGGING_HOOKS = ['alias', 'contractions', ...world.hooks.slice(0, world.hooks.indexOf('postTagger')).filter((h) => !SKIPPED.has(h))];

/**
 * compromise's document class. `nlp.tokenize` wraps the words of `fromString`, which are already
 * normalised, and then normalises every word again and gives each its `machine` form twice
 * (before contractions are split and after): an eighth of compromise's time here for the same
 * words. Its tokenizer's words are wrapped here instead, and `machine` runs once among the hooks.
 */
const View = nlp.tokenize('').constructor as new (document: unknown) => { compute: (hooks: string | string[]) => { docs: TaggedTerm[][] } };

interface CompromiseWorld {
  hooks: string[];
  methods: { one: { tokenize: { fromString: (text: string, world: CompromiseWorld) => unknown } } };
}

/** One word as compromise tagged it, with its offset into the article text. */
export interface Term {
  text: string;
  start: number;
  end: number;
  tags: Set<string>;
  /** Punctuation right after the word ("Syria," → ","), which ends a name. */
  post: string;
  /** The first word of its sentence, where every word is capitalised. */
  sentenceStart: boolean;
}

/** A word of a compromise document, as far as we read it. */
interface TaggedTerm {
  text: string;
  post: string;
  tags: Set<string>;
  offset: { start: number; length: number };
}

/**
 * Tags the title, the lead of the text and the later sentences `extra` in one compromise pass: the
 * pieces are joined with paragraph breaks and every offset is mapped back to the article.
 */
export function tagTerms(text: string, from: number, extra: Span[] = [], title: Span | null = null): Term[] {
  const end = windowEnd(text, from);
  // The title names the who of the story more often than any sentence.
  const pieces = [...(title && title.end <= from ? [title] : []), { start: from, end }, ...extra.filter((s) => s.start >= end)];
  let batch = '';
  const at: number[] = [];
  for (const p of pieces) {
    at.push(batch.length);
    batch += `${text.slice(p.start, p.end)}\n\n`;
  }
  // The words are read straight from the document: its JSON would rebuild every sentence's text and copy every word.
  const doc = new View(world.methods.one.tokenize.fromString(batch, world)).compute([...TAGGING_HOOKS, 'offset']);
  const terms: Term[] = [];
  let k = 0;
  for (const sentence of doc.docs) {
    sentence.forEach((t, i) => {
      while (k + 1 < at.length && t.offset.start >= at[k + 1]!) k++;
      const start = pieces[k]!.start + t.offset.start - at[k]!;
      // The document is dropped here, so its tag sets are taken, not copied.
      terms.push({ text: t.text, start, end: start + t.offset.length, tags: t.tags, post: t.post.trim(), sentenceStart: i === 0 });
    });
  }
  return terms;
}

const LEXICON = (nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } }).model.one.lexicon;

/** What compromise's own lexicon says a word is ("german" → Demonym), whatever its tagger made of it in context. */
export function lexiconTags(word: string): string[] {
  const key = word.toLowerCase();
  // The lexicon is a plain object: "constructor" or "toString" in a text must not read its prototype.
  const tags = Object.prototype.hasOwnProperty.call(LEXICON, key) ? LEXICON[key] : undefined;
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

/** A lexicon tag that makes a word a place: a country, a region, a city. */
export const isPlaceTag = (tag: string): boolean => /^(?:Country|Region|City|Place)$/.test(tag);

/** Place names compromise knows ("serbia", "chechnya"), by their first three letters. */
const PLACES_BY_STEM = ((): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const [word, tags] of Object.entries(LEXICON)) {
    if (!/^[a-z]+$/.test(word) || ![tags].flat().some(isPlaceTag)) continue;
    out.set(word.slice(0, 3), [...(out.get(word.slice(0, 3)) ?? []), word]);
  }
  return out;
})();

/**
 * "Serb", "Yugoslav", "Chechen": a word that is a longer place name's stem (all but its last two
 * letters, at least four, shared) is the people of that place. `places` adds the article's own.
 */
export function isDemonymOfPlace(word: string, places: Iterable<string> = []): boolean {
  const w = word.toLowerCase();
  if (!/^[a-z]{4,}$/.test(w) || LEXICON[w] !== undefined) return false;
  const need = Math.max(4, w.length - 2);
  const candidates = [...(PLACES_BY_STEM.get(w.slice(0, 3)) ?? []), ...[...places].flatMap((p) => p.toLowerCase().split(' '))];
  return candidates.some((p) => p.length > w.length && p.slice(0, need) === w.slice(0, need));
}

function windowEnd(text: string, from: number): number {
  if (text.length - from <= TAGGED_WINDOW_CHARS) return text.length;
  const limit = from + TAGGED_WINDOW_CHARS;
  const para = text.lastIndexOf('\n', limit);
  if (para > from + TAGGED_WINDOW_CHARS / 2) return para;
  const stop = text.lastIndexOf('. ', limit);
  return stop > from ? stop + 1 : limit;
}
