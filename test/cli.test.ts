import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../src/cli.js';
import { readArticle } from '../src/article/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(repoRoot, 'data/articles/idlib-2018-09-17.txt');
const CADDELL = path.join(repoRoot, 'test/fixtures/caddell-2015-11-16.txt');
const WIRE = path.join(repoRoot, 'test/fixtures/wire-obama.txt');
/** A news page's HTML saved with a .txt name: inline SVG styles, a data layer, navigation, share links. */
const PAGE_AS_TEXT = path.join(repoRoot, 'test/fixtures/ingest/page-saved-as.txt');

const CONTRACT_KEYS = ['date', 'facts', 'file', 'headline', 'quotes', 'speakers', 'summary', 'title'];
const QUOTE_KEYS = ['end', 'kind', 'speaker', 'start', 'text'];
const SPEAKER_KEYS = ['aliases', 'id', 'name', 'roles'];
const ATTRIBUTION_KEYS = ['id', 'mention', 'name'];

let dir: string;
const bad: Record<'empty' | 'binary' | 'latin1' | 'huge' | 'missing' | 'directory', string> = {
  empty: '',
  binary: '',
  latin1: '',
  huge: '',
  missing: '',
  directory: '',
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'briefing-cli-'));
  bad.empty = path.join(dir, 'empty.txt');
  writeFileSync(bad.empty, '');
  bad.binary = path.join(dir, 'image.png');
  writeFileSync(bad.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  bad.latin1 = path.join(dir, 'latin1.txt');
  writeFileSync(bad.latin1, Buffer.from('Erdo\xf0an said “no”.', 'latin1'));
  // 20 MB of holes: over the 2 MB limit without writing 20 MB to disk.
  bad.huge = path.join(dir, 'huge.txt');
  writeFileSync(bad.huge, '');
  truncateSync(bad.huge, 20 * 1024 * 1024);
  bad.missing = path.join(dir, 'no-such-article.txt');
  bad.directory = dir;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `briefing` in process, capturing what it writes to stdout. */
async function run(args: string[], stdin?: Uint8Array): Promise<{ code: number; out: string; lines: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const code = await main(args, stdin ? { stdin: () => stdin } : {});
    const out = chunks.join('');
    const lines = args.includes('--json')
      ? out
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
    return { code, out, lines };
  } finally {
    write.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}

const keys = (o: unknown) => Object.keys(o as object).sort();

describe('briefing parse --json', () => {
  test('GIVEN two articles THEN one JSON line each, in order, with exactly the contract’s keys', async () => {
    const { code, out, lines } = await run(['parse', '--json', SEED, CADDELL]);
    expect(code).toBe(0);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(3);
    expect(lines.map((l) => l.file)).toEqual([SEED, CADDELL]);
    for (const line of lines) {
      expect(keys(line)).toEqual(CONTRACT_KEYS);
      for (const q of line.quotes as Record<string, unknown>[]) {
        expect(keys(q)).toEqual(QUOTE_KEYS);
        if (q.speaker) expect(keys(q.speaker)).toEqual(ATTRIBUTION_KEYS);
      }
      for (const s of line.speakers as unknown[]) expect(keys(s)).toEqual(SPEAKER_KEYS);
    }
  });

  test('GIVEN the seed THEN its line carries the date, the quotes and the speakers of readArticle', async () => {
    const { lines } = await run(['parse', '--json', SEED]);
    const reading = readArticle(readFileSync(SEED));
    if (!reading.ok) throw new Error(reading.error.message);
    const line = lines[0]!;
    expect(line.date).toBe('2018-09-17');
    expect(line.title).toBeNull();
    expect(line.quotes).toEqual(
      reading.value.quotes.map((q) => ({
        text: q.text,
        start: q.start,
        end: q.end,
        kind: q.kind,
        speaker: q.speaker && { id: q.speaker.id, name: q.speaker.name, mention: q.speaker.mention },
      })),
    );
    expect((line.speakers as { name: string }[]).map((s) => s.name)).toEqual(expect.arrayContaining(['Recep Tayyip Erdogan', 'Vladimir Putin', 'Dmitry Peskov']));
  });

  test('GIVEN a path as written THEN "file" echoes it unchanged', async () => {
    const relative = path.relative(process.cwd(), WIRE);
    const { lines } = await run(['parse', '--json', relative]);
    expect(lines[0]!.file).toBe(relative);
  });

  test('GIVEN bad files among good ones THEN each bad one gets {"file","error"} on its own line and the others go on', async () => {
    const files = [SEED, bad.empty, bad.binary, CADDELL, bad.latin1, bad.missing, bad.huge, bad.directory, WIRE];
    const { code, lines } = await run(['parse', '--json', ...files]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.file)).toEqual(files);
    const good = new Set([SEED, CADDELL, WIRE]);
    for (const line of lines) {
      if (good.has(line.file as string)) {
        expect(keys(line)).toEqual(CONTRACT_KEYS);
      } else {
        expect(keys(line)).toEqual(['error', 'file']);
        expect(typeof line.error).toBe('string');
        expect((line.error as string).length).toBeGreaterThan(5);
      }
    }
  });

  test.each([
    ['empty', /empty/i],
    ['binary', /binary|NUL/i],
    ['latin1', /UTF-8/i],
    ['missing', /no such file/i],
    ['huge', /20\.0 MB.*2\.0 MB/],
    ['directory', /directory/i],
  ] as const)('GIVEN a %s file THEN the error says why', async (kind, reason) => {
    const { lines } = await run(['parse', '--json', bad[kind]]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.error).toMatch(reason);
  });

  test('GIVEN only bad files THEN every line is an error and the exit code is 1', async () => {
    const { code, lines } = await run(['parse', '--json', bad.empty, bad.missing]);
    expect(code).toBe(1);
    expect(lines.map((l) => keys(l))).toEqual([
      ['error', 'file'],
      ['error', 'file'],
    ]);
  });

  test('GIVEN hundreds of files in one call THEN hundreds of lines, in order', async () => {
    const files = Array.from({ length: 200 }, (_, i) => [SEED, CADDELL, WIRE][i % 3]!);
    const { lines } = await run(['parse', '--json', ...files]);
    expect(lines.map((l) => l.file)).toEqual(files);
  });

  test('GIVEN the multi-paragraph fixture THEN its pieces come out in order with the speaker and a null mention after the first', async () => {
    const { lines } = await run(['parse', '--json', CADDELL]);
    const quotes = lines[0]!.quotes as { text: string; speaker: { name: string; mention: { text: string } | null } | null }[];
    expect(lines[0]!.date).toBe('2015-11-16');
    expect(lines[0]!.title).toBe('Pollster warns of voter anger');
    expect(quotes.map((q) => [q.text.slice(0, 20), q.speaker?.name, q.speaker?.mention?.text ?? null])).toEqual([
      ['People feel that the', 'Pat Caddell', 'Caddell'],
      ['Both parties have st', 'Pat Caddell', null],
      ['This is the most ali', 'Pat Caddell', 'Caddell'],
    ]);
  });
});

describe('briefing parse of HTML given as text', () => {
  const expectArticle = (line: Record<string, unknown> | undefined) => {
    expect(line).toMatchObject({ title: 'Council delays vote on new bus lanes after traders protest', date: '2023-06-14' });
    expect(line!['headline']).toBe('Council delays vote on new bus lanes after traders protest');
    const quotes = line!['quotes'] as { text: string; speaker: { name: string } | null }[];
    expect(quotes.map((q) => q.text)).toEqual([
      'We are not against buses, we are against losing the people who keep this street alive,',
      'Nobody wants a scheme that empties the town centre,',
      'We will come back with a plan that works for passengers and for shops.',
      'a missed chance for thousands of daily passengers',
    ]);
    expect(JSON.stringify(line)).not.toMatch(/svg-icon|background-image|dataLayer|<\/?p>|Subscribe now|Most read/);
  };

  test('GIVEN a page saved as .txt THEN it is read through the page extraction, not as text', async () => {
    const { code, lines } = await run(['parse', '--json', PAGE_AS_TEXT]);
    expect(code).toBe(0);
    expectArticle(lines[0]);
  });

  test('GIVEN the page on standard input (-) THEN the same article is read', async () => {
    const { code, lines } = await run(['parse', '--json', '-'], readFileSync(PAGE_AS_TEXT));
    expect(code).toBe(0);
    expect(lines[0]!['file']).toBe('-');
    expectArticle(lines[0]);
  });

  test('GIVEN a plain-text article on standard input THEN it is read as text, as from its file', async () => {
    const fromFile = (await run(['parse', '--json', SEED])).lines[0]!;
    const fromStdin = (await run(['parse', '--json', '-'], readFileSync(SEED))).lines[0]!;
    expect({ ...fromStdin, file: SEED }).toEqual(fromFile);
  });
});

describe('briefing parse without --json', () => {
  test('GIVEN the seed THEN the quotes are printed grouped by speaker', async () => {
    const { code, out } = await run(['parse', SEED]);
    expect(code).toBe(0);
    const erdogan = out.indexOf('Recep Tayyip Erdogan');
    const peskov = out.indexOf('Dmitry Peskov');
    expect(erdogan).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('“I hope [Putin] will continue the positive stance also going forward,”')).toBeGreaterThan(erdogan);
    expect(out.indexOf('“certain differences in approach”')).toBeGreaterThan(peskov);
  });

  test('GIVEN no file THEN usage and exit code 2', async () => {
    expect((await run(['parse'])).code).toBe(2);
    expect((await run(['parse', '--json'])).code).toBe(2);
  });
});
