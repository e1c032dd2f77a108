import type { Database } from 'better-sqlite3';
import { ftsQuery } from './article-store.js';
import { SHARED_COLLECTION, type Collections, type Visible } from './collections.js';
import { foldKey, foldWords } from '../article/text/fold.js';
import { SPEAKER_COLUMNS, toSpeakerSummary, type SpeakerRow } from './speaker-writer.js';
import {
  ARTICLE_COLUMNS,
  type Candidate,
  distances,
  formDistances,
  formLengths,
  EXACT_MAX,
  exactly,
  MATCHES_MAX,
  mostQuoted,
  nearestFirst,
  PREFIX_END,
  PREFIX_SCAN_MAX,
  QUOTES_LIMIT_DEFAULT,
  SCOPED_TYPO_CANDIDATES,
  shown,
  SUGGEST_LIMIT_DEFAULT,
  TYPO_CANDIDATES_PER_BUCKET,
  TYPO_HEAD_LENGTH,
} from './speaker-lookup.js';
import { PREFIX_KEY_MAX, tailKey } from './speakers.js';
import type { Sync } from './sync-store.js';
import type { Page, QuoteHit, Scope, SpeakerMatch, SpeakerQuote, SpeakerStore, SpeakerSummary } from './types.js';
import { articleOf, type JoinedRow, toQuote } from './rows.js';

/** The SQLite speaker store: autocomplete, forgiving speaker search and quotes by speaker, each within a scope. */
export function createSpeakerStore(db: Database, collections: Collections): Sync<SpeakerStore> {
  const byId = db.prepare<[string], SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id = ?`);
  const redirect = db.prepare<[string], { new_id: string }>('SELECT new_id FROM speaker_redirects WHERE old_id = ?');
  const top = db.prepare<[number], SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers ORDER BY quote_count DESC, name LIMIT ?`);
  // The bucket index holds the order: no sort, however many names share the letters
  const bucket = db.prepare<[string, number], SpeakerRow>(
    `SELECT ${SPEAKER_COLUMNS.split(', ')
      .map((c) => `s.${c}`)
      .join(', ')}
     FROM (SELECT speaker_id FROM speaker_keys WHERE key = ? ORDER BY rank_count DESC, name LIMIT ?) k
     JOIN speakers s ON s.id = k.speaker_id`,
  );
  const prefix = db.prepare<[string, string, number], SpeakerRow>(
    `SELECT ${SPEAKER_COLUMNS.split(', ')
      .map((c) => `s.${c}`)
      .join(', ')}
     FROM (SELECT speaker_id FROM speaker_terms WHERE term >= ? AND term < ? LIMIT ?) t
     JOIN speakers s ON s.id = t.speaker_id`,
  );
  const exact = db.prepare<[string, number], { speaker_id: string }>('SELECT speaker_id FROM speaker_terms WHERE term = ? LIMIT ?');
  const quotes = db.prepare<[string, number, number], JoinedRow>(
    `SELECT q.*, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.speaker_id = ? ORDER BY q.article_id DESC, q.position LIMIT ? OFFSET ?`,
  );
  const quotesIn = db.prepare<[string, number, number, number], JoinedRow>(
    `SELECT q.*, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.speaker_id = ? AND q.article_id = ? ORDER BY q.position LIMIT ? OFFSET ?`,
  );
  const quoteCountIn = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM quotes WHERE speaker_id = ? AND article_id = ?');
  const textSearch = db.prepare<[string, number, number], JoinedRow>(
    `SELECT q.*, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)
     ORDER BY a.id DESC, q.position LIMIT ? OFFSET ?`,
  );

  const textCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM quotes_fts WHERE quotes_fts MATCH ?');
  const holds = db.prepare<[number, number], { n: number }>('SELECT 1 AS n FROM collection_articles WHERE collection_id = ? AND article_id = ?');
  const topIn = db.prepare<[number, number], { speaker_id: string }>(
    'SELECT speaker_id FROM collection_speakers WHERE collection_id = ? ORDER BY quote_count DESC, speaker_id LIMIT ?',
  );
  // A collection's own bucket, ranked by its own counts (rankCount): no walk past other servers'
  // names. Ids and ranks only, from the index alone: the speakers' rows are read once, for the candidates
  const bucketIn = db
    .prepare<[number, string, number], [string, number]>(
      'SELECT speaker_id, rank_count FROM collection_speaker_keys WHERE collection_id = ? AND key = ? ORDER BY rank_count DESC, speaker_id LIMIT ?',
    )
    .raw();
  // "erdo": the same bucket of its first letters, only the speakers with a name, alias or role word
  // starting with all of it, in the bucket's order. At most PREFIX_SCAN_MAX of the bucket are
  // looked at, so a prefix few of them share costs a bounded walk however large the collection
  const bucketInStarting = db
    .prepare<[number, string, string, string, number], [string, number]>(
      `SELECT speaker_id, rank_count FROM (
         SELECT speaker_id, rank_count FROM collection_speaker_keys WHERE collection_id = ? AND key = ? ORDER BY rank_count DESC, speaker_id LIMIT ${PREFIX_SCAN_MAX}
       ) k
       WHERE EXISTS (SELECT 1 FROM speaker_terms t WHERE t.speaker_id = k.speaker_id AND t.term >= ? AND t.term < ?)
       ORDER BY rank_count DESC, speaker_id LIMIT ?`,
    )
    .raw();
  // What "did you mean" compares a name by, and no more: the counts are read for the few that come close.
  // Their folded forms as the writer keeps them (speakerKeys, and the surname): only those of a
  // length that can be within the budget, so no name is parsed or folded again for the comparing
  const typoForms = db
    .prepare<{ ids: string; lo: number; hi: number }, [string, string]>(
      `SELECT a.speaker_id, a.key FROM json_each(@ids) j CROSS JOIN speaker_aliases a ON a.speaker_id = j.value WHERE length(a.key) BETWEEN @lo AND @hi
       UNION ALL SELECT s.id, s.surname FROM json_each(@ids) j CROSS JOIN speakers s ON s.id = j.value WHERE length(s.surname) BETWEEN @lo AND @hi`,
    )
    .raw();
  // The candidates' rows and their quotes as a server sees them (its own count, less what is also
  // shared when it shows the shared collection, plus the shared count), in one statement; ranked
  // by the visible collections' exact counts added up
  const candidateRows = db
    .prepare<[number, string, number, number], [id: string, name: string, aliases: string, roles: string, seen: number, ranked: number]>(
      `SELECT s.id, s.name, s.aliases, s.roles,
         coalesce(o.quote_count - CASE WHEN ? = 1 THEN o.shared_count ELSE 0 END, 0) + coalesce(h.quote_count, 0),
         coalesce(o.quote_count, 0) + coalesce(h.quote_count, 0)
       FROM json_each(?) j CROSS JOIN speakers s ON s.id = j.value
       LEFT JOIN collection_speakers o ON o.collection_id = ? AND o.speaker_id = s.id
       LEFT JOIN collection_speakers h ON h.collection_id = ? AND h.speaker_id = s.id`,
    )
    .raw();
  // A speaker's articles in one collection, or in a server's and the shared one merged, newest first
  const articlesOne = db.prepare<[number, string], { article_id: number }>(
    'SELECT article_id FROM collection_quotes WHERE collection_id = ? AND speaker_id = ? ORDER BY article_id DESC',
  );
  const articlesTwo = db.prepare<[number, string, number, string], { article_id: number }>(
    `SELECT article_id FROM collection_quotes WHERE collection_id = ? AND speaker_id = ?
     UNION SELECT article_id FROM collection_quotes WHERE collection_id = ? AND speaker_id = ? ORDER BY 1 DESC`,
  );
  const allQuotesIn = db.prepare<[string, number], JoinedRow>(
    `SELECT q.*, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.speaker_id = ? AND q.article_id = ? ORDER BY q.position`,
  );

  const sees = (visible: Visible, articleId: number): boolean => visible === null || visible.some((c) => holds.get(c, articleId) !== undefined);

  /** The speaker as the scope sees it: its quotes there; null when it has none there. */
  function seen(visible: Visible, speaker: SpeakerSummary): SpeakerSummary | null {
    if (visible === null) return speaker;
    const quoteCount = collections.speakerQuotes(visible, speaker.id);
    return quoteCount > 0 ? { ...speaker, quoteCount } : null;
  }
  const seenAll = (visible: Visible, speakers: SpeakerSummary[]): SpeakerSummary[] => speakers.flatMap((s) => seen(visible, s) ?? []).sort(mostQuoted);

  const summaries = (ids: Iterable<string>): SpeakerSummary[] =>
    [...new Set(ids)]
      .flatMap((id) => {
        const r = byId.get(id);
        return r ? [toSpeakerSummary(r)] : [];
      })
      .sort(mostQuoted);

  function suggestAll(text: string, limit: number): SpeakerSummary[] {
    const key = foldKey(text);
    if (key === '') return top.all(limit).map(toSpeakerSummary);
    if (key.length <= PREFIX_KEY_MAX) return bucket.all(key, limit).map(toSpeakerSummary).sort(mostQuoted);
    const found = new Map(prefix.all(key, key + PREFIX_END, PREFIX_SCAN_MAX).map((r) => [r.id, toSpeakerSummary(r)]));
    return [...found.values()].sort(mostQuoted).slice(0, limit);
  }

  /**
   * The most quoted of a bucket in the visible collections: the first `limit` by the ranks of each
   * collection's bucket added up (rankCount, so the cut between speakers within a power of two of
   * each other is by id), then ordered by the collections' exact counts added up (a quote in an
   * article both hold counts twice here), each with its exact count in the scope (`seen`), which is what is shown.
   */
  function bucketOf(visible: readonly number[], key: string, limit: number): Candidate[] {
    return candidatesOf(visible, bucketIds(visible, key, limit));
  }
  /** The first `limit` of a bucket in the visible collections, by their ranks there added up. */
  function bucketIds(visible: readonly number[], key: string, limit: number): string[] {
    return topRanked(
      visible.map((c) => bucketIn.all(c, key, limit)),
      limit,
    );
  }
  /** The same for a prefix longer than the bucket keys: the bucket of its first letters, only the speakers with a word starting so. */
  function startingIds(visible: readonly number[], key: string, limit: number): string[] {
    const head = key.slice(0, PREFIX_KEY_MAX);
    return topRanked(
      visible.map((c) => bucketInStarting.all(c, head, key, key + PREFIX_END, limit)),
      limit,
    );
  }
  /** The first `limit` ids of the collections' ranked lists, by their ranks added up. */
  function topRanked(lists: readonly (readonly [string, number])[][], limit: number): string[] {
    const ranked = new Map<string, number>();
    for (const list of lists) for (const [id, rank] of list) ranked.set(id, (ranked.get(id) ?? 0) + rank);
    // Only as many as are asked for are read whole; when no more came, no cut and no ranking is needed
    if (ranked.size <= limit) return [...ranked.keys()];
    return [...ranked]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([id]) => id);
  }
  /**
   * The speakers' rows, each with its rank (the visible collections' exact counts added up) as
   * `speaker.quoteCount` and its count in the scope as `seen`; in the order of `ids` (exactly ranks them).
   */
  function candidatesOf(visible: readonly number[], ids: readonly string[]): Candidate[] {
    if (ids.length === 0) return [];
    const own = visible.find((c) => c !== SHARED_COLLECTION) ?? -1;
    const shared = visible.includes(SHARED_COLLECTION);
    return candidateRows.all(shared ? 1 : 0, JSON.stringify(ids), own, shared ? SHARED_COLLECTION : -1).map(([id, name, aliases, roles, seen, ranked]) => ({
      speaker: { id, name, aliases: JSON.parse(aliases) as string[], roles: JSON.parse(roles) as string[], quoteCount: ranked },
      seen,
    }));
  }

  function suggestIn(visible: readonly number[], text: string, limit: number): SpeakerSummary[] {
    const key = foldKey(text);
    // The most quoted of each visible collection, read whole and counted in one statement
    if (key === '') return exactly(candidatesOf(visible, [...new Set(visible.flatMap((c) => topIn.all(c, limit).map((r) => r.speaker_id)))]), limit);
    if (key.length <= PREFIX_KEY_MAX) return exactly(bucketOf(visible, key, limit), limit);
    // "erdo": the most quoted of the "erd" bucket whose name, alias or role has a word starting so
    return exactly(candidatesOf(visible, startingIds(visible, key, limit)), limit);
  }

  function suggestSpeakers(scope: Scope, text: string, limit = SUGGEST_LIMIT_DEFAULT): SpeakerSummary[] {
    const visible = collections.visible(scope);
    return visible === null ? suggestAll(text, limit) : suggestIn(visible, text, limit);
  }

  /** Speakers with a term equal to the whole query, or else to every word of it. */
  function exactMatches(key: string): string[] {
    const whole = exact.all(key, EXACT_MAX).map((r) => r.speaker_id);
    if (whole.length > 0) return whole;
    // "President Erdogan": a role word and a surname, each a term of the same speaker
    const sets = foldWords(key).map((w) => new Set(exact.all(w, EXACT_MAX).map((r) => r.speaker_id)));
    const [first, ...rest] = sets;
    return first ? [...first].filter((id) => rest.every((s) => s.has(id))) : [];
  }

  /** The closest names by edit distance, for "did you mean …": among the most quoted of two buckets. */
  function closest(visible: Visible, key: string): SpeakerSummary[] {
    const buckets = [key.slice(0, TYPO_HEAD_LENGTH), tailKey(key)];
    if (visible === null) {
      const candidates = new Map(buckets.flatMap((b) => bucket.all(b, TYPO_CANDIDATES_PER_BUCKET).map((r) => [r.id, toSpeakerSummary(r)] as const)));
      const near = distances(key, [...candidates.values()]);
      return nearestFirst(
        [...near.keys()].map((id) => candidates.get(id)!),
        near,
      );
    }
    // A server's: names only for the comparing; the few that come close are read whole, as it counts them
    const ids = [...new Set(buckets.flatMap((b) => bucketIds(visible, b, SCOPED_TYPO_CANDIDATES)))];
    if (ids.length === 0) return [];
    const near = formDistances(key, typoForms.all({ ids: JSON.stringify(ids), ...formLengths(key) }));
    const close = candidatesOf(visible, [...near.keys()]);
    return nearestFirst(
      close.map((c) => c.speaker),
      near,
    ).flatMap((speaker) => shown({ speaker, seen: close.find((c) => c.speaker.id === speaker.id)?.seen ?? 0 }));
  }

  function findSpeakers(scope: Scope, query: string): SpeakerMatch {
    const key = foldKey(query);
    if (key === '') return { matches: [], suggestions: [] };
    const visible = collections.visible(scope);
    const exactIds = exactMatches(key);
    const exactSeen = seenAll(visible, summaries(exactIds));
    const matches = exactSeen.length > 0 ? exactSeen : suggestSpeakers(scope, key, MATCHES_MAX);
    if (matches.length > 0) return { matches: matches.slice(0, MATCHES_MAX), suggestions: [] };
    return { matches: [], suggestions: closest(visible, key) };
  }

  /** The current id of a speaker, following renames from a shorter name to a fuller one. */
  function resolve(id: string): SpeakerRow | null {
    return byId.get(id) ?? byId.get(redirect.get(id)?.new_id ?? '') ?? null;
  }

  /** A page of the speaker's quotes in the visible collections: their articles newest first, each one's quotes in order. */
  function visibleQuotes(visible: readonly number[], speaker: SpeakerSummary, limit: number, offset: number): SpeakerQuote[] {
    const [first, second] = visible;
    if (first === undefined) return [];
    const articles = second === undefined ? articlesOne.iterate(first, speaker.id) : articlesTwo.iterate(first, speaker.id, second, speaker.id);
    const items: SpeakerQuote[] = [];
    let skip = offset;
    for (const { article_id: articleId } of articles) {
      for (const r of allQuotesIn.all(speaker.id, articleId)) {
        if (skip > 0) skip--;
        else items.push({ article: articleOf(r), quote: toQuote(r, speaker), speaker });
      }
      // Stops reading the list at the page's end: the cost is the page, not the speaker's archive
      if (items.length >= limit) break;
    }
    return items.slice(0, limit);
  }

  function quotesBySpeaker(scope: Scope, id: string, options: { articleId?: number; limit?: number; offset?: number } = {}): Page<SpeakerQuote> {
    const row = resolve(id);
    const visible = collections.visible(scope);
    const speaker = row ? seen(visible, toSpeakerSummary(row)) : null;
    if (!row || !speaker) return { items: [], total: 0 };
    const limit = options.limit ?? QUOTES_LIMIT_DEFAULT;
    const offset = options.offset ?? 0;
    const article = options.articleId;
    if (article !== undefined) {
      if (!sees(visible, article)) return { items: [], total: 0 };
      const items = quotesIn.all(row.id, article, limit, offset).map((r): SpeakerQuote => ({ article: articleOf(r), quote: toQuote(r, speaker), speaker }));
      return { items, total: quoteCountIn.get(row.id, article)!.n };
    }
    const rows =
      visible === null
        ? quotes.all(row.id, limit, offset).map((r): SpeakerQuote => ({ article: articleOf(r), quote: toQuote(r, speaker), speaker }))
        : visibleQuotes(visible, speaker, limit, offset);
    // The counts are kept on every save and link, so the total costs nothing
    return { items: rows, total: speaker.quoteCount };
  }

  /** Quotes whose text or speaker name has every word of the search. */
  function searchQuotes(scope: Scope, search: string, options: { limit?: number; offset?: number } = {}): Page<QuoteHit> {
    const match = ftsQuery(search);
    if (match === null) return { items: [], total: 0 };
    const visible = collections.visible(scope);
    if (visible !== null) return searchQuotesIn(visible, match, options.limit ?? QUOTES_LIMIT_DEFAULT, options.offset ?? 0);
    const rows = textSearch.all(match, options.limit ?? QUOTES_LIMIT_DEFAULT, options.offset ?? 0);
    const items = rows.map((r) => {
      const speakerRow = r.speaker_id ? byId.get(r.speaker_id) : undefined;
      const speaker = speakerRow ? toSpeakerSummary(speakerRow) : null;
      return { article: articleOf(r), quote: toQuote(r, speaker), speaker };
    });
    return { items, total: textCount.get(match)!.n };
  }

  /** Not on a command path: the matches filtered to the visible articles. */
  function searchQuotesIn(visible: readonly number[], match: string, limit: number, offset: number): Page<QuoteHit> {
    const hits = textSearch.all(match, -1, 0).filter((r) => sees(visible, r.article_id));
    const items = hits.slice(offset, offset + limit).map((r) => {
      const speakerRow = r.speaker_id ? byId.get(r.speaker_id) : undefined;
      const speaker = speakerRow ? seen(visible, toSpeakerSummary(speakerRow)) : null;
      return { article: articleOf(r), quote: toQuote(r, speaker), speaker };
    });
    return { items, total: hits.length };
  }

  return { suggestSpeakers, findSpeakers, quotesBySpeaker, searchQuotes };
}
