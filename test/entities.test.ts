import { describe, expect, test } from 'vitest';
import { findEntities, type EntityKind } from '../src/article/entities.js';
import { findAcronyms } from '../src/article/acronyms.js';

const names = (text: string, kind: EntityKind) => findEntities(text, 0).filter((e) => e.kind === kind).map((e) => e.name);

describe('acronyms are joined to the name they abbreviate', () => {
  const cases = [
    { sentence: 'Idlib Province is predominantly held by terrorist groups, such as Hayat Tahrir al-Sham (HTS), a former Al-Qaeda affiliate.', name: 'Hayat Tahrir al-Sham (HTS)', kind: 'organization' },
    { sentence: 'The outbreak was declared an emergency by the World Health Organization (WHO) on Friday.', name: 'World Health Organization (WHO)', kind: 'organization' },
    { sentence: 'Fighting resumed in the east of the Democratic Republic of Congo (DRC) last week.', name: 'Democratic Republic of Congo (DRC)', kind: 'place' },
    { sentence: 'It will now examine the data collected by the British Geological Survey (BGS) before deciding.', name: 'British Geological Survey (BGS)', kind: 'organization' },
  ];
  test.each(cases)('finds "$name"', ({ sentence, name, kind }) => {
    const found = findAcronyms(sentence, 0).map((a) => [a.mention.text, a.mention.kind]);
    expect(found).toEqual([[name, kind]]);
  });

  test('GIVEN an acronym compromise splits into a person THEN only the joined organisation is listed', () => {
    const text = 'Putin said Idlib is held by Hayat Tahrir al-Sham (HTS), a former Al-Qaeda affiliate.';
    expect(names(text, 'organization')).toEqual(['Hayat Tahrir al-Sham (HTS)', 'Al-Qaeda']);
    expect(names(text, 'person')).toEqual(['Putin']);
  });

  test.each([
    ['a bracketed remark in capitals', 'The vote (OK, a formality) passed.'],
    ['a bracketed acronym after lower-case words', 'Prices rose by a third (YoY) in June.'],
  ])('GIVEN %s THEN no acronym is found', (_name, sentence) => {
    expect(findAcronyms(sentence, 0)).toEqual([]);
  });
});

describe('people are canonical, with the role that introduces them', () => {
  test('GIVEN "Putin", "Mr Putin" and "President Vladimir Putin" THEN one person, Vladimir Putin', () => {
    const text = 'Erdogan will hold talks with President Vladimir Putin on Monday. “The outcome of our meeting with Mr Putin will be important,” he said. Putin did not comment.';
    const putin = findEntities(text, 0).filter((e) => e.name.endsWith('Putin'));
    expect(putin.map((e) => e.name)).toEqual(['Vladimir Putin']);
    expect(putin[0]!.roles).toContain('President');
    expect(putin[0]!.roles).not.toContain('Mr');
  });

  test.each([
    ['Moscow and Ankara must work out a positive approach, Turkish leader Recep Tayyip Erdogan said.', 'Recep Tayyip Erdogan', 'Turkish leader'],
    ['The situation is complicated, Kremlin spokesperson Dmitry Peskov said.', 'Dmitry Peskov', 'Kremlin spokesperson'],
    ['The two discussed Idlib with Iranian President Hassan Rouhani in Tehran.', 'Hassan Rouhani', 'Iranian President'],
  ])('GIVEN "%s" THEN %s is a %s', (text, name, role) => {
    const person = findEntities(text, 0).find((e) => e.name === name);
    expect(person?.roles).toEqual([role]);
  });
});

describe('what compromise misses, and what is no entity', () => {
  test('GIVEN a publication that reports and a body before a role noun THEN both are organisations', () => {
    const text = '“I hope he will continue,” Erdogan said, the Daily Sabah reported. The situation is complicated, Kremlin spokesperson Dmitry Peskov said.';
    expect(names(text, 'organization')).toEqual(['Daily Sabah', 'Kremlin']);
  });

  test('GIVEN a town after "in" that compromise does not know THEN it is a place', () => {
    expect(names('The leaders are set to hold talks in Sochi, south Russia.', 'place')).toEqual(['Sochi', 'Russia']);
  });

  test.each([
    ['demonyms', 'Turkish leader Recep Tayyip Erdogan met Syrian officials ahead of a possible Syrian government offensive.'],
    ['weekdays and months', 'On Monday the talks resumed, and in September they ended.'],
  ])('GIVEN %s THEN no organisation or place is listed for them', (_name, text) => {
    const listed = findEntities(text, 0).filter((e) => e.kind !== 'person').map((e) => e.name);
    expect(listed.filter((n) => /Turkish|Syrian|Monday|September/.test(n))).toEqual([]);
  });

  test('GIVEN junk input THEN the result is empty, not an exception', () => {
    expect(findEntities('... ,,, 123 ((( ', 0)).toEqual([]);
  });
});
