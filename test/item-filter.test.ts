import { expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { matchesFilter, parseFilterList } from '../src/library/item-filter.js';

const TEXT = [
  'date 2018-09-18 Russia and Turkey agree on a demilitarised zone in İdlib',
  '',
  '“We agreed to create a demilitarised zone by October 15,” Russian President Vladimir Putin told reporters in Sochi.',
  'Turkish President Recep Tayyip Erdoğan said the deal would prevent a crisis.',
].join('\n');

const read = () => {
  const r = readArticle(TEXT);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

test.each([
  [{ keywords: ['idlib'], speakers: [] }, true, 'a keyword in another case and with the dotted İ'],
  [{ keywords: ['SOCHI'], speakers: [] }, true, 'a keyword in the text'],
  [{ keywords: ['soch'], speakers: [] }, false, 'part of a word'],
  [{ keywords: ['demilitarised zone'], speakers: [] }, true, 'a phrase'],
  [{ keywords: ['Erdogan'], speakers: [] }, true, 'a word without its accent'],
  [{ keywords: ['ferry'], speakers: [] }, false, 'a word that is not there'],
  [{ keywords: [], speakers: ['Putin'] }, true, 'a quoted speaker by surname'],
  [{ keywords: [], speakers: ['Erdogan'] }, false, 'a speaker named but not quoted'],
  [{ keywords: ['ferry'], speakers: ['putin'] }, true, 'either list matching'],
  [{ keywords: [], speakers: [] }, true, 'no filter'],
])('GIVEN %j THEN the Sochi article passes: %s (%s)', (filter, expected) => {
  const reading = read();
  expect(matchesFilter(filter, { title: reading.title, text: TEXT, reading })).toBe(expected);
});

test('GIVEN a comma-separated list THEN entries are trimmed and folded duplicates dropped', () => {
  expect(parseFilterList(' Idlib, Sochi ,idlib,, İDLİB ')).toEqual(['Idlib', 'Sochi']);
});
