/**
 * The article store on PostgreSQL: the same behaviour as SQLite's (../article-store.ts), held to
 * the same contract tests. A save, link or removal is one transaction on one client, under the
 * archive's write lock: counts are kept by difference, so two writers must not interleave.
 */
import type { Reading } from '../../article/types.js';
import { SEARCH_COUNT_MAX } from '../article-store.js';
import { SHARED_COLLECTION, type Visible } from '../collections.js';
import { contentHash } from '../content-hash.js';
import type { ArticleInput, ArticleStore, Destination, Page, RemoveOutcome, SaveOutcome, StoredArticle } from '../types.js';
import { pgCollections, type PgCollections } from './collections.js';
import { LOCKS, lockFor, type PgDatabase, type Sql } from './database.js';
import { articleTsQuery } from './search.js';
import { pgSpeakerWriter } from './speaker-writer.js';
import { toStoredArticle, type ArticleRow } from '../rows.js';

const LIST_LIMIT_DEFAULT = 25;
const SUGGEST_LIMIT_DEFAULT = 25;

const COLUMNS = 'id, source, url, title, date, hash, added_at';
const A_COLUMNS = COLUMNS.split(', ')
  .map((c) => `a.${c}`)
  .join(', ');
const one = (row: ArticleRow | undefined): StoredArticle | null => (row ? toStoredArticle(row) : null);
const newestFirst = (rows: ArticleRow[]): StoredArticle[] => rows.map(toStoredArticle).sort((a, b) => b.id - a.id);

/** The article's words (title and text) in its search entry; its collections are written with them. */
async function indexWords(sql: Sql, id: number): Promise<void> {
  await sql.run(
    `INSERT INTO article_search (article_id, words) SELECT id, briefing_words(coalesce(title, '') || ' ' || text) FROM articles WHERE id = $1
     ON CONFLICT (article_id) DO UPDATE SET words = excluded.words`,
    [id],
  );
}

/** Reads of articles, on the pool or inside a transaction. */
function articleReads(sql: Sql) {
  const byId = async (id: number) => one(await sql.one<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = $1`, [id]));
  const byHash = async (hash: string) => one(await sql.one<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE hash = $1`, [hash]));
  const bySource = async (source: string) => one(await sql.one<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE source = $1`, [source]));
  const sees = async (visible: Visible, id: number): Promise<boolean> =>
    visible === null || (await sql.one('SELECT 1 AS n FROM collection_articles WHERE article_id = $1 AND collection_id = ANY($2::bigint[])', [id, visible])) !== undefined;
  return { byId, byHash, bySource, sees };
}

/** One transaction of the archive's writes: the lock first, then the same statements as a read on that client. */
async function archiveWrite<T>(db: PgDatabase, work: (sql: Sql, collections: PgCollections) => Promise<T>): Promise<T> {
  return db.transaction(async (sql) => {
    await lockFor(sql, LOCKS.archiveWrite);
    return work(sql, pgCollections(sql));
  });
}

export function pgArticleStore(db: PgDatabase, now: () => number): ArticleStore {
  const { sql } = db;
  const reads = articleReads(sql);
  const collections = pgCollections(sql);

  /** Links to the destination's collection; the search entry's collections follow. */
  async function linkTo(tx: Sql, txCollections: PgCollections, id: number, destination: Destination): Promise<boolean> {
    const addedBy = destination.collection === 'guild' ? destination.addedBy : null;
    const linked = await txCollections.link(id, await txCollections.collectionOf(destination), now(), addedBy);
    if (linked) await txCollections.indexCollections(id);
    return linked;
  }

  async function save(input: ArticleInput, value: Reading, destination: Destination): Promise<{ article: StoredArticle; outcome: SaveOutcome }> {
    return archiveWrite(db, async (tx, txCollections) => {
      const { byId, byHash, bySource } = articleReads(tx);
      const speakers = pgSpeakerWriter(tx);
      const hash = contentHash(input.text);
      const title = input.title ?? value.title;
      const date = input.date ?? value.date;
      // The same text from any source is the same article: stored once, linked to every collection it arrives in
      const same = await byHash(hash);
      if (same) {
        await linkTo(tx, txCollections, same.id, destination);
        return { article: same, outcome: 'unchanged' };
      }
      const previous = await bySource(input.source);
      if (previous) {
        // Its quotes change: every collection holding it gives back what they counted, then counts again
        await txCollections.count(previous.id, -1);
        await tx.run('UPDATE articles SET url = $1, title = $2, date = $3, text = $4, hash = $5 WHERE id = $6', [input.url ?? null, title, date, input.text, hash, previous.id]);
        await tx.run('UPDATE readings SET json = $1 WHERE article_id = $2', [JSON.stringify(value), previous.id]);
        await speakers.replaceQuotes(previous.id, value);
        await txCollections.count(previous.id, 1);
        await indexWords(tx, previous.id);
        await linkTo(tx, txCollections, previous.id, destination);
        return { article: (await byId(previous.id))!, outcome: 'updated' };
      }
      const created = await tx.one<{ id: number }>('INSERT INTO articles (source, url, title, date, text, hash, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id', [
        input.source,
        input.url ?? null,
        title,
        date,
        input.text,
        hash,
        now(),
      ]);
      const id = created!.id;
      await tx.run('INSERT INTO readings (article_id, json) VALUES ($1, $2)', [id, JSON.stringify(value)]);
      await speakers.replaceQuotes(id, value);
      await indexWords(tx, id);
      await linkTo(tx, txCollections, id, destination);
      return { article: (await byId(id))!, outcome: 'created' };
    });
  }

  async function remove(guildId: string, id: number): Promise<RemoveOutcome> {
    return archiveWrite(db, async (tx, txCollections) => {
      const { sees } = articleReads(tx);
      if (!(await sees(await txCollections.visible({ guildId }), id))) return { kind: 'not-found' };
      const own = await txCollections.ownCollection(guildId);
      if (own === null || !(await txCollections.holds(own, id))) return { kind: 'shared' };
      const left = await txCollections.unlink(id, own);
      if (left.length > 0) {
        await txCollections.indexCollections(id);
        return { kind: 'unlinked', stillVisible: left.includes(SHARED_COLLECTION) && (await txCollections.sharedVisible(guildId)) };
      }
      // No collection holds it: the article goes, with its reading, quotes and search entry (cascaded)
      await pgSpeakerWriter(tx).removeQuotes(id);
      await tx.run('DELETE FROM articles WHERE id = $1', [id]);
      return { kind: 'deleted' };
    });
  }

  /** A page of the visible articles, newest first. */
  async function pageOf(visible: Visible, limit: number, offset: number): Promise<StoredArticle[]> {
    if (visible === null) return (await sql.rows<ArticleRow>(`SELECT ${COLUMNS} FROM articles ORDER BY id DESC LIMIT $1 OFFSET $2`, [limit, offset])).map(toStoredArticle);
    if (visible.length === 0) return [];
    // One collection's primary key backwards, or two merged in order (an article in both once): no sort of either
    const rows = await sql.rows<ArticleRow>(
      `SELECT ${A_COLUMNS} FROM (
         SELECT DISTINCT article_id FROM collection_articles WHERE collection_id = ANY($1::bigint[]) ORDER BY article_id DESC LIMIT $2 OFFSET $3) v
       JOIN articles a ON a.id = v.article_id`,
      [visible, limit, offset],
    );
    return newestFirst(rows);
  }

  /** The newest matching ids, up to `limit`: the GIN index intersects the words with the visible collections. */
  async function searchIds(query: string, visible: Visible, limit: number, offset = 0): Promise<number[]> {
    const rows =
      visible === null
        ? await sql.rows<{ id: number }>("SELECT article_id AS id FROM article_search WHERE words @@ to_tsquery('briefing', $1) ORDER BY article_id DESC LIMIT $2 OFFSET $3", [
            query,
            limit,
            offset,
          ])
        : await sql.rows<{ id: number }>(
            "SELECT article_id AS id FROM article_search WHERE words @@ to_tsquery('briefing', $1) AND collections && $2::bigint[] ORDER BY article_id DESC LIMIT $3 OFFSET $4",
            [query, visible, limit, offset],
          );
    return rows.map((r) => r.id);
  }

  const articlesByIds = async (ids: number[]): Promise<StoredArticle[]> =>
    ids.length === 0 ? [] : newestFirst(await sql.rows<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = ANY($1::bigint[])`, [ids]));

  /** Articles added to the visible collections since `ms`, each once, the latest addition first. */
  async function addedSince(visible: readonly number[], ms: number): Promise<StoredArticle[]> {
    const found = new Map<number, { article: StoredArticle; at: number }>();
    for (const c of visible) {
      const rows = await sql.rows<ArticleRow & { linked_at: number }>(
        `SELECT ${A_COLUMNS}, ca.added_at AS linked_at FROM collection_articles ca JOIN articles a ON a.id = ca.article_id
         WHERE ca.collection_id = $1 AND ca.added_at >= $2`,
        [c, ms],
      );
      for (const row of rows) {
        const seen = found.get(row.id);
        if (!seen || seen.at < row.linked_at) found.set(row.id, { article: toStoredArticle(row), at: row.linked_at });
      }
    }
    return [...found.values()].sort((a, b) => b.at - a.at || b.article.id - a.article.id).map((e) => e.article);
  }

  return {
    saveArticle: save,
    linkArticle: (id, destination) => archiveWrite(db, async (tx, txCollections) => (await articleReads(tx).byId(id)) !== null && linkTo(tx, txCollections, id, destination)),
    removeArticle: remove,
    sharedVisible: (guildId) => collections.sharedVisible(guildId),
    setSharedVisible: (guildId, visible) => archiveWrite(db, (_tx, txCollections) => txCollections.setSharedVisible(guildId, visible)),
    getArticle: async (scope, id) => ((await reads.sees(await collections.visible(scope), id)) ? reads.byId(id) : null),
    async getArticles(scope, ids) {
      if (ids.length === 0) return [];
      const visible = await collections.visible(scope);
      const found =
        visible === null
          ? await articlesByIds([...ids])
          : (
              await sql.rows<ArticleRow>(
                `SELECT ${COLUMNS} FROM articles a WHERE id = ANY($1::bigint[])
                 AND EXISTS (SELECT 1 FROM collection_articles ca WHERE ca.article_id = a.id AND ca.collection_id = ANY($2::bigint[]))`,
                [ids, visible],
              )
            ).map(toStoredArticle);
      const byId = new Map(found.map((a) => [a.id, a]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    findByHash: reads.byHash,
    findBySource: reads.bySource,
    getText: async (id) => (await sql.one<{ text: string }>('SELECT text FROM articles WHERE id = $1', [id]))?.text ?? null,
    async getReading(scope, id): Promise<Reading | null> {
      if (!(await reads.sees(await collections.visible(scope), id))) return null;
      const row = await sql.one<{ json: string }>('SELECT json FROM readings WHERE article_id = $1', [id]);
      return row ? (JSON.parse(row.json) as Reading) : null;
    },
    latestArticle: async (scope) => (await pageOf(await collections.visible(scope), 1, 0))[0] ?? null,
    /** Inclusive: an article added at exactly `ms` counts as added since then. */
    async articlesSince(scope, ms) {
      const visible = await collections.visible(scope);
      if (visible !== null) return addedSince(visible, ms);
      return (await sql.rows<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE added_at >= $1 ORDER BY added_at DESC, id DESC`, [ms])).map(toStoredArticle);
    },

    async listArticles(scope, options = {}): Promise<Page<StoredArticle>> {
      const limit = options.limit ?? LIST_LIMIT_DEFAULT;
      const offset = options.offset ?? 0;
      const visible = await collections.visible(scope);
      const query = articleTsQuery(options.search ?? '');
      if (query === null) {
        const total = (await collections.articleCount(scope)) ?? (await sql.one<{ n: number }>("SELECT value AS n FROM counters WHERE name = 'articles'"))?.n ?? 0;
        return { items: await pageOf(visible, limit, offset), total };
      }
      if (visible?.length === 0) return { items: [], total: 0 };
      // The matches from the newest up to the end of what is counted: one walk gives the page and its total
      const counted = Math.min(offset + Math.max(limit, SEARCH_COUNT_MAX), Number.MAX_SAFE_INTEGER - 1);
      const ids = await searchIds(query, visible, counted + 1);
      const items = await articlesByIds(ids.slice(offset, offset + limit));
      return ids.length > counted ? { items, total: counted, capped: true } : { items, total: ids.length };
    },

    async suggestArticles(scope, typed, limit = SUGGEST_LIMIT_DEFAULT) {
      const visible = await collections.visible(scope);
      const query = articleTsQuery(typed, true);
      if (query === null) return pageOf(visible, limit, 0);
      return visible?.length === 0 ? [] : articlesByIds(await searchIds(query, visible, limit));
    },
  };
}
