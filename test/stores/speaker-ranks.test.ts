/**
 * The autocomplete buckets rank each speaker by its count rounded down to a power of two
 * (rankCount), and a save rewrites them only when that moved. Whatever the sequence of saves,
 * re-saves, links, removals and renames, every bucket row must hold the rank of the count it
 * stands for: in the archive's buckets the speaker's count, in a server's its count there.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStores } from '../../src/library/open-stores.js';
import { rankCount } from '../../src/library/speakers.js';
import type { Destination } from '../../src/library/types.js';
import { article, reading } from './readings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-ranks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['Putin', 'Vladimir Putin', 'Recep Tayyip Erdogan', 'Erdogan', 'Petro Poroshenko', 'Angela Merkel'];
const DESTINATIONS: Destination[] = [{ collection: 'shared' }, { collection: 'guild', guildId: 'g1', addedBy: 'u1' }, { collection: 'guild', guildId: 'g2', addedBy: 'u2' }];

type Step = { kind: 'save'; slot: number; quotes: number[]; to: number } | { kind: 'link'; slot: number; to: number } | { kind: 'remove'; slot: number; guild: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('save' as const), slot: fc.nat(4), quotes: fc.array(fc.nat(NAMES.length - 1), { maxLength: 9 }), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('link' as const), slot: fc.nat(4), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('remove' as const), slot: fc.nat(4), guild: fc.nat(1) }),
);

/** Bucket rows whose rank is not the rank of the count they stand for. */
function wrongRanks(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    const archive = db.prepare('SELECT k.speaker_id, k.key, k.rank_count, s.quote_count FROM speaker_keys k JOIN speakers s ON s.id = k.speaker_id').all() as {
      rank_count: number;
      quote_count: number;
    }[];
    const servers = db
      .prepare(
        `SELECT k.collection_id, k.speaker_id, k.key, k.rank_count, coalesce(cs.quote_count, 0) AS quote_count
         FROM collection_speaker_keys k LEFT JOIN collection_speakers cs ON cs.collection_id = k.collection_id AND cs.speaker_id = k.speaker_id`,
      )
      .all() as { rank_count: number; quote_count: number }[];
    return [...archive, ...servers].filter((r) => r.rank_count !== rankCount(r.quote_count));
  } finally {
    db.close();
  }
}

test('GIVEN any sequence of saves, re-saves, links, removals and renames THEN every bucket row holds the rank of its count', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
      const file = join(dir, `ranks-${run++}.sqlite`);
      const stores = openStores(file);
      const ids = new Map<number, number>();
      let version = 0;
      try {
        for (const s of steps) {
          if (s.kind === 'save') {
            const quotes = s.quotes.map((n, i) => [`words ${i}`, NAMES[n]!] as [string, string]);
            const speakers = [...new Set(s.quotes.map((n) => NAMES[n]!))].map((name) => ({ name }));
            // The same source saved again with other quotes is a re-save of that article
            const { article: saved } = await stores.articles.saveArticle(
              article(`slot-${s.slot}`, `text ${s.slot} v${version++}`, `T${s.slot}`, null),
              reading(`T${s.slot}`, null, quotes, speakers),
              DESTINATIONS[s.to]!,
            );
            ids.set(s.slot, saved.id);
          } else if (s.kind === 'link' && ids.has(s.slot)) {
            await stores.articles.linkArticle(ids.get(s.slot)!, DESTINATIONS[s.to]!);
          } else if (s.kind === 'remove' && ids.has(s.slot)) {
            await stores.articles.removeArticle(`g${s.guild + 1}`, ids.get(s.slot)!);
          }
        }
      } finally {
        await stores.close();
      }
      expect(wrongRanks(file)).toEqual([]);
    }),
    { numRuns: 40 },
  );
});
