/**
 * Collections on PostgreSQL: the same links and counts as SQLite's (../collections.ts), kept on
 * every link and unlink so a server's totals and speakers cost the same at 100k articles as at
 * 1k. Each function runs on the `Sql` it is given: the pool for a read, one client in a transaction for a write.
 */
import { SHARED_COLLECTION, type Visible, visibleQuoteCount } from '../collections.js';
import type { Destination, Scope } from '../types.js';
import type { Sql } from './database.js';
import { type CollectionRow, type SpeakerCountRow } from '../rows.js';
import { rankCountPg } from '../speakers.js';

const COLLECTION = 'SELECT id, shows_shared, article_count, shared_count FROM collections';

export function pgCollections(sql: Sql) {
  const byGuild = (guildId: string) => sql.one<CollectionRow>(`${COLLECTION} WHERE guild_id = $1`, [guildId]);
  const holders = async (articleId: number): Promise<number[]> =>
    (await sql.rows<{ collection_id: number }>('SELECT collection_id FROM collection_articles WHERE article_id = $1 ORDER BY collection_id', [articleId])).map(
      (r) => r.collection_id,
    );
  const holds = async (collectionId: number, articleId: number): Promise<boolean> =>
    (await sql.one('SELECT 1 AS n FROM collection_articles WHERE collection_id = $1 AND article_id = $2', [collectionId, articleId])) !== undefined;

  /** The collection a destination names, created the first time a server adds something. */
  async function collectionOf(destination: Destination): Promise<number> {
    if (destination.collection === 'shared') return SHARED_COLLECTION;
    const known = await byGuild(destination.guildId);
    if (known) return known.id;
    const made = await sql.one<{ id: number }>('INSERT INTO collections (guild_id) VALUES ($1) ON CONFLICT (guild_id) DO NOTHING RETURNING id', [destination.guildId]);
    return made?.id ?? (await byGuild(destination.guildId))!.id;
  }

  /** A server's own collection (null before it added anything) and whether it sees the shared one. */
  async function guildView(guildId: string): Promise<{ own: CollectionRow | null; showsShared: boolean }> {
    const own = (await byGuild(guildId)) ?? null;
    return { own, showsShared: own ? own.shows_shared === 1 : true };
  }

  async function visible(scope: Scope): Promise<Visible> {
    if (scope === 'all') return null;
    if (scope === 'shared') return [SHARED_COLLECTION];
    const { own, showsShared } = await guildView(scope.guildId);
    return [...(own ? [own.id] : []), ...(showsShared ? [SHARED_COLLECTION] : [])];
  }

  /** Keeps the collection's autocomplete buckets in step with its counts of the speakers' quotes. */
  async function rankSpeakers(collectionId: number, speakerIds: string[]): Promise<void> {
    // A speaker it no longer has quotes of leaves its buckets
    await sql.run(
      `DELETE FROM collection_speaker_keys k USING unnest($2::text[]) AS u (id)
       WHERE k.collection_id = $1 AND k.speaker_id = u.id
       AND NOT EXISTS (SELECT 1 FROM collection_speakers cs WHERE cs.collection_id = $1 AND cs.speaker_id = u.id)`,
      [collectionId, speakerIds],
    );
    // Adds the keys the collection lacks and re-ranks the others; a row whose rank did not move (the
    // count did not cross a power of two: rankCount) is not written
    await sql.run(
      `INSERT INTO collection_speaker_keys (collection_id, speaker_id, key, rank_count)
       SELECT cs.collection_id, cs.speaker_id, k.key, ${rankCountPg('cs.quote_count')}
       FROM unnest($2::text[]) AS u (id) JOIN collection_speakers cs ON cs.collection_id = $1 AND cs.speaker_id = u.id JOIN speaker_keys k ON k.speaker_id = u.id
       ON CONFLICT (collection_id, speaker_id, key) DO UPDATE SET rank_count = excluded.rank_count
       WHERE collection_speaker_keys.rank_count <> excluded.rank_count`,
      [collectionId, speakerIds],
    );
  }

  /**
   * Adds (`sign` 1) or takes away (-1) what one article counts for in every collection that
   * holds it. Linking is "take away, link, add back", so the counts follow any change. Each
   * collection's speakers are written in a few statements, whatever their number.
   */
  async function count(articleId: number, sign: 1 | -1): Promise<void> {
    const collections = await holders(articleId);
    if (collections.length === 0) return;
    const inShared = collections.includes(SHARED_COLLECTION);
    const speakers = await sql.rows<{ speaker_id: string; n: number }>(
      'SELECT speaker_id, count(*)::integer AS n FROM quotes WHERE article_id = $1 AND speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY speaker_id',
      [articleId],
    );
    const ids = speakers.map((s) => s.speaker_id);
    const counts = speakers.map((s) => s.n);
    if (sign < 0) await sql.run('DELETE FROM collection_quotes WHERE article_id = $1', [articleId]);
    for (const c of collections) {
      // A server's articles that are also shared are counted once when it shows the shared collection
      const alsoShared = c !== SHARED_COLLECTION && inShared ? 1 : 0;
      await sql.run('UPDATE collections SET article_count = article_count + $1, shared_count = shared_count + $2 WHERE id = $3', [sign, sign * alsoShared, c]);
      if (ids.length === 0) continue;
      await sql.run(
        `INSERT INTO collection_speakers (collection_id, speaker_id, quote_count, shared_count)
         SELECT $1, s.id, $3 * s.n, $3 * s.n * $4 FROM unnest($2::text[], $5::integer[]) AS s (id, n)
         ON CONFLICT (collection_id, speaker_id) DO UPDATE SET quote_count = collection_speakers.quote_count + excluded.quote_count,
           shared_count = collection_speakers.shared_count + excluded.shared_count`,
        [c, ids, sign, alsoShared, counts],
      );
      if (sign < 0) await sql.run('DELETE FROM collection_speakers WHERE collection_id = $1 AND speaker_id = ANY($2::text[]) AND quote_count <= 0', [c, ids]);
      else
        await sql.run(
          `INSERT INTO collection_quotes (collection_id, speaker_id, article_id, quotes) SELECT $1, s.id, $3, s.n FROM unnest($2::text[], $4::integer[]) AS s (id, n)
           ON CONFLICT (collection_id, speaker_id, article_id) DO UPDATE SET quotes = excluded.quotes`,
          [c, ids, articleId, counts],
        );
      await rankSpeakers(c, ids);
    }
  }

  /** Links an article to a collection; false when it was there already. */
  async function link(articleId: number, collectionId: number, addedAt: number, addedBy: string | null): Promise<boolean> {
    if (await holds(collectionId, articleId)) return false;
    await count(articleId, -1);
    await sql.run('INSERT INTO collection_articles (collection_id, article_id, added_at, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      collectionId,
      articleId,
      addedAt,
      addedBy,
    ]);
    await count(articleId, 1);
    return true;
  }

  /** Unlinks an article from a collection; returns the collections that still hold it. */
  async function unlink(articleId: number, collectionId: number): Promise<number[]> {
    await count(articleId, -1);
    await sql.run('DELETE FROM collection_articles WHERE collection_id = $1 AND article_id = $2', [collectionId, articleId]);
    await count(articleId, 1);
    return holders(articleId);
  }

  /** How many articles a scope sees; null for the whole archive (the caller has its own counter). */
  async function articleCount(scope: Scope): Promise<number | null> {
    if (scope === 'all') return null;
    const shared = (await sql.one<CollectionRow>(`${COLLECTION} WHERE id = $1`, [SHARED_COLLECTION]))!.article_count;
    if (scope === 'shared') return shared;
    const { own, showsShared } = await guildView(scope.guildId);
    const mine = own ? own.article_count - (showsShared ? own.shared_count : 0) : 0;
    return mine + (showsShared ? shared : 0);
  }

  /** A speaker's quotes in the visible collections (0 when it has none there). */
  async function speakerQuotes(visibleIds: readonly number[], speakerId: string): Promise<number> {
    const rows = await sql.rows<SpeakerCountRow>(
      'SELECT collection_id, speaker_id, quote_count, shared_count FROM collection_speakers WHERE collection_id = ANY($1::bigint[]) AND speaker_id = $2',
      [visibleIds, speakerId],
    );
    return visibleQuoteCount(rows, visibleIds);
  }

  return {
    collectionOf,
    visible,
    link,
    unlink,
    holders,
    holds,
    /** Counts the article takes away before its quotes change, and adds back after. */
    count,
    articleCount,
    speakerQuotes,
    ownCollection: async (guildId: string): Promise<number | null> => (await byGuild(guildId))?.id ?? null,
    sharedVisible: async (guildId: string): Promise<boolean> => (await guildView(guildId)).showsShared,
    async setSharedVisible(guildId: string, shown: boolean): Promise<void> {
      const id = await collectionOf({ collection: 'guild', guildId, addedBy: null });
      await sql.run('UPDATE collections SET shows_shared = $1 WHERE id = $2', [shown ? 1 : 0, id]);
    },
    /** Rewrites the article's collections in its search entry, after a link or unlink. */
    async indexCollections(articleId: number): Promise<void> {
      await sql.run(
        `UPDATE article_search SET collections = coalesce((SELECT array_agg(collection_id ORDER BY collection_id) FROM collection_articles WHERE article_id = $1), '{}')
         WHERE article_id = $1`,
        [articleId],
      );
    },
  };
}

export type PgCollections = ReturnType<typeof pgCollections>;
