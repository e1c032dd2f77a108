/**
 * Archive-wide speakers and the quotes that point at them, on PostgreSQL: the same linking and
 * counting as SQLite's (../speaker-writer.ts), for `saveArticle`, inside its transaction.
 */
import type { Quote, Reading } from '../../article/types.js';
import { foldKey } from '../../article/text/fold.js';
import { SPEAKER_COLUMNS, toArchiveSpeaker, type SpeakerRow } from '../speaker-writer.js';
import { linkSpeaker, rankCount, rankCountPg, speakerBucketKeys, speakerId, speakerKeys, speakerTerms, surnameOf, type ArchiveSpeaker, type IncomingSpeaker } from '../speakers.js';
import type { Sql } from './database.js';
import { incomingOf, insertSpeakers, loners, newSpeaker } from './new-speakers.js';

/** The quote's words and its speaker's name, as the quote search reads them. */
const QUOTE_WORDS = "briefing_words(text || ' ' || $1::text)";

export function pgSpeakerWriter(sql: Sql) {
  const byId = (id: string) => sql.one<SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id = $1`, [id]);
  const addCount = (n: number, id: string) => sql.run('UPDATE speakers SET quote_count = quote_count + $1 WHERE id = $2', [n, id]);
  const putCollectionKeys = (id: string) =>
    sql.run(
      `INSERT INTO collection_speaker_keys (collection_id, speaker_id, key, rank_count)
       SELECT cs.collection_id, cs.speaker_id, k.key, ${rankCountPg('cs.quote_count')} FROM collection_speakers cs JOIN speaker_keys k ON k.speaker_id = cs.speaker_id
       WHERE cs.speaker_id = $1 ON CONFLICT DO NOTHING`,
      [id],
    );

  /** Moves a speaker to a new id; when that id is taken the two rows become one. */
  async function moveSpeaker(oldId: string, newId: string): Promise<void> {
    if (await byId(newId)) {
      await addCount((await byId(oldId))?.quote_count ?? 0, newId);
      await sql.run('UPDATE quotes SET speaker_id = $1 WHERE speaker_id = $2', [newId, oldId]);
      // What each collection counted for the old id now counts for the merged one
      await sql.run(
        `INSERT INTO collection_speakers (collection_id, speaker_id, quote_count, shared_count)
           SELECT collection_id, $1, quote_count, shared_count FROM collection_speakers WHERE speaker_id = $2 ORDER BY collection_id
         ON CONFLICT (collection_id, speaker_id) DO UPDATE SET quote_count = collection_speakers.quote_count + excluded.quote_count,
           shared_count = collection_speakers.shared_count + excluded.shared_count`,
        [newId, oldId],
      );
      await sql.run(
        `INSERT INTO collection_quotes (collection_id, speaker_id, article_id, quotes)
           SELECT collection_id, $1, article_id, quotes FROM collection_quotes WHERE speaker_id = $2 ORDER BY collection_id
         ON CONFLICT (collection_id, speaker_id, article_id) DO UPDATE SET quotes = collection_quotes.quotes + excluded.quotes`,
        [newId, oldId],
      );
      await sql.run('DELETE FROM speakers WHERE id = $1', [oldId]);
      await sql.run('DELETE FROM collection_speaker_keys WHERE speaker_id = $1', [newId]);
      await putCollectionKeys(newId);
    } else {
      await sql.run('UPDATE speakers SET id = $1 WHERE id = $2', [newId, oldId]);
    }
    // Old ids stay valid for quotesBySpeaker: a Discord autocomplete value may still hold one
    await sql.run('UPDATE speaker_redirects SET new_id = $1 WHERE new_id = $2', [newId, oldId]);
    await sql.run('INSERT INTO speaker_redirects (old_id, new_id) VALUES ($1, $2) ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id', [oldId, newId]);
  }

  /**
   * Writes the speaker row and replaces its lookup keys, terms and buckets, here and in every
   * collection that has quotes of it, in one statement: each table loses the keys not in the new
   * set and gains the new ones, so no row is touched twice, and the keys kept are not rewritten
   * (a speaker quoted in every server has thousands of collection keys).
   */
  async function writeSpeaker(speaker: ArchiveSpeaker, existing: SpeakerRow | undefined): Promise<void> {
    const row = existing
      ? 'UPDATE speakers SET name = $6, aliases = $7, roles = $8, search_key = $9, surname = $10 WHERE id = $1'
      : 'INSERT INTO speakers (id, name, aliases, roles, search_key, surname, type) VALUES ($1, $6, $7, $8, $9, $10, $11)';
    const params = [
      speaker.id,
      speakerKeys(speaker),
      speakerTerms(speaker),
      speakerBucketKeys(speaker),
      rankCount(existing?.quote_count ?? 0),
      speaker.name,
      JSON.stringify(speaker.aliases),
      JSON.stringify(speaker.roles),
      foldKey(speaker.name),
      surnameOf(speaker.name),
      ...(existing ? [] : [speaker.type]),
    ];
    await sql.run(
      `WITH
         speaker AS (${row}),
         aliases_gone AS (DELETE FROM speaker_aliases WHERE speaker_id = $1 AND key <> ALL($2::text[])),
         aliases_new AS (INSERT INTO speaker_aliases (key, speaker_id) SELECT DISTINCT k, $1 FROM unnest($2::text[]) k ON CONFLICT DO NOTHING),
         terms_gone AS (DELETE FROM speaker_terms WHERE speaker_id = $1 AND term <> ALL($3::text[])),
         terms_new AS (INSERT INTO speaker_terms (term, speaker_id) SELECT DISTINCT t, $1 FROM unnest($3::text[]) t ON CONFLICT DO NOTHING),
         buckets_gone AS (DELETE FROM speaker_keys WHERE speaker_id = $1 AND key <> ALL($4::text[])),
         buckets_new AS (
           INSERT INTO speaker_keys (key, speaker_id, rank_count, name) SELECT DISTINCT k, $1, $5::integer, $6::text FROM unnest($4::text[]) k
           ON CONFLICT (key, speaker_id) DO UPDATE SET rank_count = excluded.rank_count, name = excluded.name),
         collection_gone AS (DELETE FROM collection_speaker_keys WHERE speaker_id = $1 AND key <> ALL($4::text[]))
       INSERT INTO collection_speaker_keys (collection_id, speaker_id, key, rank_count)
       SELECT cs.collection_id, cs.speaker_id, k, ${rankCountPg('cs.quote_count')} FROM collection_speakers cs CROSS JOIN unnest($4::text[]) k
       WHERE cs.speaker_id = $1 ON CONFLICT DO NOTHING`,
      params,
    );
  }

  /** Writes the speaker row and its lookup keys when they changed; `moved` when quotes were moved to it. */
  async function write(speaker: ArchiveSpeaker, existing: SpeakerRow | undefined, moved: boolean): Promise<void> {
    const same = existing && existing.name === speaker.name && existing.aliases === JSON.stringify(speaker.aliases) && existing.roles === JSON.stringify(speaker.roles);
    if (!same) await writeSpeaker(speaker, existing);
    // Quotes keep the speaker's name in the search index: rewritten only when it differs
    if (moved || (existing && existing.name !== speaker.name)) await sql.run(`UPDATE quotes SET search = ${QUOTE_WORDS} WHERE speaker_id = $2`, [speaker.name, speaker.id]);
  }

  /** Finds or creates the archive speaker for an engine speaker; returns its archive id. */
  async function link(incoming: IncomingSpeaker): Promise<string> {
    const ownId = speakerId(incoming.name);
    // The candidates (same surname, or a matching alias), by id as SQLite's UNION returns them so the
    // first of equal ones is the same on both; and, not as a candidate, the row the name's own id
    // names, which is the row to write when the speaker is new or keeps that id
    const rows = await sql.rows<SpeakerRow & { candidate: boolean }>(
      `SELECT ${SPEAKER_COLUMNS}, true AS candidate FROM speakers WHERE surname = $1
       UNION SELECT ${SPEAKER_COLUMNS}, true FROM speakers WHERE id IN (SELECT speaker_id FROM speaker_aliases WHERE key = $2)
       UNION ALL SELECT ${SPEAKER_COLUMNS}, false FROM speakers WHERE id = $3 ORDER BY id`,
      [surnameOf(incoming.name), foldKey(incoming.name), ownId],
    );
    const { target, merged } = linkSpeaker(incoming, rows.filter((r) => r.candidate).map(toArchiveSpeaker));
    const moved = target !== null && target.id !== merged.id;
    if (moved) await moveSpeaker(target.id, merged.id);
    // The row read a moment ago, unless the move just rewrote it or another id was never read
    const read = !moved && (merged.id === ownId || rows.some((r) => r.id === merged.id));
    const existing = read ? rows.find((r) => r.id === merged.id) : await byId(merged.id);
    const type = existing ? (existing.type === 'organization' ? 'organization' : 'person') : merged.type;
    await write({ ...merged, type }, existing, moved);
    return merged.id;
  }

  /** Writes every quote of the article in one statement, each with its speaker's name in its search entry. */
  async function writeQuotes(articleId: number, reading: Reading, speakerOf: (quote: Quote) => { id: string; name: string } | null): Promise<void> {
    if (reading.quotes.length === 0) return;
    const column = <T>(pick: (quote: Quote, position: number) => T): T[] => reading.quotes.map(pick);
    const mention = (q: Quote) => q.speaker?.mention ?? null;
    await sql.run(
      `INSERT INTO quotes (article_id, position, text, kind, start, "end", outer_start, outer_end, continued, speaker_id, mention_text, mention_start, mention_end, search)
       SELECT $1, q.position, q.text, q.kind, q.start, q.stop, q.outer_start, q.outer_end, q.continued, q.speaker_id, q.mention_text, q.mention_start, q.mention_end,
         briefing_words(q.text || ' ' || q.speaker_name)
       FROM unnest($2::integer[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::integer[], $8::integer[], $9::integer[], $10::text[], $11::text[],
         $12::integer[], $13::integer[], $14::text[])
         AS q (position, text, kind, start, stop, outer_start, outer_end, continued, speaker_id, mention_text, mention_start, mention_end, speaker_name)`,
      [
        articleId,
        column((_q, i) => i),
        column((q) => q.text),
        column((q) => q.kind),
        column((q) => q.start),
        column((q) => q.end),
        column((q) => q.outerStart),
        column((q) => q.outerEnd),
        column((q) => (q.continued ? 1 : 0)),
        column((q) => speakerOf(q)?.id ?? null),
        column((q) => mention(q)?.text ?? null),
        column((q) => mention(q)?.start ?? null),
        column((q) => mention(q)?.end ?? null),
        column((q) => speakerOf(q)?.name ?? ''),
      ],
    );
  }

  /**
   * Maps each engine speaker id of the reading to an archive id, linking as it goes: the speakers
   * that meet no other are inserted together first, then the rest linked one by one, in order.
   */
  async function linkReading(reading: Reading): Promise<Map<string, string>> {
    const incoming = incomingOf(reading);
    const alone = incoming.length > 0 ? await loners(sql, incoming) : [];
    const fresh = new Map(incoming.flatMap((i, n) => (alone[n] ? [[i.engineId, newSpeaker(i.speaker)] as const] : [])));
    await insertSpeakers(sql, [...fresh.values()]);
    const ids = new Map<string, string>();
    for (const i of incoming) ids.set(i.engineId, fresh.get(i.engineId)?.id ?? (await link(i.speaker)));
    return ids;
  }

  /** Quotes per speaker id. */
  function tally(ids: Iterable<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  /** Adds `n` to each speaker's count, in one statement. */
  async function addCounts(counts: Map<string, number>, sign: 1 | -1): Promise<void> {
    if (counts.size === 0) return;
    await sql.run('UPDATE speakers s SET quote_count = s.quote_count + d.n FROM unnest($1::text[], $2::integer[]) AS d (id, n) WHERE s.id = d.id', [
      [...counts.keys()],
      [...counts.values()].map((n) => sign * n),
    ]);
  }

  /** Re-ranks the speakers' buckets: only rows whose rank moved (a count crossing a power of two: rankCount) are written. */
  async function syncBuckets(ids: Iterable<string>): Promise<void> {
    const list = [...new Set(ids)];
    if (list.length === 0) return;
    await sql.run(
      `UPDATE speaker_keys k SET rank_count = ${rankCountPg('s.quote_count')} FROM unnest($1::text[]) AS u (id) JOIN speakers s ON s.id = u.id
       WHERE k.speaker_id = u.id AND k.rank_count <> ${rankCountPg('s.quote_count')}`,
      [list],
    );
  }

  /** Takes an article's quotes out of its speakers' counts (and, with them, out of the search index). */
  async function dropArticleQuotes(articleId: number): Promise<Map<string, number>> {
    const rows = await sql.rows<{ speaker_id: string }>('SELECT speaker_id FROM quotes WHERE article_id = $1 AND speaker_id IS NOT NULL', [articleId]);
    const before = tally(rows.map((r) => r.speaker_id));
    await addCounts(before, -1);
    await sql.run('DELETE FROM quotes WHERE article_id = $1', [articleId]);
    return before;
  }

  /**
   * The current id and name of each speaker id, following renames: a later speaker of the same
   * reading may have renamed an earlier one ("Putin", then "Vladimir Putin").
   */
  async function resolveAll(ids: Iterable<string>): Promise<Map<string, { id: string; name: string }>> {
    const wanted = [...new Set(ids)];
    const names = new Map((await sql.rows<{ id: string; name: string }>('SELECT id, name FROM speakers WHERE id = ANY($1::text[])', [wanted])).map((r) => [r.id, r.name]));
    const missing = wanted.filter((id) => !names.has(id));
    const redirects = missing.length
      ? await sql.rows<{ old_id: string; new_id: string; name: string | null }>(
          'SELECT r.old_id, r.new_id, s.name FROM speaker_redirects r LEFT JOIN speakers s ON s.id = r.new_id WHERE r.old_id = ANY($1::text[])',
          [missing],
        )
      : [];
    const moved = new Map(redirects.map((r) => [r.old_id, { id: r.new_id, name: r.name ?? '' }]));
    return new Map(wanted.map((id) => [id, names.has(id) ? { id, name: names.get(id)! } : (moved.get(id) ?? { id, name: '' })]));
  }

  return {
    /** An article leaves the archive: its quotes go, and its speakers count fewer. Call inside a transaction. */
    async removeQuotes(articleId: number): Promise<void> {
      await syncBuckets((await dropArticleQuotes(articleId)).keys());
    },
    /** Replaces the quotes of an article and links its speakers. Call inside a transaction. */
    async replaceQuotes(articleId: number, reading: Reading): Promise<void> {
      const before = await dropArticleQuotes(articleId);
      const ids = await linkReading(reading);
      const current = await resolveAll([...before.keys(), ...ids.values()]);
      const speakerOf = (quote: Quote): { id: string; name: string } | null => {
        const linked = quote.speaker ? ids.get(quote.speaker.id) : undefined;
        return linked === undefined ? null : current.get(linked)!;
      };
      await writeQuotes(articleId, reading, speakerOf);
      const after = tally(reading.quotes.flatMap((q) => speakerOf(q)?.id ?? []));
      await addCounts(after, 1);
      // Linking may have merged speakers too: every speaker whose count moved gets its buckets re-ranked
      await syncBuckets([...before.keys(), ...ids.values()].map((id) => current.get(id)!.id).concat([...after.keys()]));
    },
  };
}

export type PgSpeakerWriter = ReturnType<typeof pgSpeakerWriter>;
