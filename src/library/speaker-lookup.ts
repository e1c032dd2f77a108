/**
 * What both speaker stores (SQLite's and PostgreSQL's) answer by: the bounds on each look-up
 * and the ranking of names, so that the two backends give the same answers.
 */
import { editDistance } from './edit-distance.js';
import { typoForms } from './speakers.js';
import type { SpeakerSummary } from './types.js';

/** Discord shows at most 25 autocomplete choices. */
export const SUGGEST_LIMIT_DEFAULT = 25;
/** A page of quotes when the caller gives no limit. */
export const QUOTES_LIMIT_DEFAULT = 10;
/** "Did you mean …" offers a handful, not a list. */
export const SUGGESTIONS_MAX = 5;
/** Matches for one query: a role like "president" can name many. */
export const MATCHES_MAX = 25;
// Words past the end of every folded term, for a prefix range scan on the index
export const PREFIX_END = '\uffff';
/**
 * Terms read for a prefix longer than the bucket keys ("erdo"): a bound, so a prefix shared by
 * thousands of names costs the same as a rare one. The most quoted among them are shown.
 */
export const PREFIX_SCAN_MAX = 500;
/** Speakers one exact word may name ("president"): a bound on the work, far above what is shown. */
export const EXACT_MAX = 200;
/**
 * Most quoted speakers read from each "did you mean" bucket (the query's first two letters, and
 * its last two): the typo path compares a bounded number of names, however many are known.
 */
export const TYPO_CANDIDATES_PER_BUCKET = 100;
/** The same for a server: its own bucket and the shared one, each ranked by its own counts, half as many from each. */
export const SCOPED_TYPO_CANDIDATES = TYPO_CANDIDATES_PER_BUCKET / 2;
/** Letters of the query's start that pick its head bucket. */
export const TYPO_HEAD_LENGTH = 2;

/** Edits allowed for "did you mean": one typo in a short name, up to three in a long one. */
export function typoBudget(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/** The article's columns beside a quote's, as both stores join them (rows.ts reads them back). */
export const ARTICLE_COLUMNS = 'a.id AS a_id, a.source, a.url, a.title, a.date, a.hash, a.added_at';

/** The edit distance of each name within the query's budget (typoBudget), by id: the closest of its name, aliases and surname. */
export function distances(key: string, speakers: readonly { id: string; name: string; aliases: string[] }[]): Map<string, number> {
  return formDistances(
    key,
    speakers.flatMap((s) => typoForms(s).map((form): [string, string] => [s.id, form])),
  );
}

/**
 * The same from the forms already folded ([speaker id, form], as the store keeps them): the
 * closest form of each speaker within the budget, by id.
 */
export function formDistances(key: string, forms: Iterable<readonly [id: string, form: string]>): Map<string, number> {
  const budget = typoBudget(key.length);
  const near = new Map<string, number>();
  for (const [id, form] of forms) {
    // Only names within the budget in length can be within it in edits
    if (Math.abs(form.length - key.length) > budget) continue;
    const distance = editDistance(key, form, budget);
    if (distance <= budget && distance < (near.get(id) ?? Infinity)) near.set(id, distance);
  }
  return near;
}

/**
 * The bounds on a form's length in SQLite characters that can hold a form within the budget of
 * `key`: SQLite counts a character outside the BMP once where JavaScript counts it twice, so the
 * lower bound is halved (formDistances checks the exact one).
 */
export function formLengths(key: string): { lo: number; hi: number } {
  const budget = typoBudget(key.length);
  return { lo: Math.max(1, Math.floor((key.length - budget) / 2)), hi: key.length + budget };
}

/** The few "did you mean" offers: the closest first, the most quoted among equally close. */
export function nearestFirst(speakers: readonly SpeakerSummary[], near: ReadonlyMap<string, number>): SpeakerSummary[] {
  return [...speakers].sort((a, b) => near.get(a.id)! - near.get(b.id)! || mostQuoted(a, b)).slice(0, SUGGESTIONS_MAX);
}

/** A speaker found for a scope: ranked by `speaker.quoteCount`, shown with `seen`, its quotes in the scope. */
export interface Candidate {
  speaker: SpeakerSummary;
  seen: number;
}

/** The speaker with its quotes in the scope; none when it has none there. */
export const shown = (c: Candidate): SpeakerSummary[] => (c.seen > 0 ? [{ ...c.speaker, quoteCount: c.seen }] : []);

/**
 * What a scope is shown of its candidates: the first `limit` by rank (`speaker.quoteCount`, the
 * visible collections' counts added up), then those it has quotes of, with those quotes, most
 * quoted first (ties by name, then by rank). The candidates need no order when they are no more
 * than `limit`: only the cut needs the ranking.
 */
export function exactly(candidates: readonly Candidate[], limit: number): SpeakerSummary[] {
  const byRank = (a: Candidate, b: Candidate): number => mostQuoted(a.speaker, b.speaker);
  const cut = candidates.length > limit ? [...candidates].sort(byRank).slice(0, limit) : candidates;
  return cut
    .filter((c) => c.seen > 0)
    .sort((a, b) => b.seen - a.seen || byName(a.speaker, b.speaker) || byRank(a, b))
    .map((c) => ({ ...c.speaker, quoteCount: c.seen }));
}

const byName = (a: SpeakerSummary, b: SpeakerSummary): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Most quoted first, then by name as SQLite orders it (code points), so every path agrees. */
export function mostQuoted(a: SpeakerSummary, b: SpeakerSummary): number {
  return b.quoteCount - a.quoteCount || byName(a, b);
}
