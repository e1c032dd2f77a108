import { describe, expect, test } from 'vitest';
import { splitSentences } from '../src/article/sentences.js';

const split = (text: string) => splitSentences(text, [{ start: 0, end: text.length }]).map((s) => text.slice(s.start, s.end));

describe('sentences of copy that lost the space after a full stop', () => {
  test.each([
    ['a word then a capitalised word', 'Drilling will resume.The firm said so.', ['Drilling will resume.', 'The firm said so.']],
    ['a word then "A"', 'It will resume.A tremor hit the coast.', ['It will resume.', 'A tremor hit the coast.']],
    ['a closing quote then "I"', 'he said."I think so," she replied.', ['he said."', 'I think so," she replied.']],
    ['a year then a capitalised word', 'It opened in 2013.The firm grew.', ['It opened in 2013.', 'The firm grew.']],
    ['an acronym then a capitalised word', 'He fled to the US.Authorities say he was caught.', ['He fled to the US.', 'Authorities say he was caught.']],
    ['a closing bracket', 'Jones (PA).The man was held.', ['Jones (PA).', 'The man was held.']],
    ['a quote closed before the stop', 'it was "unknown".Mr Brown left.', ['it was "unknown".', 'Mr Brown left.']],
  ])('GIVEN %s THEN the sentences are split there', (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  test.each([
    ['initials', 'J.K.Rowling wrote it.'],
    ['a dotted acronym', 'The U.S.Army base closed.'],
    ['a product name', 'ASP.NET is old.'],
    ['a decimal', 'Version 3.5 is out.'],
    ['a domain', 'See bbc.co.uk now.'],
    ['an abbreviation', 'Mr.Smith came and St.John went.'],
  ])('GIVEN %s THEN the sentence stays whole', (_name, text) => {
    expect(split(text)).toEqual([text]);
  });
});

describe('sentences', () => {
  test('GIVEN titles, initials and abbreviations with their spaces THEN only real ends split', () => {
    expect(split('Mr. Putin met Sen. John McCain in the U.S. capital. George W. Bush was not there.')).toEqual([
      'Mr. Putin met Sen. John McCain in the U.S. capital.',
      'George W. Bush was not there.',
    ]);
  });

  test('GIVEN copy that lost its spaces, a quote opening right after a full stop THEN its mark starts the next sentence', () => {
    // XSum: "…as second-placed Spurs disappointed at Anfield.\"If you start a game…\" said Pochettino."
    const text = 'Spurs disappointed at Anfield."If you start like we start then it is very difficult," said Pochettino.';
    const quotes = [{ start: text.indexOf('"') + 1, end: text.lastIndexOf('"') }];
    expect(splitSentences(text, [{ start: 0, end: text.length }], quotes).map((s) => text.slice(s.start, s.end))).toEqual([
      'Spurs disappointed at Anfield.',
      '"If you start like we start then it is very difficult," said Pochettino.',
    ]);
  });

  test('GIVEN a quoted statement of several sentences THEN the quote is not cut', () => {
    const text = 'He said: "We won. We will win again." Then he left.';
    const quotes = [{ start: text.indexOf('"') + 1, end: text.lastIndexOf('"') }]; // the quote's text, inside its marks
    expect(splitSentences(text, [{ start: 0, end: text.length }], quotes).map((s) => text.slice(s.start, s.end))).toEqual([
      'He said: "We won. We will win again."',
      'Then he left.',
    ]);
  });
});
