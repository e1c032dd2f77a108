import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Reading } from '../article/types.js';
import { createArticleStore, ftsQuery } from './article-store.js';
import { contentHash } from './content-hash.js';
import { createFeedStore, type FeedStore } from './feed-store.js';
import { createGuildStore } from './guild-store.js';
import { migrate, SchemaVersionError } from './migrations.js';
import { createQuotaStore, type QuotaStore } from './quota-store.js';
import { createSpeakerSearch, type QuoteHit } from './speaker-search.js';
import { createSpeakerStore } from './speaker-store.js';
import type { ArticleInput, Library, SaveOutcome, StoredArticle } from './types.js';

export interface LibraryOptions {
  /** The clock, in ms since epoch; tests pass a fixed one. */
  now?: () => number;
}

/** The SQLite library adds full-text search over quote text and speaker names. */
export interface SqliteLibrary extends Library {
  /** Quotes whose text or speaker name has every word of `search` (prefixes, accents folded). */
  searchQuotes(search: string, options?: { limit?: number; offset?: number }): { items: QuoteHit[]; total: number };
  /** The feeds guilds follow (`/feed`), polled by the ingest. */
  feeds: FeedStore;
  /** What members and servers added, for the `/article add` quotas. */
  quotas: QuotaStore;
}

/** The archive file cannot be opened or migrated; the cause is kept. */
export class LibraryOpenError extends Error {
  override name = 'LibraryOpenError';
}

const IN_MEMORY = ':memory:';

/** Opens the file, creating its folder (`data/` on a first start), and brings the schema up to date. */
function openDatabase(path: string): Database.Database {
  let db: Database.Database | null = null;
  try {
    if (path !== IN_MEMORY && path !== '') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    // WAL lets the bot read while the ingest writes; foreign keys are off unless asked for
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof SchemaVersionError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LibraryOpenError(`cannot open the library at ${path}: ${reason}`, { cause: error });
  }
}

/** Opens (or creates) the archive at `path` (`':memory:'` for tests) and migrates its schema. */
export function openLibrary(path: string, options: LibraryOptions = {}): SqliteLibrary {
  const now = options.now ?? Date.now;
  const db = openDatabase(path);
  const articles = createArticleStore(db);
  const speakers = createSpeakerStore(db);
  const search = createSpeakerSearch(db);
  const guilds = createGuildStore(db, now);

  const save = db.transaction((input: ArticleInput, reading: Reading): { article: StoredArticle; outcome: SaveOutcome } => {
    const hash = contentHash(input.text);
    // The same text from any source is the same article: stored once
    const same = articles.findByHash(hash);
    if (same) return { article: same, outcome: 'unchanged' };
    const previous = articles.findBySource(input.source);
    const id = previous?.id ?? articles.insertArticle(input, hash, reading, now());
    if (previous) articles.updateArticle(previous.id, input, hash, reading);
    speakers.replaceQuotes(id, reading);
    return { article: articles.getArticle(id)!, outcome: previous ? 'updated' : 'created' };
  });

  return {
    saveArticle: (input, reading) => save(input, reading),
    findByHash: articles.findByHash,
    findBySource: articles.findBySource,
    getArticle: articles.getArticle,
    getText: articles.getText,
    getReading: articles.getReading,
    latestArticle: articles.latestArticle,
    listArticles: articles.listArticles,
    articlesSince: articles.articlesSince,
    suggestSpeakers: search.suggestSpeakers,
    findSpeakers: search.findSpeakers,
    quotesBySpeaker: search.quotesBySpeaker,
    searchQuotes(text, opts = {}) {
      const match = ftsQuery(text);
      return match === null ? { items: [], total: 0 } : search.searchQuotes(match, opts.limit, opts.offset);
    },
    ...guilds,
    feeds: createFeedStore(db),
    quotas: createQuotaStore(db),
    close: () => db.close(),
  };
}
