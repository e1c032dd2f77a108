import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { findQuotes } from '../src/article/quotes.js';
import { readText } from '../src/article/read.js';
import { splitSentences } from '../src/article/sentences.js';
import { attributeQuotes } from '../src/article/speakers.js';
import type { ReadErrorCode, Reading, Result } from '../src/article/types.js';

const KB = 1024;
const ERROR_CODES: ReadErrorCode[] = ['EMPTY_TEXT', 'BINARY', 'INVALID_UTF8', 'TOO_LARGE'];
const MARKS = ['“', '”', '‘', '’', '"', "'", "''", '«', '»', '„', '‹', '›', '[', ']', '(', ')'];

/** The text offsets refer to: the input as decoded, without its BOM. */
function textOf(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What every reading must satisfy, whatever the input: offsets in range, ordered, and true to the text. */
function checkReading(input: string | Uint8Array, result: Result<Reading>): void {
  if (!result.ok) {
    expect(ERROR_CODES).toContain(result.error.code);
    expect(typeof result.error.message).toBe('string');
    return;
  }
  const text = textOf(input);
  const { quotes, speakers } = result.value;
  const ids = new Set(speakers.map((s) => s.id));
  let last = 0;
  for (const q of quotes) {
    expect(q.start).toBeGreaterThanOrEqual(last);
    expect(q.end).toBeGreaterThan(q.start);
    expect(q.end).toBeLessThanOrEqual(text.length);
    expect(q.outerStart).toBeLessThanOrEqual(q.start);
    expect(q.outerEnd).toBeGreaterThanOrEqual(q.end);
    expect(q.outerEnd).toBeLessThanOrEqual(text.length);
    expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(['direct', 'partial']).toContain(q.kind);
    last = q.end;
    if (!q.speaker) continue;
    expect(ids.has(q.speaker.id)).toBe(true);
    const m = q.speaker.mention;
    if (m) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  }
}

function checkString(text: string): void {
  checkReading(text, readArticle(text));
}

/** Tokens of news copy and of its worst cases: every quote mark, apostrophes, breaks, names. */
const NEWS_TOKENS = [
  ...MARKS,
  ' ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '.',
  ',',
  ':',
  '!',
  '?',
  '—',
  '\u00a0',
  '\ufeff',
  'said',
  'told reporters',
  'according to',
  'he',
  'she',
  'they',
  'the Kremlin',
  'Erdogan',
  'Recep Tayyip Erdogan',
  'the Turkish president',
  'Mr',
  'Mr.',
  'Putin',
  'don’t',
  'Clinton’s',
  '’90s',
  'rock ’n’ roll',
  'Jones’',
  'we',
  'Fight',
  'date 2018-09-17',
  '2018',
  'é',
  '😀',
  '\ud800',
];
const newsSoup = fc.array(fc.constantFrom(...NEWS_TOKENS), { maxLength: 300 }).map((parts) => parts.join(''));
const markSoup = fc.array(fc.constantFrom(...MARKS, ' ', 'a', 'B', '\n\n', '.'), { maxLength: 2000 }).map((parts) => parts.join(''));

describe('GIVEN random text THEN readArticle always returns a well-formed reading or a specific error', () => {
  test('news-like token soup with every quote mark', () => {
    fc.assert(fc.property(newsSoup, checkString), { numRuns: 300 });
  });

  test('dense quote marks with few words', () => {
    fc.assert(fc.property(markSoup, checkString), { numRuns: 150 });
  });

  test('random unicode, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 1000 }), checkString), { numRuns: 200 });
  });

  test('random graphemes around a real attribution', () => {
    const around = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
    fc.assert(
      fc.property(around, ([a, b]) => checkString(`${a} “We fight against all terror groups,” Erdogan said. ${b}`)),
      { numRuns: 150 },
    );
  });

  test('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => checkReading(bytes, readArticle(bytes))),
      { numRuns: 200 },
    );
  });

  test('random bytes with a tiny configured limit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.integer({ min: 0, max: 100 }), (bytes, maxBytes) => {
        const result = readArticle(bytes, { maxBytes });
        checkReading(bytes, result);
        if (bytes.length > maxBytes) expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
      }),
      { numRuns: 200 },
    );
  });
});

describe('GIVEN adversarial text THEN readArticle returns', () => {
  test.each(MARKS.filter((m) => m !== '[' && m !== ']' && m !== '(' && m !== ')'))('10,000 "%s" marks in a row', (mark) => {
    checkString(mark.repeat(10_000));
    checkString(`${mark}a `.repeat(10_000));
  });

  test('10,000 marks of every kind in rotation, with and without words', () => {
    const rotation = Array.from({ length: 10_000 }, (_, i) => MARKS[(i * 7) % MARKS.length]).join('');
    checkString(rotation);
    checkString(Array.from({ length: 10_000 }, (_, i) => `${MARKS[(i * 5) % MARKS.length]}Fight`).join(' '));
  });

  test('nested and unbalanced marks', () => {
    checkString('“a “b “c ‘d ‘e '.repeat(2_000));
    checkString('” ’ » ”” ’’ '.repeat(2_000));
    checkString('“a ‘b “c” d’ e” '.repeat(1_000));
    checkString("''a ''b ''c '' ".repeat(1_000));
  }, 60_000);

  test('many apostrophes', () => {
    const text = "Don’t tell Jones’ aides that Clinton’s ’90s rock ’n’ roll isn’t O'Brien's. ".repeat(2_000);
    const reading = readArticle(text);
    checkString(text);
    expect(reading.ok && reading.value.quotes).toEqual([]);
  });

  test('a paragraph-long open quote repeated across thousands of paragraphs', () => {
    checkString('“Continues into the next paragraph\n\n'.repeat(5_000));
    checkString('He said: “\n\n'.repeat(5_000));
  });
});

// Pieces of news copy, each a worst case of one rule: marks of every kind, apostrophes,
// brackets, unclosed and nested quotes, colon introductions and multi-paragraph quotes.
const PIECES = [
  'Don’t “stop” now, Clinton’s aide said. ',
  'In the ’90s rock ’n’ roll was loud. ',
  "''We are not done,'' Mr. Obama said. ",
  '‘We will not be bullied,’ she said. ',
  '«Nous sommes en guerre», a dit Macron. ',
  'The “unclosed mark ran on. ',
  'A "straight" one and a 6" pipe. ',
  '“I hope [Putin] will continue,” Erdogan said. ',
  '“a “b “c ‘d ‘e ',
  '” ’ » ’’ ',
  'Jones’ car was “complicated,” the Kremlin said. ',
  'He told reporters: ',
  '“Continues over a paragraph.',
  '\n\n',
  '\n\n',
  'Smith spoke. “We fight.” ',
  'According to the State Department, it was “a mistake.” ',
];

/** Deterministic adversarial copy of `n` characters (a linear congruential shuffle of the pieces). */
function adversarial(n: number, seed = 7, lines = true): string {
  const parts: string[] = [];
  let length = 0;
  let x = seed;
  while (length < n) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const piece = PIECES[x % PIECES.length]!;
    const part = lines ? piece : piece.replace(/\n/g, ' ');
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, n);
}

function timeOf(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

function medianTime(run: () => void, runs: number): number {
  const times = Array.from({ length: runs }, () => timeOf(run)).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

describe('GIVEN adversarial text of growing size THEN time grows linearly', () => {
  test('a 1 MB single line: returns well-formed, and 4× the input takes clearly less than 16× the time', () => {
    const small = adversarial(256 * KB, 7, false);
    const large = adversarial(1024 * KB, 7, false);
    expect(large.includes('\n')).toBe(false);
    readArticle(adversarial(64 * KB, 11, false)); // warm up the JIT
    const before = timeOf(() => checkString(small));
    let reading: Result<Reading> | null = null;
    const t1m = timeOf(() => {
      reading = readArticle(large);
    });
    // Timed before and after the large run, so a machine that gets busier midway evens out.
    const t256 = (before + timeOf(() => readArticle(small))) / 2;
    checkReading(large, reading!);
    expect(reading!.ok).toBe(true);
    // Linear is 4×; quadratic would be 16×.
    expect(t1m / t256, `256 KB: ${t256.toFixed(0)} ms, 1 MB: ${t1m.toFixed(0)} ms`).toBeLessThan(12);
  }, 60_000);

  test('paragraphs with multi-paragraph quotes: 64 KB vs 256 KB vs 512 KB', () => {
    readArticle(adversarial(32 * KB, 3));
    const [t64, t256, t512] = [64, 256, 512].map((kb) => timeOf(() => readArticle(adversarial(kb * KB))));
    const report = `64 KB: ${t64!.toFixed(0)} ms, 256 KB: ${t256!.toFixed(0)} ms, 512 KB: ${t512!.toFixed(0)} ms`;
    expect(t256! / t64!, report).toBeLessThan(12);
    expect(t512! / t256!, report).toBeLessThan(6);
  }, 60_000);
});

/** Quotes and speakers alone, the lead's part of the pipeline, so a slow later step does not hide here. */
function quotesAndSpeakers(text: string): void {
  const read = readText(text, { maxBytes: 4 * 1024 * KB });
  if (!read.ok) throw new Error(read.error.message);
  const article = read.value;
  const spans = findQuotes(article.text, article.paragraphs);
  attributeQuotes(article, splitSentences(article.text, article.paragraphs, spans), spans);
}

/** Time ratio for 16× the input: linear is 16×, quadratic 256×. */
function growth(make: (n: number) => string, small: number): number {
  const a = make(small);
  const b = make(small * 16);
  // Warm up on both sizes so the JIT has settled before either is timed.
  quotesAndSpeakers(a);
  quotesAndSpeakers(b);
  quotesAndSpeakers(a);
  return medianTime(() => quotesAndSpeakers(b), 3) / medianTime(() => quotesAndSpeakers(a), 5);
}

describe('GIVEN text that stresses attribution THEN quotes and speakers stay linear', () => {
  test('many short sentences, each a quote and a pronoun', () => {
    expect(growth((n) => '“We fight.” He said. Smith spoke. “We fight,” Smith said. '.repeat(Math.ceil(n / 57)), 4 * KB)).toBeLessThan(48);
  }, 30_000);

  // A long sentence of quotes: finding each quote's cue must not rescan the whole sentence.
  test.each([
    ['attributed quotes', '“We fight,” Erdogan said, '],
    ['bare quotes', '“a” '],
  ])(
    'one sentence holding thousands of %s',
    (_name, unit) => {
      expect(growth((n) => unit.repeat(Math.ceil(n / unit.length)), 4 * KB)).toBeLessThan(48);
    },
    30_000,
  );

  // Many people: resolving each name must not compare it with every person met so far.
  test('thousands of distinct speakers', () => {
    const people = (n: number) => {
      const parts: string[] = [];
      for (let i = 0, len = 0; len < n; i++) {
        const part = `Name${i.toString(36)} Person${(i * 7).toString(36)} said: “We will win.” `;
        parts.push(part);
        len += part.length;
      }
      return parts.join('');
    };
    expect(growth(people, 4 * KB)).toBeLessThan(48);
  }, 30_000);
});
