import { describe, expect, test } from 'vitest';
import { readArticle, readBytes, readText } from '../src/article/index.js';
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import type { Article, ReadErrorCode, Result } from '../src/article/types.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const paragraphTexts = (a: Article) => a.paragraphs.map((p) => a.text.slice(p.start, p.end));

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a reading, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('the header: date and title', () => {
  test('GIVEN the date on the first sentence line THEN the date is read and the sentence starts the body, with no title', () => {
    const text = ' date 2018-09-17 Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis.\n\nThe leaders meet in Sochi.';
    const article = ok(readText(text));
    expect(article.date).toBe('2018-09-17');
    expect(article.title).toBeNull();
    expect(paragraphTexts(article)[0]).toBe('Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis.');
    expect(article.bodyStart).toBe(text.indexOf('Moscow'));
  });

  test('GIVEN the date on its own line and a title line THEN both are read and the body starts after the blank line', () => {
    const text =
      'date 2018-09-17\nErdogan seeks “positive approach” on Idlib\n\nTurkish leader Recep Tayyip Erdogan said Moscow and Ankara must work together.\n\nThe leaders meet in Sochi.';
    const article = ok(readText(text));
    expect(article.date).toBe('2018-09-17');
    expect(article.title).toBe('Erdogan seeks “positive approach” on Idlib');
    expect(paragraphTexts(article)).toEqual(['Turkish leader Recep Tayyip Erdogan said Moscow and Ankara must work together.', 'The leaders meet in Sochi.']);
  });

  test('GIVEN a header THEN quote offsets still refer to the whole file', () => {
    const text = 'date 2018-09-17\nErdogan on Idlib\n\n“We will find a solution,” Erdogan said.';
    const reading = ok(readArticle(text));
    const quote = reading.quotes[0]!;
    expect(quote.text).toBe('We will find a solution,');
    expect(quote.start).toBe(text.indexOf('We will'));
    expect(text.slice(quote.start, quote.end)).toBe(quote.text);
  });

  test('GIVEN the seed-style header THEN the quote offsets count the header characters', () => {
    const text = ' date 2018-09-17 Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis.';
    const quote = ok(readArticle(text)).quotes[0]!;
    expect([quote.start, quote.end]).toEqual([52, 69]);
  });

  test('GIVEN a title line with no date THEN the title is read and the date is null', () => {
    const article = ok(readText('Sanders rallies voters in Iowa\n\nSenator Bernie Sanders spoke to 3,000 people in Des Moines on Saturday.'));
    expect(article.title).toBe('Sanders rallies voters in Iowa');
    expect(article.date).toBeNull();
  });

  test('GIVEN an impossible date in the header THEN no date is taken from it', () => {
    expect(ok(readText('date 2018-02-30\nTitle\n\nBody sentence here.')).date).toBeNull();
  });

  test('GIVEN a long first line followed by a blank line THEN it is the lead paragraph, not a title', () => {
    const lead =
      'Moscow and Ankara must work out a positive approach to tackle the Idlib crisis in Syria, Turkish leader Recep Tayyip Erdogan said ahead of holding talks with President Vladimir Putin on Monday in the Black Sea resort of Sochi.';
    const article = ok(readText(`${lead}\n\nThe leaders meet in Sochi.`));
    expect(article.title).toBeNull();
    expect(paragraphTexts(article)[0]).toBe(lead);
  });

  test('GIVEN metadata THEN its title and date win over the header', () => {
    const article = ok(readText('date 2018-09-17\nA title\n\nBody text here.', { title: 'Feed title', date: '2018-09-18' }));
    expect([article.title, article.date]).toEqual(['Feed title', '2018-09-18']);
  });
});

describe('paragraphs', () => {
  test('GIVEN paragraphs separated by blank lines, some with spaces or CRLF THEN each is one span without surrounding white space', () => {
    const text = 'Title line\n\nFirst paragraph, first line\ncontinues here.\n   \nSecond paragraph.\r\n\r\n  Third paragraph.  \n';
    const article = ok(readText(text));
    expect(paragraphTexts(article)).toEqual(['First paragraph, first line\ncontinues here.', 'Second paragraph.', 'Third paragraph.']);
    for (const p of article.paragraphs) expect(p.end).toBeGreaterThan(p.start);
  });

  test('GIVEN a text with a BOM THEN the BOM is stripped and offsets refer to the text after it', () => {
    const body = '“We fight against all terror groups,” Erdogan said.';
    const fromString = ok(readArticle(`\ufeff${body}`));
    const fromBytes = ok(readArticle(utf8(`\ufeff${body}`)));
    for (const reading of [fromString, fromBytes]) {
      expect(reading.quotes[0]!.start).toBe(1);
      expect(body.slice(reading.quotes[0]!.start, reading.quotes[0]!.end)).toBe('We fight against all terror groups,');
    }
    expect(ok(readText(`\ufeff${body}`)).text).toBe(body);
  });
});

describe('bad input is a specific error, never a throw', () => {
  const big = (n: number) => new Uint8Array(n).fill(0x61);
  const cases: { name: string; input: string | Uint8Array; maxBytes?: number; code: ReadErrorCode }[] = [
    { name: 'an empty string', input: '', code: 'EMPTY_TEXT' },
    { name: 'an empty file', input: new Uint8Array(0), code: 'EMPTY_TEXT' },
    { name: 'only white space', input: ' \n\t\r\n  \u00a0 \n', code: 'EMPTY_TEXT' },
    { name: 'only a BOM', input: utf8('\ufeff'), code: 'EMPTY_TEXT' },
    { name: 'a PNG header (NUL bytes)', input: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), code: 'BINARY' },
    { name: 'text with a NUL character', input: 'Putin said\u0000 nothing.', code: 'BINARY' },
    { name: 'Latin-1 bytes', input: new Uint8Array([0x45, 0x72, 0x64, 0x6f, 0xf0, 0x61, 0x6e, 0x20, 0x73, 0x61, 0x69, 0x64]), code: 'INVALID_UTF8' },
    { name: 'a truncated UTF-8 sequence', input: new Uint8Array([0x22, 0x48, 0x69, 0xe2, 0x80]), code: 'INVALID_UTF8' },
    { name: 'an overlong UTF-8 encoding', input: new Uint8Array([0xc0, 0xaf, 0x61]), code: 'INVALID_UTF8' },
    { name: 'bytes one over the 2 MB default limit', input: big(DEFAULT_MAX_BYTES + 1), maxBytes: DEFAULT_MAX_BYTES, code: 'TOO_LARGE' },
    { name: 'a string over the 2 MB default limit', input: 'a'.repeat(DEFAULT_MAX_BYTES + 1), maxBytes: DEFAULT_MAX_BYTES, code: 'TOO_LARGE' },
    { name: 'bytes over a configured 1 KB limit', input: big(1025), maxBytes: 1024, code: 'TOO_LARGE' },
    { name: 'a string over a configured 1 KB limit', input: 'a '.repeat(513), maxBytes: 1024, code: 'TOO_LARGE' },
  ];

  test.each(cases)('GIVEN $name THEN the error is $code with a message', ({ input, maxBytes, code }) => {
    const result = readArticle(input, maxBytes === undefined ? {} : { maxBytes });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
  });

  test('GIVEN exactly the 2 MB default limit THEN the text is read', () => {
    const bytes = new Uint8Array(DEFAULT_MAX_BYTES).fill(0x61);
    expect(readBytes(bytes, { maxBytes: DEFAULT_MAX_BYTES }).ok).toBe(true);
  });

  test('GIVEN a text under a configured limit THEN it is read, and over it refused', () => {
    const text = '“We fight against all terror groups,” Erdogan said.';
    expect(readArticle(text, { maxBytes: 1024 }).ok).toBe(true);
    expect(readArticle(utf8(text), { maxBytes: 10 })).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });

  test('GIVEN the over-limit message THEN it names the size and the limit', () => {
    const result = readBytes(new Uint8Array(3 * 1024 * 1024).fill(0x61), { maxBytes: DEFAULT_MAX_BYTES });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/3\.0 MB.*2\.0 MB/);
  });
});

describe('page furniture is left out of the paragraphs, offsets unchanged', () => {
  test.each([
    ['a share widget', 'Click to share on WhatsApp (Opens in new window)'],
    ['an image credit', 'Getty Images 22'],
    ['a video prompt', 'Scroll down for video'],
    ['a byline line', 'By Ben Schreckinger · 2016-11-03'],
  ])('GIVEN %s THEN no paragraph holds it', (_name, furniture) => {
    const text = `Trump leads in Ohio\n\n${furniture}\n\nDonald Trump leads Hillary Clinton by five points in Ohio, a new poll found.`;
    const result = readText(text);
    if (!result.ok) throw new Error(result.error.message);
    const paragraphs = result.value.paragraphs.map((p) => text.slice(p.start, p.end));
    expect(paragraphs).toEqual(['Donald Trump leads Hillary Clinton by five points in Ohio, a new poll found.']);
  });

  test('GIVEN a video prompt glued to the next sentence THEN the sentence is kept without it', () => {
    const text = 'Robots at a tech show\n\nScroll down for video The robots were created by Giles Walker for a show.';
    const result = readText(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(['The robots were created by Giles Walker for a show.']);
  });

  // BBC pages as XSum keeps them: the widget and the player notice glued to the sentence after them
  test.each([
    ['a share widget', 'Share this withEmailFacebookMessengerMessengerTwitterPinterestWhatsAppLinkedinCopy this link'],
    ['a share widget with fewer buttons', 'Share this withEmailFacebookTwitterWhatsAppLinkedinCopy this link'],
    ['a video player notice', 'Media playback is not supported on this device'],
  ])('GIVEN %s glued to the next sentence THEN the sentence is kept without it', (_name, furniture) => {
    const text = `Muir to miss the Games\n\n${furniture}Muir told BBC Scotland her studies will keep her away.`;
    const result = readText(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(['Muir told BBC Scotland her studies will keep her away.']);
  });
});
