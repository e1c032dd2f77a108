import type { Database } from 'better-sqlite3';
import type { Reading } from '../article/types.js';
import type { ArticleInput, StoredArticle } from './types.js';

/** A page of `listArticles` when the caller gives no limit. */
const LIST_LIMIT_DEFAULT = 25;

interface ArticleRow {
  id: number;
  source: string;
  url: string | null;
  title: string | null;
  date: string | null;
  hash: string;
  added_at: number;
}

const COLUMNS = 'id, source, url, title, date, hash, added_at';
// Undated articles sort after dated ones: they are usually older imports
const NEWEST = 'ORDER BY date IS NULL, date DESC, added_at DESC, id DESC';

export function toStoredArticle(row: ArticleRow): StoredArticle {
  return { id: row.id, source: row.source, url: row.url, title: row.title, date: row.date, hash: row.hash, addedAt: row.added_at };
}

/**
 * Turns a user's search into an FTS5 query: each word a quoted prefix, all required, so
 * punctuation in the search is never FTS syntax. Null when the search has no words.
 */
export function ftsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

/** Articles, their texts and their readings: the statements, prepared once. */
export function createArticleStore(db: Database) {
  const byId = db.prepare<[number], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = ?`);
  const byHash = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE hash = ?`);
  const bySource = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE source = ?`);
  const text = db.prepare<[number], { text: string }>('SELECT text FROM articles WHERE id = ?');
  const reading = db.prepare<[number], { json: string }>('SELECT json FROM readings WHERE article_id = ?');
  const latest = db.prepare<[], ArticleRow>(`SELECT ${COLUMNS} FROM articles ${NEWEST} LIMIT 1`);
  const page = db.prepare<[number, number], ArticleRow>(`SELECT ${COLUMNS} FROM articles ${NEWEST} LIMIT ? OFFSET ?`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles');
  const searchPage = db.prepare<[string, number, number], ArticleRow>(
    `SELECT ${COLUMNS} FROM articles WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) ${NEWEST} LIMIT ? OFFSET ?`,
  );
  const searchCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?');
  const since = db.prepare<[number], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE added_at >= ? ORDER BY added_at DESC, id DESC`);
  const insert = db.prepare<[string, string | null, string | null, string | null, string, string, number]>(
    'INSERT INTO articles (source, url, title, date, text, hash, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string | null, string | null, string | null, string, string, number]>(
    'UPDATE articles SET url = ?, title = ?, date = ?, text = ?, hash = ? WHERE id = ?',
  );
  const putReading = db.prepare<[number, string]>('INSERT OR REPLACE INTO readings (article_id, json) VALUES (?, ?)');
  const dropFts = db.prepare<[number]>('DELETE FROM articles_fts WHERE rowid = ?');
  const putFts = db.prepare<[number, string, string]>('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');

  const one = (row: ArticleRow | undefined): StoredArticle | null => (row ? toStoredArticle(row) : null);

  /** Stores the text, the reading and the search index for an article row. */
  function index(id: number, title: string | null, body: string, value: Reading): void {
    putReading.run(id, JSON.stringify(value));
    dropFts.run(id);
    putFts.run(id, title ?? '', body);
  }

  return {
    getArticle: (id: number) => one(byId.get(id)),
    findByHash: (hash: string) => one(byHash.get(hash)),
    findBySource: (source: string) => one(bySource.get(source)),
    getText: (id: number) => text.get(id)?.text ?? null,
    getReading: (id: number): Reading | null => {
      const row = reading.get(id);
      return row ? (JSON.parse(row.json) as Reading) : null;
    },
    latestArticle: () => one(latest.get()),
    /** Inclusive: an article added at exactly `ms` counts as added since then. */
    articlesSince: (ms: number) => since.all(ms).map(toStoredArticle),

    listArticles(options: { search?: string; limit?: number; offset?: number } = {}) {
      const limit = options.limit ?? LIST_LIMIT_DEFAULT;
      const offset = options.offset ?? 0;
      const match = ftsQuery(options.search ?? '');
      if (match === null) return { items: page.all(limit, offset).map(toStoredArticle), total: count.get()!.n };
      return { items: searchPage.all(match, limit, offset).map(toStoredArticle), total: searchCount.get(match)!.n };
    },

    /** Inserts a new article; returns its id. Call inside a transaction. */
    insertArticle(input: ArticleInput, hash: string, value: Reading, addedAt: number): number {
      const title = input.title ?? value.title;
      const id = Number(insert.run(input.source, input.url ?? null, title, input.date ?? value.date, input.text, hash, addedAt).lastInsertRowid);
      index(id, title, input.text, value);
      return id;
    },

    /** Replaces an article's text and reading; `added_at` keeps when it first came in. */
    updateArticle(id: number, input: ArticleInput, hash: string, value: Reading): void {
      const title = input.title ?? value.title;
      update.run(input.url ?? null, title, input.date ?? value.date, input.text, hash, id);
      index(id, title, input.text, value);
    },
  };
}

export type ArticleStore = ReturnType<typeof createArticleStore>;
