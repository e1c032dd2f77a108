import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import type { Quote, Reading } from '../src/article/types.js';

// The design's expected reading lives in ../shared/seed/ when the repo is cloned beside it
// (CI); a copy in test/fixtures keeps `npm test` working in a lone clone, and must agree.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(repoRoot, 'data/articles/idlib-2018-09-17.txt');
const SHARED_EXPECTED = path.resolve(repoRoot, '../shared/seed/expected.json');
const FIXTURE_EXPECTED = path.join(repoRoot, 'test/fixtures/seed/expected.json');
const EXPECTED = existsSync(SHARED_EXPECTED) ? SHARED_EXPECTED : FIXTURE_EXPECTED;

test.runIf(existsSync(SHARED_EXPECTED))('GIVEN shared/seed beside the repo THEN the fixture copy of the expected reading agrees with it', () => {
  expect(JSON.parse(readFileSync(FIXTURE_EXPECTED, 'utf8'))).toEqual(JSON.parse(readFileSync(SHARED_EXPECTED, 'utf8')));
});

interface ExpectedMention {
  text: string;
  start: number;
  end: number;
}
interface ExpectedQuote {
  text: string;
  start: number;
  end: number;
  kind: 'direct' | 'partial';
  /** null: any answer is accepted, including null. */
  speaker: string | null;
  mention?: ExpectedMention;
}
interface ExpectedSpeaker {
  name: string;
  aliases: string[];
  roles: string[];
  quotes: number;
}
interface Expected {
  date: string;
  quotes: ExpectedQuote[];
  speakers: ExpectedSpeaker[];
}

const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected;
const text = readFileSync(SEED, 'utf8');

function readSeed(): Reading {
  const result = readArticle(readFileSync(SEED));
  if (!result.ok) throw new Error(`the seed did not read: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const reading = readSeed();
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const found = (q: ExpectedQuote): Quote | undefined => reading.quotes.find((r) => r.start === q.start && r.end === q.end);
/** Expected speakers of quotes whose speaker is given; a null speaker accepts any answer. */
const strictSpeakers = new Set(expected.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])));

describe('GIVEN the seed article (idlib-2018-09-17)', () => {
  test('THEN its date is read from the header on the first sentence line', () => {
    expect(reading.date).toBe(expected.date);
    expect(reading.title).toBeNull();
  });

  test('THEN it finds exactly the expected quotes, in order', () => {
    expect(reading.quotes.map((q) => [q.start, q.end])).toEqual(expected.quotes.map((q) => [q.start, q.end]));
  });

  test.each(expected.quotes)('THEN it finds "$text" at $start..$end as $kind', (q) => {
    const quote = found(q);
    expect(quote, `no quote at ${q.start}..${q.end}`).toBeDefined();
    expect(quote!.text).toBe(q.text);
    expect(text.slice(quote!.start, quote!.end)).toBe(q.text);
    expect(quote!.kind).toBe(q.kind);
  });

  test.each(expected.quotes.filter((q) => q.speaker !== null))('THEN "$text" is attributed to $speaker', (q) => {
    expect(found(q)?.speaker?.name).toBe(q.speaker);
  });

  test.each(expected.quotes.filter((q) => q.mention))('THEN the mention of "$text" overlaps "$mention.text"', (q) => {
    const mention = found(q)?.speaker?.mention;
    expect(mention, 'the quote has no mention').toBeTruthy();
    expect(overlaps(mention!, q.mention!), `mention "${mention!.text}" at ${mention!.start}..${mention!.end}`).toBe(true);
    // A mention is a phrase of the text: its offsets say where.
    expect(text.slice(mention!.start, mention!.end)).toBe(mention!.text);
  });

  test.each(expected.speakers)('THEN $name is a speaker with the expected aliases and roles', (s) => {
    const speaker = reading.speakers.find((r) => r.name === s.name);
    expect(speaker, `speakers: ${reading.speakers.map((r) => r.name).join(', ')}`).toBeDefined();
    expect(new Set(speaker!.aliases)).toEqual(new Set(s.aliases));
    expect(new Set(speaker!.roles)).toEqual(new Set(s.roles));
  });

  test.each(expected.speakers)('THEN $name has $quotes quotes, give or take the quotes of any speaker', (s) => {
    const count = reading.quotes.filter((q) => q.speaker?.name === s.name).length;
    const sure = expected.quotes.filter((q) => q.speaker === s.name).length;
    const open = expected.quotes.filter((q) => q.speaker === null).length;
    expect(count).toBeGreaterThanOrEqual(sure);
    expect(count).toBeLessThanOrEqual(sure + open);
  });

  test('THEN any other speaker is only the speaker of quotes whose speaker is open', () => {
    const open = new Set(expected.quotes.filter((q) => q.speaker === null).map((q) => q.start));
    for (const s of reading.speakers.filter((r) => !strictSpeakers.has(r.name))) {
      const theirs = reading.quotes.filter((q) => q.speaker?.id === s.id);
      expect(
        theirs.every((q) => open.has(q.start)),
        `${s.name} speaks ${theirs.map((q) => q.text).join(' | ')}`,
      ).toBe(true);
    }
  });

  test('THEN every speaker of a quote is listed once, with the id the quote carries', () => {
    const ids = reading.speakers.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of reading.quotes) {
      if (!q.speaker) continue;
      expect(reading.speakers.find((s) => s.id === q.speaker!.id)?.name).toBe(q.speaker.name);
    }
  });
});
