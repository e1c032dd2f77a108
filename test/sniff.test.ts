import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { bytesLookLikeHtml, looksLikeHtml } from '../src/ingest/sniff.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

describe('a page is recognised by its content', () => {
  test.each([
    ['a saved page named .txt', read('ingest/page-saved-as.txt')],
    ['a page with a BOM and an XML declaration', '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Text</p></body></html>'],
    [
      'view source copied from inside the head',
      '  <meta property="og:title" content="Council delays vote">\n<link rel="canonical" href="https://gazette.example/x">\n<title>Council delays vote</title>',
    ],
    [
      'an article body copied as markup',
      '<h1>Council delays vote</h1>\n<p>Westbridge council has put off a vote on new bus lanes.</p>\n<p>"We are not against buses," said Tom Okafor.</p>\n<p>The vote is now due in September.</p>\n<p>Westline said the lanes would cut journey times.</p>\n<p>Councillor Helen Marsh said the delay would help.</p>',
    ],
  ])('GIVEN %s THEN it is HTML', (_, text) => {
    expect(looksLikeHtml(text)).toBe(true);
    expect(bytesLookLikeHtml(new TextEncoder().encode(text))).toBe(true);
  });

  test.each([
    ['the seed article', readFileSync(path.resolve(fixtures, '../../data/articles/idlib-2018-09-17.txt'), 'utf8')],
    ['a wire story', read('wire-obama.txt')],
    ['a story about markup', 'Developers said the <p> and <div> tags of the old site would be replaced.\n\nPrices rose 3% while wages rose <2%, the survey said.'],
  ])('GIVEN %s THEN it is text', (_, text) => {
    expect(looksLikeHtml(text)).toBe(false);
  });
});
