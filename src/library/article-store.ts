import type { Database } from 'better-sqlite3';
import type { Reading } from '../article/types.js';
import { scopeToken, SHARED_COLLECTION, type Collections, type Visible } from './collections.js';
import { contentHash } from './content-hash.js';
import type { SpeakerWriter } from './speaker-writer.js';
import type { Sync } from './sync-store.js';
import type { ArticleInput, ArticleStore, Destination, Page, RemoveOutcome, SaveOutcome, Scope, StoredArticle } from './types.js';
import { type ArticleRow, toStoredArticle } from './rows.js';

/** A page of `listArticles` when the caller gives no limit. */
const LIST_LIMIT_DEFAULT = 25;
/** Discord shows at most 25 autocomplete choices. */
const SUGGEST_LIMIT_DEFAULT = 25;
/**
 * Matches counted for a search's total past the page's first one: further matches make the
 * total "at least" (capped, shown as "50+"), so a word in every article costs the same to
 * count at 100k articles as at 1k. Counted from the page asked for, so every later page can
 * still be reached: on page 5 the total reads "90+".
 */
export const SEARCH_COUNT_MAX = 50;

const COLUMNS = 'id, source, url, title, date, hash, added_at';
const A_COLUMNS = COLUMNS.split(', ')
  .map((c) => `a.${c}`)
  .join(', ');
// Newest added first: the id grows with every article added, and the table is ordered by it
const NEWEST = 'ORDER BY id DESC';

/** Word starts the articles' search index keeps (migration 5): a query of up to this many letters reads one list. */
const PREFIX_INDEXED_MAX = 3;

/**
 * Turns a search over articles into an FTS5 query that reads its index lazily, newest first,
 * and stops at the limit: a word of up to 3 letters matches word starts (the prefix index
 * holds them), a longer word matches whole words ("clinton"), since a longer prefix would
 * merge every matching word's list in full, a cost that grows with the archive. For
 * autocomplete (`typing`), the last word is still being typed: it matches by its first three
 * letters. Null when the search has no words.
 */
export function articleQuery(search: string, typing = false): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .map((w, i) => {
      const letters = [...w];
      if (letters.length <= PREFIX_INDEXED_MAX) return `"${w}"*`;
      return typing && i === words.length - 1 ? `"${letters.slice(0, PREFIX_INDEXED_MAX).join('')}"*` : `"${w}"`;
    })
    .join(' ');
}

/**
 * Turns a user's search into an FTS5 query: each word a quoted prefix, all required, so
 * punctuation in the search is never FTS syntax. Null when the search has no words.
 */
export function ftsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

/**
 * Narrows an FTS5 query to the articles of the visible collections: the collection words are
 * in the same index, so FTS5 walks both lists together, newest first, and stops at the limit.
 */
export function scopedMatch(match: string, visible: Visible): string {
  if (visible === null) return match;
  return `(${match}) AND scope : (${visible.map((c) => `"${scopeToken(c)}"`).join(' OR ')})`;
}

/**
 * The SQLite article store: articles, their texts and readings, prepared once. Saving links
 * the article's speakers and quotes through `speakers`, and the article to its collection,
 * in the same transaction.
 */
export function createArticleStore(db: Database, speakers: SpeakerWriter, collections: Collections, now: () => number): Sync<ArticleStore> {
  const byId = db.prepare<[number], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = ?`);
  const byHash = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE hash = ?`);
  const bySource = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE source = ?`);
  const text = db.prepare<[number], { text: string; title: string | null }>('SELECT text, title FROM articles WHERE id = ?');
  const reading = db.prepare<[number], { json: string }>('SELECT json FROM readings WHERE article_id = ?');
  const holds = db.prepare<[number, number], { n: number }>('SELECT 1 AS n FROM collection_articles WHERE collection_id = ? AND article_id = ?');
  const page = db.prepare<[number, number], ArticleRow>(`SELECT ${COLUMNS} FROM articles ${NEWEST} LIMIT ? OFFSET ?`);
  // One collection's articles, newest first, straight from its primary key
  const pageOne = db.prepare<[number, number, number], ArticleRow>(
    `SELECT ${A_COLUMNS} FROM collection_articles ca JOIN articles a ON a.id = ca.article_id
     WHERE ca.collection_id = ? ORDER BY ca.article_id DESC LIMIT ? OFFSET ?`,
  );
  // A server's and the shared collection's, merged in order (an article in both once), no sort
  const pageTwo = db.prepare<[number, number, number, number], ArticleRow>(
    `SELECT ${A_COLUMNS} FROM (
       SELECT article_id FROM collection_articles WHERE collection_id = ?
       UNION SELECT article_id FROM collection_articles WHERE collection_id = ?
       ORDER BY 1 DESC LIMIT ? OFFSET ?) v
     JOIN articles a ON a.id = v.article_id`,
  );
  // Kept by a trigger on every insert and delete: counting the table would cost its size
  const count = db.prepare<[], { n: number }>("SELECT value AS n FROM counters WHERE name = 'articles'");
  // FTS5 walks its index in rowid order, newest first, and stops at the limit
  const searchPage = db.prepare<[string, number, number], ArticleRow>(
    `SELECT ${A_COLUMNS}
     FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?) m
     JOIN articles a ON a.id = m.id`,
  );
  // The matches from the newest up to the end of what is counted: one walk gives the page and its total
  const searchIds = db.prepare<[string, number], { id: number }>('SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?');
  const since = db.prepare<[number], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE added_at >= ? ORDER BY added_at DESC, id DESC`);
  const sinceIn = db.prepare<[number, number], ArticleRow & { linked_at: number }>(
    `SELECT ${A_COLUMNS}, ca.added_at AS linked_at FROM collection_articles ca JOIN articles a ON a.id = ca.article_id
     WHERE ca.collection_id = ? AND ca.added_at >= ?`,
  );
  const insert = db.prepare<[string, string | null, string | null, string | null, string, string, number]>(
    'INSERT INTO articles (source, url, title, date, text, hash, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string | null, string | null, string | null, string, string, number]>(
    'UPDATE articles SET url = ?, title = ?, date = ?, text = ?, hash = ? WHERE id = ?',
  );
  const deleteArticle = db.prepare<[number]>('DELETE FROM articles WHERE id = ?');
  const putReading = db.prepare<[number, string]>('INSERT OR REPLACE INTO readings (article_id, json) VALUES (?, ?)');
  const dropFts = db.prepare<[number]>('DELETE FROM articles_fts WHERE rowid = ?');
  const putFts = db.prepare<[number, string, string, string]>('INSERT INTO articles_fts (rowid, title, text, scope) VALUES (?, ?, ?, ?)');

  const one = (row: ArticleRow | undefined): StoredArticle | null => (row ? toStoredArticle(row) : null);
  const sees = (visible: Visible, id: number): boolean => visible === null || visible.some((c) => holds.get(c, id) !== undefined);

  /** Writes the article's search entry: its words and the collections that hold it. */
  function indexSearch(id: number): void {
    const row = text.get(id);
    if (!row) return;
    dropFts.run(id);
    putFts.run(id, row.title ?? '', row.text, collections.holders(id).map(scopeToken).join(' '));
  }

  /** Inserts a new article; returns its id. Call inside a transaction. */
  function insertArticle(input: ArticleInput, hash: string, value: Reading, addedAt: number): number {
    const title = input.title ?? value.title;
    const id = Number(insert.run(input.source, input.url ?? null, title, input.date ?? value.date, input.text, hash, addedAt).lastInsertRowid);
    putReading.run(id, JSON.stringify(value));
    return id;
  }

  /** Replaces an article's text and reading; `added_at` (and the id order) keep when it first came in. */
  function updateArticle(id: number, input: ArticleInput, hash: string, value: Reading): void {
    const title = input.title ?? value.title;
    update.run(input.url ?? null, title, input.date ?? value.date, input.text, hash, id);
    putReading.run(id, JSON.stringify(value));
  }

  /** Links to the destination's collection; the search entry is rewritten when `reindex`. */
  function linkTo(id: number, destination: Destination, reindex: boolean): boolean {
    const addedBy = destination.collection === 'guild' ? destination.addedBy : null;
    const linked = collections.link(id, collections.collectionOf(destination), now(), addedBy);
    if (linked && reindex) indexSearch(id);
    return linked;
  }

  const save = db.transaction((input: ArticleInput, value: Reading, destination: Destination): { article: StoredArticle; outcome: SaveOutcome } => {
    const hash = contentHash(input.text);
    // The same text from any source is the same article: stored once, linked to every collection it arrives in
    const same = one(byHash.get(hash));
    if (same) {
      linkTo(same.id, destination, true);
      return { article: same, outcome: 'unchanged' };
    }
    const previous = one(bySource.get(input.source));
    if (previous) {
      // Its quotes change: every collection holding it gives back what they counted, then counts again
      collections.count(previous.id, -1);
      updateArticle(previous.id, input, hash, value);
      speakers.replaceQuotes(previous.id, value);
      collections.count(previous.id, 1);
      linkTo(previous.id, destination, false);
      indexSearch(previous.id);
      return { article: one(byId.get(previous.id))!, outcome: 'updated' };
    }
    const id = insertArticle(input, hash, value, now());
    speakers.replaceQuotes(id, value);
    linkTo(id, destination, false);
    indexSearch(id);
    return { article: one(byId.get(id))!, outcome: 'created' };
  });

  const link = db.transaction((id: number, destination: Destination): boolean => byId.get(id) !== undefined && linkTo(id, destination, true));

  const remove = db.transaction((guildId: string, id: number): RemoveOutcome => {
    const scope = { guildId };
    if (!sees(collections.visible(scope), id)) return { kind: 'not-found' };
    const own = collections.ownCollection(guildId);
    if (own === null || !holds.get(own, id)) return { kind: 'shared' };
    const left = collections.unlink(id, own);
    if (left.length > 0) {
      indexSearch(id);
      return { kind: 'unlinked', stillVisible: left.includes(SHARED_COLLECTION) && collections.sharedVisible(guildId) };
    }
    // No collection holds it: the article goes, with its reading, quotes and search entries
    speakers.removeQuotes(id);
    dropFts.run(id);
    deleteArticle.run(id);
    return { kind: 'deleted' };
  });

  /** The newest matches of a search, rows in newest-first order. */
  function searchRows(match: string, limit: number, offset: number): StoredArticle[] {
    return searchPage
      .all(match, limit, offset)
      .map(toStoredArticle)
      .sort((a, b) => b.id - a.id);
  }

  /** A page of the visible articles, newest first. */
  function pageOf(visible: Visible, limit: number, offset: number): StoredArticle[] {
    if (visible === null) return page.all(limit, offset).map(toStoredArticle);
    const [first, second] = visible;
    if (first === undefined) return [];
    const rows = second === undefined ? pageOne.all(first, limit, offset) : pageTwo.all(first, second, limit, offset);
    return rows.map(toStoredArticle).sort((a, b) => b.id - a.id);
  }

  /** Articles added to the visible collections since `ms`, each once, the latest addition first. */
  function addedSince(visible: readonly number[], ms: number): StoredArticle[] {
    const found = new Map<number, { article: StoredArticle; at: number }>();
    for (const c of visible) {
      for (const row of sinceIn.all(c, ms)) {
        const seen = found.get(row.id);
        if (!seen || seen.at < row.linked_at) found.set(row.id, { article: toStoredArticle(row), at: row.linked_at });
      }
    }
    return [...found.values()].sort((a, b) => b.at - a.at || b.article.id - a.article.id).map((e) => e.article);
  }

  return {
    saveArticle: (input, value, destination) => save(input, value, destination),
    linkArticle: (id, destination) => link(id, destination),
    removeArticle: (guildId, id) => remove(guildId, id),
    sharedVisible: (guildId) => collections.sharedVisible(guildId),
    setSharedVisible: (guildId, visible) => collections.setSharedVisible(guildId, visible),
    getArticle: (scope, id) => (sees(collections.visible(scope), id) ? one(byId.get(id)) : null),
    getArticles(scope, ids) {
      // Statements on an open file cost microseconds: the batch is for a server's round trips
      const visible = collections.visible(scope);
      return ids.flatMap((id) => (sees(visible, id) ? (one(byId.get(id)) ?? []) : []));
    },
    findByHash: (hash) => one(byHash.get(hash)),
    findBySource: (source) => one(bySource.get(source)),
    getText: (id) => text.get(id)?.text ?? null,
    getReading: (scope, id): Reading | null => {
      const row = sees(collections.visible(scope), id) ? reading.get(id) : undefined;
      return row ? (JSON.parse(row.json) as Reading) : null;
    },
    latestArticle: (scope) => pageOf(collections.visible(scope), 1, 0)[0] ?? null,
    /** Inclusive: an article added at exactly `ms` counts as added since then. */
    articlesSince(scope: Scope, ms: number) {
      const visible = collections.visible(scope);
      return visible === null ? since.all(ms).map(toStoredArticle) : addedSince(visible, ms);
    },

    listArticles(scope, options = {}): Page<StoredArticle> {
      const limit = options.limit ?? LIST_LIMIT_DEFAULT;
      const offset = options.offset ?? 0;
      const visible = collections.visible(scope);
      const match = articleQuery(options.search ?? '');
      if (match === null) return { items: pageOf(visible, limit, offset), total: collections.articleCount(scope) ?? count.get()?.n ?? 0 };
      if (visible?.length === 0) return { items: [], total: 0 };
      const counted = Math.min(offset + Math.max(limit, SEARCH_COUNT_MAX), Number.MAX_SAFE_INTEGER - 1);
      const ids = searchIds.all(scopedMatch(match, visible), counted + 1).map((r) => r.id);
      const items = ids.slice(offset, offset + limit).flatMap((id) => one(byId.get(id)) ?? []);
      return ids.length > counted ? { items, total: counted, capped: true } : { items, total: ids.length };
    },

    suggestArticles(scope, typed, limit = SUGGEST_LIMIT_DEFAULT) {
      const visible = collections.visible(scope);
      const match = articleQuery(typed, true);
      if (match === null) return pageOf(visible, limit, 0);
      return visible?.length === 0 ? [] : searchRows(scopedMatch(match, visible), limit, 0);
    },
  };
}
