/**
 * The speaker store on PostgreSQL: autocomplete, forgiving speaker search and quotes by speaker,
 * each within a scope, as SQLite's (../speaker-store.ts) answers them.
 */
import { SHARED_COLLECTION, type Visible } from '../collections.js';
import { foldKey, foldWords } from '../../article/text/fold.js';
import { SPEAKER_COLUMNS, toSpeakerSummary, type SpeakerRow } from '../speaker-writer.js';
import {
  ARTICLE_COLUMNS,
  type Candidate,
  distances,
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
} from '../speaker-lookup.js';
import { PREFIX_KEY_MAX, tailKey } from '../speakers.js';
import type { Page, QuoteHit, Scope, SpeakerMatch, SpeakerQuote, SpeakerStore, SpeakerSummary } from '../types.js';
import { pgCollections } from './collections.js';
import type { PgDatabase } from './database.js';
import { quoteTsQuery } from './search.js';
import { articleOf, type JoinedRow, toQuote } from '../rows.js';

/** A speaker's place in a collection's bucket. */
interface RankedRow {
  speaker_id: string;
  rank_count: number;
}

const QUOTE_COLUMNS = 'q.id, q.article_id, q.text, q.kind, q.start, q."end", q.outer_start, q.outer_end, q.continued, q.speaker_id, q.mention_text, q.mention_start, q.mention_end';
const JOINED = `SELECT ${QUOTE_COLUMNS}, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id`;
const S_COLUMNS = SPEAKER_COLUMNS.split(', ')
  .map((c) => `s.${c}`)
  .join(', ');

export function pgSpeakerStore(db: PgDatabase): SpeakerStore {
  const { sql } = db;
  const collections = pgCollections(sql);
  const byId = (id: string) => sql.one<SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id = $1`, [id]);
  const bucket = (key: string, limit: number) =>
    sql.rows<SpeakerRow>(
      `SELECT ${S_COLUMNS} FROM (SELECT speaker_id FROM speaker_keys WHERE key = $1 ORDER BY rank_count DESC, name LIMIT $2) k JOIN speakers s ON s.id = k.speaker_id`,
      [key, limit],
    );
  const exact = async (term: string): Promise<string[]> =>
    (await sql.rows<{ speaker_id: string }>('SELECT speaker_id FROM speaker_terms WHERE term = $1 LIMIT $2', [term, EXACT_MAX])).map((r) => r.speaker_id);
  const sees = async (visible: Visible, articleId: number): Promise<boolean> =>
    visible === null || (await sql.one('SELECT 1 AS n FROM collection_articles WHERE article_id = $1 AND collection_id = ANY($2::bigint[])', [articleId, visible])) !== undefined;

  /** The speaker as the scope sees it: its quotes there; null when it has none there. */
  async function seen(visible: Visible, speaker: SpeakerSummary): Promise<SpeakerSummary | null> {
    if (visible === null) return speaker;
    const quoteCount = await collections.speakerQuotes(visible, speaker.id);
    return quoteCount > 0 ? { ...speaker, quoteCount } : null;
  }
  async function seenAll(visible: Visible, speakers: SpeakerSummary[]): Promise<SpeakerSummary[]> {
    const out: SpeakerSummary[] = [];
    for (const s of speakers) {
      const v = await seen(visible, s);
      if (v) out.push(v);
    }
    return out.sort(mostQuoted);
  }
  async function summaries(ids: Iterable<string>): Promise<SpeakerSummary[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return (await sql.rows<SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id = ANY($1::text[])`, [unique])).map(toSpeakerSummary).sort(mostQuoted);
  }

  async function suggestAll(text: string, limit: number): Promise<SpeakerSummary[]> {
    const key = foldKey(text);
    if (key === '') return (await sql.rows<SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers ORDER BY quote_count DESC, name LIMIT $1`, [limit])).map(toSpeakerSummary);
    if (key.length <= PREFIX_KEY_MAX) return (await bucket(key, limit)).map(toSpeakerSummary).sort(mostQuoted);
    const rows = await sql.rows<SpeakerRow>(
      `SELECT ${S_COLUMNS} FROM (SELECT speaker_id FROM speaker_terms WHERE term >= $1 AND term < $2 ORDER BY term LIMIT $3) t JOIN speakers s ON s.id = t.speaker_id`,
      [key, key + PREFIX_END, PREFIX_SCAN_MAX],
    );
    const found = new Map(rows.map((r) => [r.id, toSpeakerSummary(r)]));
    return [...found.values()].sort(mostQuoted).slice(0, limit);
  }

  /**
   * The most quoted of a bucket in the visible collections: the first `limit` by the ranks of each
   * collection's bucket added up (rankCount), then ordered by the collections' exact counts added up, each with
   * its exact count in the scope (`seen`), which is what is shown.
   */
  async function bucketOf(visible: readonly number[], key: string, limit: number): Promise<Candidate[]> {
    return rankedOf(visible, limit, (c) =>
      sql.rows<RankedRow>('SELECT speaker_id, rank_count FROM collection_speaker_keys WHERE collection_id = $1 AND key = $2 ORDER BY rank_count DESC, speaker_id LIMIT $3', [
        c,
        key,
        limit,
      ]),
    );
  }
  /**
   * "erdo": the same for a prefix longer than the bucket keys, from the bucket of its first letters:
   * only the speakers with a name, alias or role word starting with all of it, among at most
   * PREFIX_SCAN_MAX of the bucket, as SQLite's store reads them.
   */
  async function startingOf(visible: readonly number[], key: string, limit: number): Promise<Candidate[]> {
    return rankedOf(visible, limit, (c) =>
      sql.rows<RankedRow>(
        `SELECT speaker_id, rank_count FROM (
           SELECT speaker_id, rank_count FROM collection_speaker_keys WHERE collection_id = $1 AND key = $2 ORDER BY rank_count DESC, speaker_id LIMIT ${PREFIX_SCAN_MAX}
         ) k
         WHERE EXISTS (SELECT 1 FROM speaker_terms t WHERE t.speaker_id = k.speaker_id AND t.term >= $3 AND t.term < $4)
         ORDER BY rank_count DESC, speaker_id LIMIT $5`,
        [c, key.slice(0, PREFIX_KEY_MAX), key, key + PREFIX_END, limit],
      ),
    );
  }
  async function rankedOf(visible: readonly number[], limit: number, read: (collection: number) => Promise<RankedRow[]>): Promise<Candidate[]> {
    const ranked = new Map<string, number>();
    for (const c of visible) for (const row of await read(c)) ranked.set(row.speaker_id, (ranked.get(row.speaker_id) ?? 0) + row.rank_count);
    if (ranked.size === 0) return [];
    // The first `limit` by their ranks added up, as SQLite's store cuts them; only those are read whole
    const ids = [...ranked]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([id]) => id);
    return candidatesOf(visible, ids);
  }
  /** The speakers' rows, ranked by the visible collections' exact counts added up, each with its count in the scope. */
  async function candidatesOf(visible: readonly number[], ids: readonly string[]): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    const own = visible.find((c) => c !== SHARED_COLLECTION) ?? -1;
    const shared = visible.includes(SHARED_COLLECTION);
    const rows = await sql.rows<SpeakerRow & { seen_count: number; ranked_count: number }>(
      `SELECT ${S_COLUMNS},
         coalesce(o.quote_count - CASE WHEN $1 THEN o.shared_count ELSE 0 END, 0) + coalesce(h.quote_count, 0) AS seen_count,
         coalesce(o.quote_count, 0) + coalesce(h.quote_count, 0) AS ranked_count
       FROM speakers s
       LEFT JOIN collection_speakers o ON o.collection_id = $3 AND o.speaker_id = s.id
       LEFT JOIN collection_speakers h ON h.collection_id = $4 AND h.speaker_id = s.id
       WHERE s.id = ANY($2::text[])`,
      [shared, ids, own, shared ? SHARED_COLLECTION : -1],
    );
    return rows.map((row) => ({ speaker: { ...toSpeakerSummary(row), quoteCount: row.ranked_count }, seen: row.seen_count })).sort((a, b) => mostQuoted(a.speaker, b.speaker));
  }

  async function suggestIn(visible: readonly number[], text: string, limit: number): Promise<SpeakerSummary[]> {
    const key = foldKey(text);
    if (key === '') {
      // The most quoted of each visible collection, read whole and counted in one statement
      const ids = new Set<string>();
      for (const c of visible) {
        const rows = await sql.rows<{ speaker_id: string }>('SELECT speaker_id FROM collection_speakers WHERE collection_id = $1 ORDER BY quote_count DESC, speaker_id LIMIT $2', [
          c,
          limit,
        ]);
        for (const r of rows) ids.add(r.speaker_id);
      }
      return exactly(await candidatesOf(visible, [...ids]), limit);
    }
    if (key.length <= PREFIX_KEY_MAX) return exactly(await bucketOf(visible, key, limit), limit);
    // "erdo": the most quoted of the "erd" bucket whose name, alias or role has a word starting so
    return exactly(await startingOf(visible, key, limit), limit);
  }

  async function suggestSpeakers(scope: Scope, text: string, limit = SUGGEST_LIMIT_DEFAULT): Promise<SpeakerSummary[]> {
    const visible = await collections.visible(scope);
    return visible === null ? suggestAll(text, limit) : suggestIn(visible, text, limit);
  }

  /** Speakers with a term equal to the whole query, or else to every word of it. */
  async function exactMatches(key: string): Promise<string[]> {
    const whole = await exact(key);
    if (whole.length > 0) return whole;
    // "President Erdogan": a role word and a surname, each a term of the same speaker
    const sets: Set<string>[] = [];
    for (const w of foldWords(key)) sets.push(new Set(await exact(w)));
    const [first, ...rest] = sets;
    return first ? [...first].filter((id) => rest.every((s) => s.has(id))) : [];
  }

  /** The closest names by edit distance, for "did you mean …": among the most quoted of two buckets. */
  async function closest(visible: Visible, key: string): Promise<SpeakerSummary[]> {
    const candidates: Candidate[] = [];
    for (const b of [key.slice(0, TYPO_HEAD_LENGTH), tailKey(key)]) {
      if (visible === null) candidates.push(...(await bucket(b, TYPO_CANDIDATES_PER_BUCKET)).map((r) => ({ speaker: toSpeakerSummary(r), seen: r.quote_count })));
      else candidates.push(...(await bucketOf(visible, b, SCOPED_TYPO_CANDIDATES)));
    }
    const seenOf = new Map(candidates.map((c) => [c.speaker.id, c.seen]));
    const speakers = [...new Map(candidates.map((c) => [c.speaker.id, c.speaker])).values()];
    const near = distances(key, speakers);
    const nearest = nearestFirst(
      speakers.filter((s) => near.has(s.id)),
      near,
    );
    return visible === null ? nearest : nearest.flatMap((speaker) => shown({ speaker, seen: seenOf.get(speaker.id) ?? 0 }));
  }

  async function findSpeakers(scope: Scope, query: string): Promise<SpeakerMatch> {
    const key = foldKey(query);
    if (key === '') return { matches: [], suggestions: [] };
    const visible = await collections.visible(scope);
    const exactSeen = await seenAll(visible, await summaries(await exactMatches(key)));
    const matches = exactSeen.length > 0 ? exactSeen : await suggestSpeakers(scope, key, MATCHES_MAX);
    if (matches.length > 0) return { matches: matches.slice(0, MATCHES_MAX), suggestions: [] };
    return { matches: [], suggestions: await closest(visible, key) };
  }

  /** The current id of a speaker, following renames from a shorter name to a fuller one. */
  async function resolve(id: string): Promise<SpeakerRow | null> {
    const direct = await byId(id);
    if (direct) return direct;
    const redirect = await sql.one<{ new_id: string }>('SELECT new_id FROM speaker_redirects WHERE old_id = $1', [id]);
    return redirect ? ((await byId(redirect.new_id)) ?? null) : null;
  }

  /** A page of the speaker's quotes in the visible collections: their articles newest first, each one's quotes in order. */
  async function visibleQuotes(visible: readonly number[], speaker: SpeakerSummary, limit: number, offset: number): Promise<SpeakerQuote[]> {
    if (visible.length === 0) return [];
    // The speaker's quotes newest article first, from its index, each kept when a visible collection
    // has its article: the walk stops at the page's end
    const rows = await sql.rows<JoinedRow>(
      `${JOINED} WHERE q.speaker_id = $1
         AND EXISTS (SELECT 1 FROM collection_quotes cq WHERE cq.collection_id = ANY($2::bigint[]) AND cq.speaker_id = $1 AND cq.article_id = q.article_id)
       ORDER BY q.article_id DESC, q.position LIMIT $3 OFFSET $4`,
      [speaker.id, visible, limit, offset],
    );
    return rows.map((r) => ({ article: articleOf(r), quote: toQuote(r, speaker), speaker }));
  }

  async function quotesBySpeaker(scope: Scope, id: string, options: { articleId?: number; limit?: number; offset?: number } = {}): Promise<Page<SpeakerQuote>> {
    const row = await resolve(id);
    const visible = await collections.visible(scope);
    const speaker = row ? await seen(visible, toSpeakerSummary(row)) : null;
    if (!row || !speaker) return { items: [], total: 0 };
    const limit = options.limit ?? QUOTES_LIMIT_DEFAULT;
    const offset = options.offset ?? 0;
    const article = options.articleId;
    const item = (r: JoinedRow): SpeakerQuote => ({ article: articleOf(r), quote: toQuote(r, speaker), speaker });
    if (article !== undefined) {
      if (!(await sees(visible, article))) return { items: [], total: 0 };
      const rows = await sql.rows<JoinedRow>(`${JOINED} WHERE q.speaker_id = $1 AND q.article_id = $2 ORDER BY q.position LIMIT $3 OFFSET $4`, [row.id, article, limit, offset]);
      const total = await sql.one<{ n: number }>('SELECT count(*) AS n FROM quotes WHERE speaker_id = $1 AND article_id = $2', [row.id, article]);
      return { items: rows.map(item), total: total?.n ?? 0 };
    }
    const items =
      visible === null
        ? (await sql.rows<JoinedRow>(`${JOINED} WHERE q.speaker_id = $1 ORDER BY q.article_id DESC, q.position LIMIT $2 OFFSET $3`, [row.id, limit, offset])).map(item)
        : await visibleQuotes(visible, speaker, limit, offset);
    // The counts are kept on every save and link, so the total costs nothing
    return { items, total: speaker.quoteCount };
  }

  /** Quotes whose text or speaker name has every word of the search, in the visible articles. */
  async function searchQuotes(scope: Scope, search: string, options: { limit?: number; offset?: number } = {}): Promise<Page<QuoteHit>> {
    const query = quoteTsQuery(search);
    if (query === null) return { items: [], total: 0 };
    const visible = await collections.visible(scope);
    if (visible?.length === 0) return { items: [], total: 0 };
    const limit = options.limit ?? QUOTES_LIMIT_DEFAULT;
    const offset = options.offset ?? 0;
    const inScope = 'AND ($2::bigint[] IS NULL OR EXISTS (SELECT 1 FROM collection_articles ca WHERE ca.article_id = q.article_id AND ca.collection_id = ANY($2::bigint[])))';
    const rows = await sql.rows<JoinedRow>(`${JOINED} WHERE q.search @@ to_tsquery('briefing', $1) ${inScope} ORDER BY a.id DESC, q.position LIMIT $3 OFFSET $4`, [
      query,
      visible,
      limit,
      offset,
    ]);
    const total = await sql.one<{ n: number }>(`SELECT count(*) AS n FROM quotes q WHERE q.search @@ to_tsquery('briefing', $1) ${inScope}`, [query, visible]);
    const items: QuoteHit[] = [];
    for (const r of rows) {
      const speakerRow = r.speaker_id ? await byId(r.speaker_id) : undefined;
      const speaker = speakerRow ? await seen(visible, toSpeakerSummary(speakerRow)) : null;
      items.push({ article: articleOf(r), quote: toQuote(r, speaker), speaker });
    }
    return { items, total: total?.n ?? 0 };
  }

  return { suggestSpeakers, findSpeakers, quotesBySpeaker, searchQuotes };
}
