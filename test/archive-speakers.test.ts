/**
 * The PolNeAR dev articles (84 US political stories of 2016, in ../shared beside the
 * repository) imported into one archive: each person quoted in several articles is one
 * speaker, under their name alone. Skipped, saying so, where ../shared is not there (CI).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { importFolder } from '../src/ingest/folder.js';
import { fold } from '../src/article/text/fold.js';
import { inThreadIngest } from './ingest-harness.js';
import { openStores } from '../src/library/open-stores.js';
import type { SpeakerSummary, Stores } from '../src/library/types.js';
import { ORG_WORDS } from '../src/article/lexicon/organizations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEV = path.resolve(repoRoot, '../shared/eval/data/polnear/dev/text');
const HAVE_DATA = existsSync(DEV);
if (!HAVE_DATA) console.warn(`archive-speakers: SKIPPED, no PolNeAR dev texts at ${DEV} (the shared eval data sits beside the repository)`);

interface Quoted extends SpeakerSummary {
  articles: number;
}

let stores: Stores;
let speakers: Quoted[] = [];

/** Every speaker of the archive through its public API: autocomplete on each letter, then their quotes. */
async function allSpeakers(s: Stores): Promise<Quoted[]> {
  const byId = new Map<string, SpeakerSummary>();
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') for (const sp of await s.speakers.suggestSpeakers('all', c, 10_000)) byId.set(sp.id, sp);
  const quoted: Quoted[] = [];
  for (const sp of byId.values()) {
    const quotes = (await s.speakers.quotesBySpeaker('all', sp.id, { limit: 10_000 })).items;
    quoted.push({ ...sp, articles: new Set(quotes.map((q) => q.article.id)).size });
  }
  return quoted;
}

const words = (name: string): string[] => fold(name).split(' ').filter(Boolean);
/** A name, not a phrase ("a Times article") nor an organisation's ("New York Times"). */
const isPersonName = (name: string): boolean =>
  name.split(/\s+/).every((w) => /^\p{Lu}/u.test(w) || /^(de|van|von|al|bin)$/.test(w)) && !words(name).some((w) => ORG_WORDS.has(w)) && !/^[A-Z.]+$/.test(name);

/** Two names one person may go by: the same surname, and the first names (initials aside) agreeing or one left out. */
function samePerson(a: string[], b: string[]): boolean {
  if (a.at(-1) !== b.at(-1)) return false;
  if (a.length === 1 || b.length === 1) return true;
  const whole = (ws: string[]) => ws.filter((w) => w.length > 1);
  return whole(a)[0] === whole(b)[0];
}

describe.skipIf(!HAVE_DATA)('the PolNeAR dev articles imported into one archive (needs ../shared/eval/data/polnear/dev)', () => {
  beforeAll(async () => {
    stores = openStores(':memory:');
    const summary = await importFolder(DEV, { ingest: inThreadIngest(stores.articles, readArticle) });
    expect(summary.failed).toEqual([]);
    speakers = (await allSpeakers(stores)).sort((a, b) => b.quoteCount - a.quoteCount || a.name.localeCompare(b.name));
    const top = speakers.slice(0, 10).map((s, i) => `${String(i + 1).padStart(2)}. ${s.name}: ${s.quoteCount} quotes in ${s.articles} articles`);
    console.info(`Ten most quoted speakers of the PolNeAR dev archive:\n${top.join('\n')}`);
  }, 120_000);
  afterAll(async () => await stores?.close());

  test('GIVEN people quoted in several articles THEN each is one speaker: no other speaker goes by their name', () => {
    const people = speakers.filter((s) => isPersonName(s.name));
    const several = people.filter((s) => s.articles >= 2);
    expect(several.length).toBeGreaterThan(5);
    const doubles = several.flatMap((s) => people.filter((o) => o.id !== s.id && samePerson(words(s.name), words(o.name))).map((o) => `${s.name} / ${o.name}`));
    expect(doubles).toEqual([]);
  });

  test('GIVEN Donald Trump, Hillary Clinton and Barack Obama, quoted across the archive THEN one speaker each, under the name alone', () => {
    for (const name of ['Donald Trump', 'Hillary Clinton', 'Barack Obama']) {
      const surname = name.split(' ')[1]!;
      const named = speakers.filter((s) => words(s.name).at(-1) === surname.toLowerCase() && words(s.name)[0] === words(name)[0]);
      expect(named.map((s) => s.name)).toEqual([name]);
      expect(named[0]!.articles).toBeGreaterThanOrEqual(5);
    }
  });

  test('GIVEN labels and sentence openers in the texts THEN no speaker’s name carries a party, a title or an honorific, and none is a common word', () => {
    const labelled = speakers.filter((s) => isPersonName(s.name) && /^(Republican|Democrat|Democratic|GOP|Sen\.?|Rep\.?|President|Mr\.?|Mrs\.?|Ms\.?)\s/.test(s.name));
    expect(labelled.map((s) => s.name)).toEqual([]);
    const openers = speakers.filter((s) => /^(Already|Four|Back|First|Given|Whatever|Hours|Using|Written|Good|I’m|I'm)$/.test(s.name));
    expect(openers.map((s) => s.name)).toEqual([]);
  });
});
