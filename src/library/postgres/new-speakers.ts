/**
 * Speakers of a reading that the archive has never seen, written together. Linking is one
 * speaker at a time (each may merge with one the archive or the same reading already has), and
 * on PostgreSQL each is a few round trips; but a speaker whose surname and name no known speaker
 * and no other speaker of the reading shares can only become a new speaker of its own, whatever
 * the order, and nothing else can link to it. Those are found with one query and inserted with
 * one statement, so an article quoting a hundred new people costs a few statements, not hundreds.
 */
import type { Reading, Speaker } from '../../article/types.js';
import { foldKey } from '../../article/text/fold.js';
import { linkSpeaker, rankCount, speakerBucketKeys, speakerId, speakerKeys, speakerTerms, surnameOf, type ArchiveSpeaker, type IncomingSpeaker } from '../speakers.js';
import type { Sql } from './database.js';

/** One speaker to link: the engine's id for it in the reading, and what the engine says of it. */
export interface Incoming {
  engineId: string;
  speaker: IncomingSpeaker;
}

/**
 * The speakers a reading links, in SQLite's order: the engine's speakers, then each attribution
 * whose speaker the engine did not list (once per engine id). A name that folds to nothing ("…")
 * cannot be linked; its quotes stay unattributed.
 */
export function incomingOf(reading: Reading): Incoming[] {
  const named = (name: string): boolean => foldKey(name) !== '';
  const engine = new Map<string, Speaker>(reading.speakers.map((s) => [s.id, s]));
  const incoming: Incoming[] = reading.speakers.filter((s) => named(s.name)).map((s) => ({ engineId: s.id, speaker: s }));
  const seen = new Set<string>();
  for (const q of reading.quotes) {
    if (!q.speaker || engine.has(q.speaker.id) || seen.has(q.speaker.id) || !named(q.speaker.name)) continue;
    seen.add(q.speaker.id);
    incoming.push({ engineId: q.speaker.id, speaker: { name: q.speaker.name, aliases: [], roles: [] } });
  }
  return incoming;
}

/**
 * True for each speaker that meets no other: no known speaker has its surname, or its folded name
 * as an alias, or its id; and no other speaker of the reading has its surname, or either's name as
 * the other's alias. (Linking finds candidates by surname and by alias, and nothing else.)
 */
export async function loners(sql: Sql, incoming: Incoming[]): Promise<boolean[]> {
  const surnames = incoming.map((i) => surnameOf(i.speaker.name));
  const names = incoming.map((i) => foldKey(i.speaker.name));
  const keys = incoming.map((i) => speakerKeys(i.speaker));
  const known = await sql.rows<{ kind: string; value: string }>(
    `SELECT 's' AS kind, surname AS value FROM speakers WHERE surname = ANY($1::text[])
     UNION ALL SELECT 'k', key FROM speaker_aliases WHERE key = ANY($2::text[])
     UNION ALL SELECT 'i', id FROM speakers WHERE id = ANY($3::text[])`,
    [surnames, names, incoming.map((i) => speakerId(i.speaker.name))],
  );
  const taken = new Set(known.map((r) => `${r.kind}:${r.value}`));
  const meet = (a: number, b: number): boolean => surnames[a] === surnames[b] || keys[b]!.includes(names[a]!) || keys[a]!.includes(names[b]!);
  return incoming.map(
    (i, a) =>
      !taken.has(`s:${surnames[a]}`) && !taken.has(`k:${names[a]}`) && !taken.has(`i:${speakerId(i.speaker.name)}`) && incoming.every((_other, b) => b === a || !meet(a, b)),
  );
}

/** The archive speaker a loner becomes: the same as linking it against no candidates. */
export const newSpeaker = (incoming: IncomingSpeaker): ArchiveSpeaker => linkSpeaker(incoming, []).merged;

/** Inserts new speakers with their lookup keys, terms and buckets, in one statement. */
export async function insertSpeakers(sql: Sql, speakers: ArchiveSpeaker[]): Promise<void> {
  if (speakers.length === 0) return;
  const pairs = (keysOf: (s: ArchiveSpeaker) => string[]): [string[], string[], string[]] => {
    const rows = speakers.flatMap((s) => [...new Set(keysOf(s))].map((k) => [k, s.id, s.name] as const));
    return [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])];
  };
  const [aliasKeys, aliasIds] = pairs(speakerKeys);
  const [terms, termIds] = pairs(speakerTerms);
  const [buckets, bucketIds, bucketNames] = pairs(speakerBucketKeys);
  // The rows the speakers' keys point at are inserted by the first part of the same statement
  await sql.run(
    `WITH
       speaker AS (
         INSERT INTO speakers (id, name, aliases, roles, type, search_key, surname)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])),
       aliases AS (INSERT INTO speaker_aliases (key, speaker_id) SELECT * FROM unnest($8::text[], $9::text[])),
       terms AS (INSERT INTO speaker_terms (term, speaker_id) SELECT * FROM unnest($10::text[], $11::text[]))
     INSERT INTO speaker_keys (key, speaker_id, rank_count, name) SELECT k, id, ${rankCount(0)}, n FROM unnest($12::text[], $13::text[], $14::text[]) AS b (k, id, n)`,
    [
      speakers.map((s) => s.id),
      speakers.map((s) => s.name),
      speakers.map((s) => JSON.stringify(s.aliases)),
      speakers.map((s) => JSON.stringify(s.roles)),
      speakers.map((s) => s.type),
      speakers.map((s) => foldKey(s.name)),
      speakers.map((s) => surnameOf(s.name)),
      aliasKeys,
      aliasIds,
      terms,
      termIds,
      buckets,
      bucketIds,
      bucketNames,
    ],
  );
}
