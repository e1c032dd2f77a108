import type { Quote, Sentence } from './types.js';
import { RESTART } from './sentences.js';
import { STOPWORDS } from './lexicon/stopwords.js';

/** Sentences past this are never summary material in news, and LexRank is quadratic in them. */
export const RANK_SENTENCES_MAX = 80;
/** Sentences shorter than this are captions, datelines or furniture ("Photo: AP."). */
const MIN_WORDS = 5;
/** Two sentences this similar say the same thing (cosine of their content words). */
const EDGE_THRESHOLD = 0.1;
const DAMPING = 0.85;
const ITERATIONS = 30;
/**
 * Weights of the score, set by hand and checked on the CNN/DM dev half (ROUGE-2 1.05× Lead-3):
 * news puts its facts first, so position dominates; centrality and names separate the
 * lead's neighbours, and a direct quote only breaks ties (for, or against when it opens the sentence).
 */
const WEIGHTS = { position: 1, centrality: 0.35, names: 0.15, quote: 0.05 };

const QUOTE_LEAD = /^['"\u2018\u201c]/;

/** A sentence with what ranking needs: its content words and its score. */
export interface RankedSentence {
  index: number;
  sentence: Sentence;
  text: string;
  words: number;
  terms: Map<string, number>;
  score: number;
}

/** Lower-cased content words, lightly stemmed so "talks" meets "talk". */
export function contentTerms(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]+/g)) {
    const w = m[0];
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    const stem = w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    terms.set(stem, (terms.get(stem) ?? 0) + 1);
  }
  return terms;
}

/** Cosine similarity of two term bags. */
export function similarity(a: Map<string, number>, b: Map<string, number>): number {
  return cosine(a, squaredNorm(a), b, squaredNorm(b));
}

function squaredNorm(a: Map<string, number>): number {
  let n = 0;
  for (const x of a.values()) n += x * x;
  return n;
}

function cosine(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  let dot = 0;
  for (const [t, x] of a) {
    const y = b.get(t);
    if (y) dot += x * y;
  }
  return dot === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Scores the first sentences of an article: position, LexRank centrality, proper names and
 * quotes. Returns them in article order; captions and furniture are left out.
 */
export function rankSentences(text: string, sentences: Sentence[], quotes: Quote[]): RankedSentence[] {
  const ranked: RankedSentence[] = [];
  for (const whole of sentences.slice(0, RANK_SENTENCES_MAX)) {
    const sentence = withoutCaption(text, whole);
    if (!sentence) continue;
    const t = text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ');
    const words = t.split(' ').length;
    if (words < MIN_WORDS) continue;
    ranked.push({ index: ranked.length, sentence, text: t, words, terms: contentTerms(t), score: 0 });
  }
  const centrality = lexRank(ranked);
  ranked.forEach((r, i) => {
    const position = 1 / Math.sqrt(1 + i);
    const names = Math.min(1, properNames(r.text) / 4);
    // A sentence that opens with a quote leaves its speaker for later: read alone, it is a claim
    // without a source (British copy's "'We came here for vacation.' …" paragraphs).
    const quote = QUOTE_LEAD.test(r.text) ? -1 : quotes.some((q) => q.kind === 'direct' && q.start >= r.sentence.start && q.end <= r.sentence.end) ? 1 : 0;
    r.score = WEIGHTS.position * position + WEIGHTS.centrality * centrality[i]! + WEIGHTS.names * names + WEIGHTS.quote * quote;
  });
  return ranked;
}

/** Words that say a line describes a picture: "(pictured)", "pictured left", "Above, … are pictured holding guns". */
const CAPTION_CUE =
  /\(pictured\b[^)]{0,40}\)|\bpictured (?:left|right|above|below|centre|center|top|bottom|inset|here)\b|\b(?:is|are) pictured\b|^(?:Pictured|Above|Below|Inset|Left|Right)\b\s*[,:(]/u;
/** A caption whose words say it is one whatever else it holds: "Above, … are pictured". */
const CAPTION_ONLY = /\bpictured (?:left|right|above|below|centre|center|top|bottom|inset|here)\b|\b(?:is|are) pictured\b|^(?:Pictured|Above|Below|Inset|Left|Right)\b\s*[,:(]/u;

/**
 * The sentence less a photo caption run into it: the text after the last restart that follows
 * a caption's words. A caption with no sentence after it is no sentence (null); a sentence that
 * only mentions a picture ("were pictured with Pauline Hanson at a rally") stays whole.
 */
export function withoutCaption(text: string, sentence: Sentence): Sentence | null {
  const s = text.slice(sentence.start, sentence.end);
  const cue = CAPTION_CUE.exec(s);
  if (!cue) return sentence;
  let restart = -1;
  for (const m of s.matchAll(RESTART)) if (m.index >= cue.index) restart = m.index + m[0].length;
  if (restart > 0) return { ...sentence, start: sentence.start + restart };
  return CAPTION_ONLY.test(s) ? null : sentence;
}

/** LexRank: PageRank over the graph of similar sentences, normalised to a maximum of 1. */
function lexRank(ranked: RankedSentence[]): number[] {
  const n = ranked.length;
  if (n === 0) return [];
  const edges: number[][] = ranked.map(() => []);
  // Every pair's dot product at once, from the sentences each term is in: most pairs share no
  // term, and each norm is computed once. Counts are small integers, so every sum is exact
  // and each cosine is the one `similarity` gives.
  const norms = ranked.map((r) => squaredNorm(r.terms));
  const postings = new Map<string, number[]>();
  ranked.forEach((r, i) => {
    for (const [t, x] of r.terms) {
      const list = postings.get(t);
      if (list) list.push(i, x);
      else postings.set(t, [i, x]);
    }
  });
  const dots = new Float64Array(n * n);
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a += 2) for (let b = a + 2; b < list.length; b += 2) dots[list[a]! * n + list[b]!]! += list[a + 1]! * list[b + 1]!;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dot = dots[i * n + j]!;
      if ((dot === 0 ? 0 : dot / Math.sqrt(norms[i]! * norms[j]!)) < EDGE_THRESHOLD) continue;
      edges[i]!.push(j);
      edges[j]!.push(i);
    }
  }
  let rank = new Array<number>(n).fill(1 / n);
  for (let k = 0; k < ITERATIONS; k++) {
    const next = new Array<number>(n).fill((1 - DAMPING) / n);
    for (let i = 0; i < n; i++) {
      const out = edges[i]!;
      if (out.length === 0) continue;
      for (const j of out) next[j]! += (DAMPING * rank[i]!) / out.length;
    }
    rank = next;
  }
  const max = Math.max(...rank);
  return rank.map((r) => (max > 0 ? r / max : 0));
}

/** Capitalised words not at the start of the sentence: a cheap count of names. */
function properNames(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/\s[A-Z][a-z]+/g)) if (m.index > 0) n++;
  return n;
}
