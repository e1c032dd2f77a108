/**
 * The daily digest for a guild, built from the archive alone: which articles are new since
 * its last delivered briefing, what each one says in a line, and in what order.
 */
import type { Quote, Reading } from '../article/types.js';
import type { FilterStore, ItemFilter } from '../library/filter-store.js';
import { isEmptyFilter, matchesFilter } from '../library/item-filter.js';
import type { ArticleStore, Delivery, DeliveryStore, StoredArticle } from '../library/types.js';
import { addDays } from './local-time.js';
import { mergeDuplicates, storyWords } from './merge-duplicates.js';

/** Where else a story was told: an article merged into an item as a near-duplicate. */
export interface BriefingSource {
  articleId: number;
  url: string | null;
  /** The article's own date, `YYYY-MM-DD`, when known. */
  date: string | null;
}

/** One story in a briefing: its best article, and the near-duplicates merged into it. */
export interface BriefingItem {
  articleId: number;
  headline: string;
  /** One sentence. */
  summary: string;
  quote: { text: string; speaker: string } | null;
  url: string | null;
  /** The article's own date, `YYYY-MM-DD`, when known. */
  date: string | null;
  /** Higher is more important; items are sorted by it. */
  score: number;
  /** The same story from other sources, best first. */
  also: BriefingSource[];
}

export interface BriefingOptions {
  /** The most items shown; the default is BRIEFING_ITEMS_MAX. */
  maxItems?: number;
  /** Readings already parsed, by article id and text hash: a fan-out reads each shared article once, not once a server. */
  readings?: ReadingCache;
}

/** Parsed readings kept by `${id}:${hash}`: a reading changes only with its text, and then so does the hash. */
export class ReadingCache {
  readonly #entries = new Map<string, Reading>();
  constructor(private readonly max = 1_000) {}

  async of(article: StoredArticle, read: () => Promise<Reading | null>): Promise<Reading | null> {
    const key = `${article.id}:${article.hash}`;
    const cached = this.#entries.get(key);
    if (cached) return cached;
    const reading = await read();
    if (!reading) return null;
    // The oldest entry makes room (a Map keeps insertion order)
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, reading);
    return reading;
  }
}

export interface Briefing {
  guildId: string;
  items: BriefingItem[];
  /** New articles left out to keep the briefing readable (merged ones are in `items[].also`). */
  omitted: number;
  /** Start of the window covered (ms since epoch). */
  since: number;
}

const HOUR_MS = 3_600_000;
// A first briefing covers one day, not the whole archive
const FIRST_WINDOW_MS = 24 * HOUR_MS;
// A guild away for weeks gets a week, not a flood
const LONGEST_WINDOW_MS = 7 * 24 * HOUR_MS;
// Articles saved while the last briefing was being built are not lost: the window overlaps it
const WINDOW_OVERLAP_MS = HOUR_MS;
// Days of the delivery log searched back for the last briefing that went out
const LOG_LOOKBACK_DAYS = 14;
/** Beyond this many stories the briefing says "and N more" instead of growing (BRIEFING_MAX_ITEMS). */
export const BRIEFING_ITEMS_MAX = 10;
// "complicated," is a fragment, not something worth quoting
const QUOTE_MIN_CHARS = 25;

/** What a briefing reads: the articles, and the delivery log for what was sent. */
export interface BriefingStores {
  articles: ArticleStore;
  deliveries: DeliveryStore;
  /** The server's briefing filter and its feeds' filters; everything passes without it. */
  filters?: FilterStore;
}

/**
 * Whether an article belongs in `guildId`'s briefing: it matches the briefing's filter, and an
 * article the server's own feeds brought matches one of those feeds' filters too.
 */
export async function passesFilters(stores: BriefingStores, guildId: string, articleId: number, briefingFilter?: ItemFilter): Promise<boolean> {
  const { filters, articles } = stores;
  if (!filters) return true;
  // The briefing's filter is one per server: a caller checking many articles reads it once
  const briefing = briefingFilter ?? (await filters.getFilter(guildId, 'briefing'));
  const feeds = await filters.feedFiltersOf(guildId, articleId);
  if (isEmptyFilter(briefing) && (feeds.length === 0 || feeds.some(isEmptyFilter))) return true;
  const article = await articles.getArticle('all', articleId);
  const item = { title: article?.title ?? null, text: (await articles.getText(articleId)) ?? '', reading: await articles.getReading('all', articleId) };
  return matchesFilter(briefing, item) && (feeds.length === 0 || feeds.some((f) => matchesFilter(f, item)));
}

/** The last briefing that was sent for `guildId`, searching the log a few days back. */
export async function lastSentDelivery({ deliveries }: Pick<BriefingStores, 'deliveries'>, guildId: string): Promise<Delivery | null> {
  const last = await deliveries.lastDelivery(guildId);
  if (!last || last.status === 'sent') return last;
  const day = last.localDate.slice(0, 10);
  for (let back = 0; back <= LOG_LOOKBACK_DAYS; back++) {
    const delivery = await deliveries.getDelivery(guildId, addDays(day, -back));
    if (delivery?.status === 'sent') return delivery;
  }
  return null;
}

/** The new articles for `guildId` at `now`: since its last sent briefing, at most 24 h on the first. */
export async function newArticleIds(stores: BriefingStores, guildId: string, now: Date): Promise<{ ids: number[]; since: number }> {
  const last = await lastSentDelivery(stores, guildId);
  const nowMs = now.getTime();
  const since = last ? Math.max(last.updatedAt - WINDOW_OVERLAP_MS, nowMs - LONGEST_WINDOW_MS) : nowMs - FIRST_WINDOW_MS;
  const covered = new Set(last?.articleIds ?? []);
  // Only what this server sees (its own collection, and the shared one unless it hides it), and what its filters let through
  const candidates = (await stores.articles.articlesSince({ guildId }, since)).filter((a) => a.addedAt <= nowMs && !covered.has(a.id)).map((a) => a.id);
  const { filters } = stores;
  if (!filters) return { ids: candidates, since };
  const briefingFilter = await filters.getFilter(guildId, 'briefing');
  // Most servers filter nothing: then no article needs reading, and a fan-out makes no query per article
  if (isEmptyFilter(briefingFilter) && !(await filters.hasFeedFilters(guildId))) return { ids: candidates, since };
  const ids: number[] = [];
  for (const id of candidates) if (await passesFilters(stores, guildId, id, briefingFilter)) ids.push(id);
  return { ids, since };
}

/** Builds the digest for `guildId` at `now`, ranked by importance. Reads only; claims nothing. */
export async function buildBriefing(stores: BriefingStores, guildId: string, now: Date, options: BriefingOptions = {}): Promise<Briefing> {
  const { ids, since } = await newArticleIds(stores, guildId, now);
  return { ...(await briefingOf(stores, guildId, ids, now, options)), since };
}

/**
 * The digest of exactly these articles (a claimed delivery is rebuilt from its ids): ranked
 * by importance, near-duplicates merged into the best-ranked one, at most `maxItems` shown.
 */
export async function briefingOf(
  { articles }: Pick<BriefingStores, 'articles'>,
  guildId: string,
  articleIds: number[],
  now: Date,
  options: BriefingOptions = {},
): Promise<Briefing> {
  const maxItems = options.maxItems ?? BRIEFING_ITEMS_MAX;
  const found: { item: BriefingItem; title: string | null }[] = [];
  // One read for the list (an article removed since the job was made is left out)
  for (const article of await articles.getArticles({ guildId }, articleIds)) {
    // Seen by the server (just checked), so the reading is read without checking again
    const read = (): Promise<Reading | null> => articles.getReading('all', article.id);
    const reading = options.readings ? await options.readings.of(article, read) : await read();
    if (reading) found.push({ item: await itemOf(articles, article, reading, now), title: reading.title ?? article.title });
  }
  const ranked = found.sort((a, b) => b.item.score - a.item.score || b.item.articleId - a.item.articleId);
  const stories = mergeDuplicates(ranked, ({ item, title }) => ({ words: storyWords(`${title ?? ''} ${item.headline}`), quote: item.quote?.text ?? null }));
  const items = stories.map(({ lead, others }) => ({
    ...lead.item,
    also: others.map(({ item }) => ({ articleId: item.articleId, url: item.url, date: item.date })),
  }));
  const shown = items.slice(0, maxItems);
  const omitted = items.slice(maxItems).reduce((sum, item) => sum + 1 + item.also.length, 0);
  return { guildId, items: shown, omitted, since: now.getTime() };
}

async function itemOf(articles: ArticleStore, article: StoredArticle, reading: Reading, now: Date): Promise<BriefingItem> {
  const quote = tellingQuote(reading);
  return {
    articleId: article.id,
    headline: reading.headline.trim() || reading.title || article.title || `Article #${article.id}`,
    summary: reading.summary[0]?.trim() || firstSentence((await articles.getText(article.id)) ?? ''),
    quote: quote && { text: quote.text.trim(), speaker: quote.speaker!.name },
    url: article.url,
    date: article.date ?? reading.date,
    score: importance(article, reading, now),
    also: [],
  };
}

/**
 * The rank of an article: attributed quotes (2 each), speakers (3 each) and facts (up to 10)
 * make it weigh more; one added in the last 24 hours up to 2 more, the fresher the more.
 */
export function importance(article: StoredArticle, reading: Reading, now: Date): number {
  const attributed = reading.quotes.filter((q) => q.speaker).length;
  const facts = reading.facts.key.length + reading.facts.people.length + reading.facts.dates.length;
  const ageHours = Math.max(0, (now.getTime() - article.addedAt) / HOUR_MS);
  const freshness = Math.max(0, 1 - ageHours / 24);
  return attributed * 2 + reading.speakers.length * 3 + Math.min(facts, 10) + freshness * 2;
}

/**
 * The most telling quote: a direct one by a named person, the longest informative one;
 * fragments ("complicated,") only when nothing better is there. Unattributed quotes never.
 */
export function tellingQuote(reading: Reading): Quote | null {
  const people = new Set(reading.speakers.filter((s) => s.type === 'person').map((s) => s.id));
  const weight = (q: Quote): number =>
    (q.kind === 'direct' ? 1000 : 0) + (people.has(q.speaker!.id) ? 500 : 0) + (q.text.length >= QUOTE_MIN_CHARS ? 250 : 0) + Math.min(q.text.length, 240);
  const candidates = reading.quotes.filter((q) => q.speaker && q.text.trim());
  return candidates.sort((a, b) => weight(b) - weight(a))[0] ?? null;
}

/** The first sentence of the body, skipping a `date YYYY-MM-DD` header. */
export function firstSentence(text: string): string {
  const body = text.replace(/^\uFEFF?\s*date\s+\d{4}-\d{2}-\d{2}\s*/i, '').trim();
  const match = /^[\s\S]*?[.!?]["”’)]?(?=\s|$)/.exec(body);
  return (match?.[0] ?? body).replace(/\s+/g, ' ').trim();
}
