import type { Database } from 'better-sqlite3';
import type { Quote, Reading, Speaker } from '../article/types.js';
import { foldKey } from '../article/text/fold.js';
import { linkSpeaker, rankCount, rankCountSqlite, speakerBucketKeys, speakerKeys, speakerTerms, surnameOf, type ArchiveSpeaker, type IncomingSpeaker } from './speakers.js';
import type { SpeakerSummary } from './types.js';

export interface SpeakerRow {
  id: string;
  name: string;
  aliases: string;
  roles: string;
  type: string;
  quote_count: number;
}

export const SPEAKER_COLUMNS = 'id, name, aliases, roles, type, quote_count';

export function toArchiveSpeaker(row: SpeakerRow): ArchiveSpeaker {
  const type = row.type === 'organization' ? 'organization' : 'person';
  return { id: row.id, name: row.name, aliases: JSON.parse(row.aliases) as string[], roles: JSON.parse(row.roles) as string[], type, quotes: row.quote_count };
}

export function toSpeakerSummary(row: SpeakerRow): SpeakerSummary {
  const { id, name, aliases, roles } = toArchiveSpeaker(row);
  return { id, name, aliases, roles, quoteCount: row.quote_count };
}

type QuoteParams = [
  articleId: number,
  position: number,
  text: string,
  kind: string,
  start: number,
  end: number,
  outerStart: number,
  outerEnd: number,
  continued: number,
  speakerId: string | null,
  mentionText: string | null,
  mentionStart: number | null,
  mentionEnd: number | null,
];

/**
 * Archive-wide speakers and the quotes that point at them: linking and writing, for
 * `saveArticle`. Each save costs the same however large the archive: counts are kept by
 * difference, and the quote search index is rewritten only when a speaker's name changes.
 */
export function createSpeakerWriter(db: Database) {
  const byId = db.prepare<[string], SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id = ?`);
  const candidates = db.prepare<[string, string], SpeakerRow>(
    `SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE surname = ?
     UNION SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id IN (SELECT speaker_id FROM speaker_aliases WHERE key = ?)`,
  );
  const insert = db.prepare<[string, string, string, string, string, string, string]>(
    'INSERT INTO speakers (id, name, aliases, roles, type, search_key, surname) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string, string, string, string, string, string]>('UPDATE speakers SET name = ?, aliases = ?, roles = ?, search_key = ?, surname = ? WHERE id = ?');
  const rename = db.prepare<[string, string]>('UPDATE speakers SET id = ? WHERE id = ?');
  const moveQuotes = db.prepare<[string, string]>('UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?');
  const drop = db.prepare<[string]>('DELETE FROM speakers WHERE id = ?');
  const redirect = db.prepare<[string, string]>('INSERT OR REPLACE INTO speaker_redirects (old_id, new_id) VALUES (?, ?)');
  const redirectOf = db.prepare<[string], { new_id: string }>('SELECT new_id FROM speaker_redirects WHERE old_id = ?');
  const repoint = db.prepare<[string, string]>('UPDATE speaker_redirects SET new_id = ? WHERE new_id = ?');
  const clearKeys = db.prepare<[string]>('DELETE FROM speaker_aliases WHERE speaker_id = ?');
  const putKey = db.prepare<[string, string]>('INSERT OR IGNORE INTO speaker_aliases (key, speaker_id) VALUES (?, ?)');
  const clearTerms = db.prepare<[string]>('DELETE FROM speaker_terms WHERE speaker_id = ?');
  const putTerm = db.prepare<[string, string]>('INSERT OR IGNORE INTO speaker_terms (term, speaker_id) VALUES (?, ?)');
  const addCount = db.prepare<[number, string]>('UPDATE speakers SET quote_count = quote_count + ? WHERE id = ?');
  const clearBuckets = db.prepare<[string]>('DELETE FROM speaker_keys WHERE speaker_id = ?');
  const putBucket = db.prepare<[string, string, number, string]>('INSERT OR IGNORE INTO speaker_keys (key, speaker_id, rank_count, name) VALUES (?, ?, ?, ?)');
  // A speaker's ranks in its buckets, from the index on (speaker_id, rank_count) alone
  const rankRange = db.prepare<[string], { lo: number | null; hi: number | null }>('SELECT min(rank_count) AS lo, max(rank_count) AS hi FROM speaker_keys WHERE speaker_id = ?');
  const setRank = db.prepare<[number, string, number]>('UPDATE speaker_keys SET rank_count = ? WHERE speaker_id = ? AND rank_count != ?');
  /**
   * Re-ranks a speaker's buckets after its count moved. Only rows whose rank moved are written (a
   * count crossing a power of two): a speaker quoted once more keeps its place in every bucket,
   * and the check reads one index range, not the rows scattered over the buckets.
   */
  function syncBuckets(id: string): void {
    const count = byId.get(id)?.quote_count;
    if (count === undefined) return;
    const rank = rankCount(count);
    const { lo, hi } = rankRange.get(id)!;
    if (lo === null || (lo === rank && hi === rank)) return;
    setRank.run(rank, id, rank);
  }
  const articleSpeakers = db.prepare<[number], { speaker_id: string }>('SELECT speaker_id FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL');
  const dropQuoteFts = db.prepare<[number]>('DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE article_id = ?)');
  const dropQuotes = db.prepare<[number]>('DELETE FROM quotes WHERE article_id = ?');
  const insertQuote = db.prepare<QuoteParams>(
    `INSERT INTO quotes (article_id, position, text, kind, start, end, outer_start, outer_end, continued,
       speaker_id, mention_text, mention_start, mention_end)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const putQuoteFts = db.prepare<[number, string, string]>('INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)');
  const mergeCollectionSpeakers = db.prepare<[string, string]>(
    `INSERT INTO collection_speakers (collection_id, speaker_id, quote_count, shared_count)
       SELECT collection_id, ?, quote_count, shared_count FROM collection_speakers WHERE speaker_id = ? ORDER BY collection_id
     ON CONFLICT (collection_id, speaker_id) DO UPDATE SET quote_count = quote_count + excluded.quote_count, shared_count = shared_count + excluded.shared_count`,
  );
  const dropCollectionKeys = db.prepare<[string]>('DELETE FROM collection_speaker_keys WHERE speaker_id = ?');
  // Keys the speaker no longer has, in every collection
  const dropStaleCollectionKeys = db.prepare<[string, string]>(
    'DELETE FROM collection_speaker_keys WHERE speaker_id = ? AND key NOT IN (SELECT key FROM speaker_keys WHERE speaker_id = ?)',
  );
  const putCollectionKeys = db.prepare<[string]>(
    `INSERT OR IGNORE INTO collection_speaker_keys (collection_id, speaker_id, key, rank_count)
       SELECT cs.collection_id, cs.speaker_id, k.key, ${rankCountSqlite('cs.quote_count')} FROM collection_speakers cs JOIN speaker_keys k ON k.speaker_id = cs.speaker_id
       WHERE cs.speaker_id = ?`,
  );
  /** Rebuilds a speaker's buckets in every collection that has quotes of it: after its keys or counts changed. */
  const resyncCollectionKeys = (speakerId: string): void => {
    dropCollectionKeys.run(speakerId);
    putCollectionKeys.run(speakerId);
  };
  /**
   * After its keys changed (its counts did not): drops the keys it lost and adds the new ones, in
   * every collection that has quotes of it. The keys it kept are not rewritten: a speaker quoted
   * in every server has thousands of them.
   */
  const rekeyCollectionKeys = (speakerId: string): void => {
    dropStaleCollectionKeys.run(speakerId, speakerId);
    putCollectionKeys.run(speakerId);
  };
  const mergeCollectionQuotes = db.prepare<[string, string]>(
    `INSERT INTO collection_quotes (collection_id, speaker_id, article_id, quotes)
       SELECT collection_id, ?, article_id, quotes FROM collection_quotes WHERE speaker_id = ? ORDER BY collection_id
     ON CONFLICT (collection_id, speaker_id, article_id) DO UPDATE SET quotes = quotes + excluded.quotes`,
  );
  const renameQuoteFts = db.prepare<[string, string]>('UPDATE quotes_fts SET speaker = ? WHERE rowid IN (SELECT id FROM quotes WHERE speaker_id = ?)');

  /** Moves a speaker to a new id; when that id is taken the two rows become one. */
  function moveSpeaker(oldId: string, newId: string): void {
    if (byId.get(newId)) {
      addCount.run(byId.get(oldId)?.quote_count ?? 0, newId);
      moveQuotes.run(newId, oldId);
      // What each collection counted for the old id now counts for the merged one
      mergeCollectionSpeakers.run(newId, oldId);
      mergeCollectionQuotes.run(newId, oldId);
      drop.run(oldId);
      resyncCollectionKeys(newId);
    } else {
      rename.run(newId, oldId);
    }
    // Old ids stay valid for quotesBySpeaker: a Discord autocomplete value may still hold one
    repoint.run(newId, oldId);
    redirect.run(oldId, newId);
  }

  /** Writes the speaker row and its lookup keys when they changed; `moved` when quotes were moved to it. */
  function write(speaker: ArchiveSpeaker, existing: SpeakerRow | undefined, moved: boolean): void {
    const aliases = JSON.stringify(speaker.aliases);
    const roles = JSON.stringify(speaker.roles);
    const same = existing && existing.name === speaker.name && existing.aliases === aliases && existing.roles === roles;
    if (!same) {
      const key = foldKey(speaker.name);
      if (!existing) insert.run(speaker.id, speaker.name, aliases, roles, speaker.type, key, surnameOf(speaker.name));
      else update.run(speaker.name, aliases, roles, key, surnameOf(speaker.name), speaker.id);
      clearKeys.run(speaker.id);
      for (const k of speakerKeys(speaker)) putKey.run(k, speaker.id);
      clearTerms.run(speaker.id);
      for (const term of speakerTerms(speaker)) putTerm.run(term, speaker.id);
      clearBuckets.run(speaker.id);
      for (const bucket of speakerBucketKeys(speaker)) putBucket.run(bucket, speaker.id, rankCount(existing?.quote_count ?? 0), speaker.name);
      rekeyCollectionKeys(speaker.id);
    }
    // Quotes keep the speaker's name in the search index: rewritten only when it differs
    if (moved || (existing && existing.name !== speaker.name)) renameQuoteFts.run(speaker.name, speaker.id);
  }

  /** Finds or creates the archive speaker for an engine speaker; returns its archive id. */
  function link(incoming: IncomingSpeaker): string {
    const key = foldKey(incoming.name);
    const found = candidates.all(surnameOf(incoming.name), key).map(toArchiveSpeaker);
    const { target, merged } = linkSpeaker(incoming, found);
    const moved = target !== null && target.id !== merged.id;
    if (moved) moveSpeaker(target.id, merged.id);
    const existing = byId.get(merged.id);
    const type = existing ? (existing.type === 'organization' ? 'organization' : 'person') : merged.type;
    write({ ...merged, type }, existing, moved);
    return merged.id;
  }

  function writeQuote(articleId: number, position: number, quote: Quote, speakerId: string | null, speakerName: string): void {
    const m = quote.speaker?.mention ?? null;
    const params: QuoteParams = [
      articleId,
      position,
      quote.text,
      quote.kind,
      quote.start,
      quote.end,
      quote.outerStart,
      quote.outerEnd,
      quote.continued ? 1 : 0,
      speakerId,
      m?.text ?? null,
      m?.start ?? null,
      m?.end ?? null,
    ];
    const id = Number(insertQuote.run(...params).lastInsertRowid);
    putQuoteFts.run(id, quote.text, speakerName);
  }

  /** Maps each engine speaker id of the reading to an archive id, linking as it goes. */
  function linkReading(reading: Reading): Map<string, string> {
    const ids = new Map<string, string>();
    const engine = new Map<string, Speaker>(reading.speakers.map((s) => [s.id, s]));
    // A name that folds to nothing ("…") cannot be linked; its quotes stay unattributed
    const named = (name: string): boolean => foldKey(name) !== '';
    for (const s of reading.speakers) if (named(s.name)) ids.set(s.id, link(s));
    // An attribution whose speaker the engine did not list still deserves a speaker
    for (const q of reading.quotes) {
      if (q.speaker && !ids.has(q.speaker.id) && !engine.has(q.speaker.id) && named(q.speaker.name)) {
        ids.set(q.speaker.id, link({ name: q.speaker.name, aliases: [], roles: [] }));
      }
    }
    return ids;
  }

  /** Quotes per speaker id. */
  function tally(ids: Iterable<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  /** Takes an article's quotes out of its speakers' counts and of the search index. */
  function dropArticleQuotes(articleId: number): Map<string, number> {
    const before = tally(articleSpeakers.all(articleId).map((r) => r.speaker_id));
    for (const [id, n] of before) addCount.run(-n, id);
    dropQuoteFts.run(articleId);
    dropQuotes.run(articleId);
    return before;
  }

  return {
    /** An article leaves the archive: its quotes go, and its speakers count fewer. Call inside a transaction. */
    removeQuotes(articleId: number): void {
      for (const id of dropArticleQuotes(articleId).keys()) syncBuckets(id);
    },
    /** Replaces the quotes of an article and links its speakers. Call inside a transaction. */
    replaceQuotes(articleId: number, reading: Reading): void {
      const before = dropArticleQuotes(articleId);
      const ids = linkReading(reading);
      // A later speaker of the same reading may have renamed an earlier one ("Putin", then "Vladimir Putin")
      const current = (id: string): string => (byId.get(id) ? id : (redirectOf.get(id)?.new_id ?? id));
      const written: string[] = [];
      reading.quotes.forEach((quote, position) => {
        const linked = quote.speaker ? ids.get(quote.speaker.id) : undefined;
        const id = linked === undefined ? null : current(linked);
        writeQuote(articleId, position, quote, id, id ? (byId.get(id)?.name ?? '') : '');
        if (id) written.push(id);
      });
      const after = tally(written);
      for (const [id, n] of after) addCount.run(n, id);
      // Linking may have merged speakers too: every speaker whose count moved gets its buckets re-ranked
      const touched = new Set([...before.keys(), ...ids.values(), ...after.keys()].map(current));
      for (const id of touched) syncBuckets(id);
    },
  };
}

export type SpeakerWriter = ReturnType<typeof createSpeakerWriter>;
