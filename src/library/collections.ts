import type { Database } from 'better-sqlite3';
import type { Destination, Scope } from './types.js';
import { type CollectionRow, type SpeakerCountRow } from './rows.js';
import { rankCount } from './speakers.js';

/** The operator's folder: migration 8 creates it as collection 1, visible in every server unless hidden. */
export const SHARED_COLLECTION = 1;

/**
 * The word an article's collection adds to the search index, so a server's search walks one
 * index: U+E000 (private use) is a token character that no typed search ever holds.
 */
export const scopeToken = (collectionId: number): string => `\uE000c${collectionId}`;

/** The collections a scope sees: null for the whole archive, else one or two ids. */
export type Visible = readonly number[] | null;

/**
 * Collections and what they hold: links from collections to articles, and the counts kept on
 * every link and unlink (articles per collection, quotes per speaker per collection) so that a
 * server's totals and its speakers cost the same at 100k articles as at 1k.
 */
/**
 * A speaker's quotes as a server sees them, from its count in each visible collection: an
 * article both the server and the shared collection hold counts once (its own count less what
 * is also shared, when it shows the shared collection).
 */
export function visibleQuoteCount(rows: readonly SpeakerCountRow[], visibleIds: readonly number[]): number {
  const showsShared = visibleIds.includes(SHARED_COLLECTION);
  return rows.reduce((sum, r) => sum + r.quote_count - (showsShared && r.collection_id !== SHARED_COLLECTION ? r.shared_count : 0), 0);
}

export function createCollections(db: Database) {
  const byGuild = db.prepare<[string], CollectionRow>('SELECT id, shows_shared, article_count, shared_count FROM collections WHERE guild_id = ?');
  const byId = db.prepare<[number], CollectionRow>('SELECT id, shows_shared, article_count, shared_count FROM collections WHERE id = ?');
  const create = db.prepare<[string]>('INSERT OR IGNORE INTO collections (guild_id) VALUES (?)');
  const showShared = db.prepare<[number, number]>('UPDATE collections SET shows_shared = ? WHERE id = ?');
  const holders = db.prepare<[number], { collection_id: number }>('SELECT collection_id FROM collection_articles WHERE article_id = ?');
  const holds = db.prepare<[number, number], { n: number }>('SELECT 1 AS n FROM collection_articles WHERE collection_id = ? AND article_id = ?');
  const putLink = db.prepare<[number, number, number, string | null]>(
    'INSERT OR IGNORE INTO collection_articles (collection_id, article_id, added_at, added_by) VALUES (?, ?, ?, ?)',
  );
  const dropLink = db.prepare<[number, number]>('DELETE FROM collection_articles WHERE collection_id = ? AND article_id = ?');
  const addArticles = db.prepare<[number, number, number]>('UPDATE collections SET article_count = article_count + ?, shared_count = shared_count + ? WHERE id = ?');
  const articleSpeakers = db.prepare<[number], { speaker_id: string; n: number }>(
    'SELECT speaker_id, count(*) AS n FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL GROUP BY speaker_id',
  );
  const addSpeaker = db.prepare<[number, string, number, number]>(
    `INSERT INTO collection_speakers (collection_id, speaker_id, quote_count, shared_count) VALUES (?, ?, ?, ?)
     ON CONFLICT (collection_id, speaker_id) DO UPDATE SET quote_count = quote_count + excluded.quote_count, shared_count = shared_count + excluded.shared_count`,
  );
  const dropEmptySpeaker = db.prepare<[number, string]>('DELETE FROM collection_speakers WHERE collection_id = ? AND speaker_id = ? AND quote_count <= 0');
  const putQuotes = db.prepare<[number, string, number, number]>('INSERT OR REPLACE INTO collection_quotes (collection_id, speaker_id, article_id, quotes) VALUES (?, ?, ?, ?)');
  const dropQuotes = db.prepare<[number]>('DELETE FROM collection_quotes WHERE article_id = ?');
  const dropKeys = db.prepare<[number, string]>('DELETE FROM collection_speaker_keys WHERE collection_id = ? AND speaker_id = ?');
  // Adds the keys the collection lacks and re-ranks the others in one pass; a row whose rank did not
  // move (rankCount: the count did not cross a power of two) is not written
  const putKeys = db.prepare<[number, string, number, string]>(
    `INSERT INTO collection_speaker_keys (collection_id, speaker_id, key, rank_count) SELECT ?, ?, key, ? FROM speaker_keys WHERE speaker_id = ?
     ON CONFLICT (collection_id, speaker_id, key) DO UPDATE SET rank_count = excluded.rank_count WHERE rank_count != excluded.rank_count`,
  );
  const keyRanks = db.prepare<[number, string], { lo: number | null; hi: number | null }>(
    'SELECT min(rank_count) AS lo, max(rank_count) AS hi FROM collection_speaker_keys WHERE collection_id = ? AND speaker_id = ?',
  );
  const speakerCount = db.prepare<[number, string], SpeakerCountRow>(
    'SELECT collection_id, speaker_id, quote_count, shared_count FROM collection_speakers WHERE collection_id = ? AND speaker_id = ?',
  );

  /** The collection a destination names, created the first time a server adds something. */
  function collectionOf(destination: Destination): number {
    if (destination.collection === 'shared') return SHARED_COLLECTION;
    create.run(destination.guildId);
    return byGuild.get(destination.guildId)!.id;
  }

  /** A server's own collection (null before it added anything) and whether it sees the shared one. */
  function guildView(guildId: string): { own: CollectionRow | null; showsShared: boolean } {
    const own = byGuild.get(guildId) ?? null;
    return { own, showsShared: own ? own.shows_shared === 1 : true };
  }

  function visible(scope: Scope): Visible {
    if (scope === 'all') return null;
    if (scope === 'shared') return [SHARED_COLLECTION];
    const { own, showsShared } = guildView(scope.guildId);
    return [...(own ? [own.id] : []), ...(showsShared ? [SHARED_COLLECTION] : [])];
  }

  /**
   * Adds (`sign` 1) or takes away (-1) what one article counts for in every collection that
   * holds it. Linking is "take away, link, add back", so the counts follow any change.
   */
  function count(articleId: number, sign: 1 | -1): void {
    const collections = holders.all(articleId).map((r) => r.collection_id);
    if (collections.length === 0) return;
    const inShared = collections.includes(SHARED_COLLECTION);
    const speakers = articleSpeakers.all(articleId);
    if (sign < 0) dropQuotes.run(articleId);
    for (const c of collections) {
      // A server's articles that are also shared are counted once when it shows the shared collection
      const alsoShared = c !== SHARED_COLLECTION && inShared ? 1 : 0;
      addArticles.run(sign, sign * alsoShared, c);
      for (const { speaker_id: speaker, n } of speakers) {
        addSpeaker.run(c, speaker, sign * n, sign * n * alsoShared);
        if (sign < 0) dropEmptySpeaker.run(c, speaker);
        else putQuotes.run(c, speaker, articleId, n);
        rankSpeaker(c, speaker);
      }
    }
  }

  /**
   * Keeps the collection's autocomplete buckets in step with its count of the speaker's quotes.
   * Its rows are rewritten only when its rank moved (rankCount): they lie together in the
   * table's key order, so the check reads one short range.
   */
  function rankSpeaker(collectionId: number, speakerId: string): void {
    const row = speakerCount.get(collectionId, speakerId);
    if (!row) {
      dropKeys.run(collectionId, speakerId);
      return;
    }
    const rank = rankCount(row.quote_count);
    const { lo, hi } = keyRanks.get(collectionId, speakerId)!;
    if (lo === rank && hi === rank) return;
    putKeys.run(collectionId, speakerId, rank, speakerId);
  }

  /** Links an article to a collection; false when it was there already. */
  function link(articleId: number, collectionId: number, addedAt: number, addedBy: string | null): boolean {
    if (holds.get(collectionId, articleId)) return false;
    count(articleId, -1);
    putLink.run(collectionId, articleId, addedAt, addedBy);
    count(articleId, 1);
    return true;
  }

  /** Unlinks an article from a collection; returns the collections that still hold it. */
  function unlink(articleId: number, collectionId: number): number[] {
    count(articleId, -1);
    dropLink.run(collectionId, articleId);
    count(articleId, 1);
    return holders.all(articleId).map((r) => r.collection_id);
  }

  /** How many articles a scope sees; null for the whole archive (the caller has its own counter). */
  function articleCount(scope: Scope): number | null {
    if (scope === 'all') return null;
    const shared = byId.get(SHARED_COLLECTION)!.article_count;
    if (scope === 'shared') return shared;
    const { own, showsShared } = guildView(scope.guildId);
    const mine = own ? own.article_count - (showsShared ? own.shared_count : 0) : 0;
    return mine + (showsShared ? shared : 0);
  }

  /** A speaker's quotes in the visible collections (0 when it has none there). */
  function speakerQuotes(visibleIds: readonly number[], speakerId: string): number {
    return visibleQuoteCount(
      visibleIds.map((c) => speakerCount.get(c, speakerId)).filter((r): r is SpeakerCountRow => r !== undefined),
      visibleIds,
    );
  }

  return {
    collectionOf,
    visible,
    link,
    unlink,
    holders: (articleId: number): number[] => holders.all(articleId).map((r) => r.collection_id),
    /** Counts the article takes away before its quotes change, and adds back after. */
    count,
    articleCount,
    speakerQuotes,
    ownCollection: (guildId: string): number | null => byGuild.get(guildId)?.id ?? null,
    sharedVisible: (guildId: string): boolean => guildView(guildId).showsShared,
    setSharedVisible(guildId: string, shown: boolean): void {
      const id = collectionOf({ collection: 'guild', guildId, addedBy: null });
      showShared.run(shown ? 1 : 0, id);
    },
  };
}

export type Collections = ReturnType<typeof createCollections>;
