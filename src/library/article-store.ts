import type { Database } from 'better-sqlite3';
import type { Reading } from '../article/types.js';
import { contentHash } from './content-hash.js';
import type { SpeakerWriter } from './speaker-writer.js';
import type { ArticleInput, ArticleStore, Page, SaveOutcome, StoredArticle } from './types.js';

/** A page of `listArticles` when the caller gives no limit. */
const LIST_LIMIT_DEFAULT = 25;
/** Discord shows at most 25 autocomplete choices. */
const SUGGEST_LIMIT_DEFAULT = 25;
/**
 * Matches counted for a search's total: past this the total is "at least" (capped), so a
 * word in every article costs the same to count at 100k articles as at 1k.
 */
export const SEARCH_COUNT_MAX = 1000;

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
// Newest added first: the id grows with every article added, and the table is ordered by it
const NEWEST = 'ORDER BY id DESC';

export function toStoredArticle(row: ArticleRow): StoredArticle {
  return { id: row.id, source: row.source, url: row.url, title: row.title, date: row.date, hash: row.hash, addedAt: row.added_at };
}

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
 * The SQLite article store: articles, their texts and readings, prepared once. Saving links
 * the article's speakers and quotes through `speakers`, in the same transaction.
 */
export function createArticleStore(db: Database, speakers: SpeakerWriter, now: () => number): ArticleStore {
  const byId = db.prepare<[number], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = ?`);
  const byHash = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE hash = ?`);
  const bySource = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE source = ?`);
  const text = db.prepare<[number], { text: string }>('SELECT text FROM articles WHERE id = ?');
  const reading = db.prepare<[number], { json: string }>('SELECT json FROM readings WHERE article_id = ?');
  const latest = db.prepare<[], ArticleRow>(`SELECT ${COLUMNS} FROM articles ${NEWEST} LIMIT 1`);
  const page = db.prepare<[number, number], ArticleRow>(`SELECT ${COLUMNS} FROM articles ${NEWEST} LIMIT ? OFFSET ?`);
  // Kept by a trigger on every insert and delete: counting the table would cost its size
  const count = db.prepare<[], { n: number }>("SELECT value AS n FROM counters WHERE name = 'articles'");
  // FTS5 walks its index in rowid order, newest first, and stops at the limit
  const searchPage = db.prepare<[string, number, number], ArticleRow>(
    `SELECT ${COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}
     FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?) m
     JOIN articles a ON a.id = m.id`,
  );
  const searchCount = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)',
  );
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

  /** Inserts a new article; returns its id. Call inside a transaction. */
  function insertArticle(input: ArticleInput, hash: string, value: Reading, addedAt: number): number {
    const title = input.title ?? value.title;
    const id = Number(insert.run(input.source, input.url ?? null, title, input.date ?? value.date, input.text, hash, addedAt).lastInsertRowid);
    index(id, title, input.text, value);
    return id;
  }

  /** Replaces an article's text and reading; `added_at` (and the id order) keep when it first came in. */
  function updateArticle(id: number, input: ArticleInput, hash: string, value: Reading): void {
    const title = input.title ?? value.title;
    update.run(input.url ?? null, title, input.date ?? value.date, input.text, hash, id);
    index(id, title, input.text, value);
  }

  const save = db.transaction((input: ArticleInput, value: Reading): { article: StoredArticle; outcome: SaveOutcome } => {
    const hash = contentHash(input.text);
    // The same text from any source is the same article: stored once
    const same = one(byHash.get(hash));
    if (same) return { article: same, outcome: 'unchanged' };
    const previous = one(bySource.get(input.source));
    const id = previous?.id ?? insertArticle(input, hash, value, now());
    if (previous) updateArticle(previous.id, input, hash, value);
    speakers.replaceQuotes(id, value);
    return { article: one(byId.get(id))!, outcome: previous ? 'updated' : 'created' };
  });

  /** The newest matches of a search, rows in newest-first order. */
  function searchRows(match: string, limit: number, offset: number): StoredArticle[] {
    return searchPage.all(match, limit, offset).map(toStoredArticle).sort((a, b) => b.id - a.id);
  }

  return {
    saveArticle: (input, value) => save(input, value),
    getArticle: (id) => one(byId.get(id)),
    findByHash: (hash) => one(byHash.get(hash)),
    findBySource: (source) => one(bySource.get(source)),
    getText: (id) => text.get(id)?.text ?? null,
    getReading: (id): Reading | null => {
      const row = reading.get(id);
      return row ? (JSON.parse(row.json) as Reading) : null;
    },
    latestArticle: () => one(latest.get()),
    /** Inclusive: an article added at exactly `ms` counts as added since then. */
    articlesSince: (ms) => since.all(ms).map(toStoredArticle),

    listArticles(options = {}): Page<StoredArticle> {
      const limit = options.limit ?? LIST_LIMIT_DEFAULT;
      const offset = options.offset ?? 0;
      const match = articleQuery(options.search ?? '');
      if (match === null) return { items: page.all(limit, offset).map(toStoredArticle), total: count.get()?.n ?? 0 };
      const total = searchCount.get(match, SEARCH_COUNT_MAX + 1)!.n;
      const items = searchRows(match, limit, offset);
      return total > SEARCH_COUNT_MAX ? { items, total: SEARCH_COUNT_MAX, capped: true } : { items, total };
    },

    suggestArticles(typed, limit = SUGGEST_LIMIT_DEFAULT) {
      const match = articleQuery(typed, true);
      return match === null ? page.all(limit, 0).map(toStoredArticle) : searchRows(match, limit, 0);
    },
  };
}
