import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { extractFacts, LIST_MAX, withSpeakers } from '../src/article/facts.js';
import { extractNumbers } from '../src/article/facts/numbers.js';
import { readText } from '../src/article/read.js';
import { splitSentences } from '../src/article/sentences.js';
import type { Entity } from '../src/article/entities/entity.js';
import type { Article, Speaker } from '../src/article/types.js';
import { read } from './read-article.js';

const SEED = 'data/articles/idlib-2018-09-17.txt';
const expected = JSON.parse(readFileSync('test/fixtures/seed/expected.json', 'utf8')) as {
  facts: { people: string[]; places: string[]; organizations: string[]; dates: { text: string; date: string }[] };
};

function seedFacts() {
  const read = readArticle(readFileSync(SEED));
  if (!read.ok) throw new Error(read.error.message);
  return read.value.facts;
}

/** "Recep Tayyip Erdogan — Turkish leader" → "Recep Tayyip Erdogan"; "X (HTS)" → "X". */
const bare = (s: string) => s.split(' — ')[0]!.replace(/\s*\([^()]*\)$/, '');

describe('the seed article against expected.json', () => {
  const facts = seedFacts();

  test('GIVEN the seed THEN its people are the expected set, with roles', () => {
    expect(new Set(facts.people.map(bare))).toEqual(new Set(expected.facts.people));
    expect(facts.people).toContain('Recep Tayyip Erdogan — Turkish leader');
    expect(facts.people).toContain('Dmitry Peskov — Kremlin spokesperson');
  });

  test('GIVEN the seed THEN its places are the expected set plus only real places of the text', () => {
    const extra = facts.places.filter((p) => !expected.facts.places.includes(p));
    expect(facts.places).toEqual(expect.arrayContaining(expected.facts.places));
    // "[the US-led] coalition": a name inside a compound describes the coalition, it is no place of the story.
    expect(extra).toEqual(['Idlib Province']);
  });

  test('GIVEN the seed THEN its organisations are the expected set, the acronym joined', () => {
    expect(new Set(facts.organizations.map(bare))).toEqual(new Set(expected.facts.organizations));
    expect(facts.organizations).toContain('Hayat Tahrir al-Sham (HTS)');
  });

  test('GIVEN the seed THEN its dates resolve as expected (the article date line is the only extra)', () => {
    const resolved = facts.dates.map((d) => `${d.text}=${d.date}`);
    expect(resolved).toEqual(expect.arrayContaining(expected.facts.dates.map((d) => `${d.text}=${d.date}`)));
    expect(new Set(facts.dates.map((d) => d.date))).toEqual(new Set(expected.facts.dates.map((d) => d.date)));
  });

  test('GIVEN the seed THEN up to five one-line key facts, the first about Erdogan and Idlib on 17 Sep 2018', () => {
    expect(facts.key.length).toBeGreaterThan(0);
    expect(facts.key.length).toBeLessThanOrEqual(5);
    expect(facts.key.every((k) => !k.includes('\n'))).toBe(true);
    expect(facts.key[0]).toMatch(/Erdogan.*Idlib.*\(17 Sep 2018\)/);
  });
});

describe('speakers give the canonical people', () => {
  const entity = (kind: Entity['kind'], name: string, roles: string[] = []): Entity => ({ kind, name, aliases: [name], roles, acronym: null, first: 0, mentions: 1 });
  const speaker = (name: string, aliases: string[], roles: string[], type: Speaker['type'] = 'person'): Speaker => ({
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    aliases,
    roles,
    type,
  });

  test('GIVEN a speaker and the entities of their names THEN one person with both sets of roles', () => {
    const people = withSpeakers(
      [entity('person', 'Vladimir Putin', ['President']), entity('person', 'Putin')],
      [speaker('Vladimir Putin', ['Putin', 'Mr Putin'], ['Russian president'])],
    );
    expect(people.map((e) => [e.name, e.roles])).toEqual([['Vladimir Putin', ['Russian president', 'President']]]);
  });

  test('GIVEN a speaker named by surname only THEN the full name of the text is kept', () => {
    const people = withSpeakers([entity('person', 'Hillary Clinton')], [speaker('Clinton', ['Clinton'], [])]);
    expect(people.map((e) => e.name)).toEqual(['Hillary Clinton']);
  });

  test('GIVEN a country taken for a speaker THEN it stays a place', () => {
    const people = withSpeakers([entity('place', 'Turkey')], [speaker('Turkey', ['Turkey'], [])]);
    expect(people.map((e) => [e.name, e.kind])).toEqual([['Turkey', 'place']]);
  });

  test('GIVEN a speaker with no proper name ("the company") THEN it is not listed', () => {
    expect(withSpeakers([], [speaker('the company', ['the company'], [], 'organization')])).toEqual([]);
  });
});

describe('the lists a briefing shows', () => {
  const factsOf = (text: string, speakers: Speaker[] = []) => {
    const read = readText(text);
    if (!read.ok) throw new Error(read.error.message);
    return extractFacts(read.value, splitSentences(read.value.text, read.value.paragraphs), [], speakers);
  };
  const speaker = (name: string, roles: string[]): Speaker => ({ id: name.toLowerCase().replace(/\W+/g, '-'), name, aliases: [name], roles, type: 'person' });

  // Roles the 5W1H dev articles gave: "Sebastian Vettel — furious", "Hillary Clinton — head of", "Michelle Obama — Share President".
  test.each([
    [['furious'], 'Sebastian Vettel'],
    [['head of'], 'Sebastian Vettel'],
    [['Share President'], 'Sebastian Vettel — President'],
    [['furious', 'Ferrari driver'], 'Sebastian Vettel — Ferrari driver'],
  ])('GIVEN the roles %j THEN the line is "%s"', (roles, line) => {
    const facts = factsOf('Vettel fumes\n\nSebastian Vettel said the race was unfair.\n', [speaker('Sebastian Vettel', roles)]);
    expect(facts.people).toEqual([line]);
  });

  test('GIVEN a line-up of more names than a list holds THEN the most mentioned stay, in the order of the text', () => {
    const players = Array.from({ length: 26 }, (_, i) => `Player${String.fromCharCode(65 + i)}son`);
    const text = `Line-up\n\n${players.map((p, i) => `Coach Tom ${p} scored ${i + 2} goals.`).join(' ')} Tom ${players[25]} was the star, said Tom ${players[25]}.\n`;
    const people = factsOf(text).people;
    expect(people.length).toBeLessThanOrEqual(LIST_MAX);
    expect(people.some((p) => p.includes(players[25]!))).toBe(true);
  });
});

describe('numbers in context', () => {
  test.each([
    ['Five people were trapped under the rubble.', 'Five people were trapped'],
    ['The government pledged $3 billion for reconstruction.', '$3 billion'],
    ['Turnout fell to 40% in the capital.', '40%'],
    ['Of the parents questioned, 628 had children who ate school lunches.', '628 had children'],
  ])('GIVEN "%s" THEN "%s"', (sentence, phrase) => {
    expect(extractNumbers(sentence, 0, [])).toEqual([phrase]);
  });

  // Sentences from CNN/DailyMail and XSum dev articles whose numbers came out as fragments.
  test.each([
    ['Bruce Jenner, 65, has said he is happy.', []],
    ['Mark Smith, 47, announced earlier this week that he would retire.', []],
    ['Tributes were paid by the 39-year-old, who signed a three-year deal in May.', ['three-year deal']],
    ['The sale cost $5,000 In her lawsuit she asked for more.', ['$5,000']],
    ['He made his 500th appearance as they ran out 29-10 winners.', []],
    ['The ship left at 12.30 am and must return.', []],
    ['He signed eight weeks after he left.', ['eight weeks']],
    ['Police said two Brisbane neighbours were arrested.', ['two Brisbane neighbours were arrested']],
    ['She has won eight Academy Awards and four Golden Globes.', ['eight Academy Awards', 'four Golden Globes']],
    ['He faces eight counts of child pornography.', ['eight counts of child pornography']],
    ['The 200 kilograms - could not be flown.', ['200 kilograms']],
    // The seed article: "the two" are Putin and Erdogan, named before
    ['Erdogan said Putin showed a positive stance on September 7 when the two discussed Idlib.', []],
    ['The three met in Sochi on Monday.', []],
    ['Two died in the attack.', ['Two died']],
    ['The campaign ran the 30-second spot in Ohio.', ['30-second spot']],
  ])('GIVEN "%s" THEN only whole phrases: %j', (sentence, phrases) => {
    expect(extractNumbers(sentence, 0, [])).toEqual(phrases);
  });

  test('GIVEN years and days of the month THEN they are left to the dates', () => {
    expect(extractNumbers('In 2018 the talks on September 7 failed.', 0, [{ start: 17, end: 28 }])).toEqual([]);
  });

  test('GIVEN a repeated date the date list skipped THEN its day is still no number', () => {
    expect(extractNumbers('— Helen (@helen) November 8, 2016 It could be worse.', 0, [])).toEqual([]);
  });
});

describe('an article without a date', () => {
  test('GIVEN no date line THEN relative dates are listed unresolved (null)', () => {
    const read = readText('Talks in Sochi\n\nErdogan met Putin in Sochi on Monday, the Kremlin said.\n');
    if (!read.ok) throw new Error(read.error.message);
    const article: Article = read.value;
    const facts = extractFacts(article, splitSentences(article.text, article.paragraphs), [], []);
    expect(facts.dates).toEqual([expect.objectContaining({ text: 'Monday', date: null })]);
  });

  test('GIVEN a wire dateline with its year under the title THEN relative dates resolve against it', () => {
    const text =
      "SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.\n\nLONDON 1996-08-30\n\nThe world's costliest footballer Alan Shearer was named as the new England captain on Friday.\n";
    const facts = read(text).facts;
    expect(facts.dates).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Friday', date: '1996-08-30' })]));
  });
  test('GIVEN a wire dateline as the first line, no title above it THEN it still dates the article', () => {
    const text = 'MOSCOW 1996-08-30\n\nRotor Volgograd must play behind closed doors after a 1-0 home defeat on Saturday.\n';
    expect(read(text).facts.dates).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Saturday', date: '1996-08-24' })]));
  });
  test('GIVEN a byline above a dateline naming its region THEN the dateline dates the article', () => {
    const text = 'Tajik troops now control devastated town.\n\nYuri Kushko\n\nTAVILDARA, Tajikistan 1996-08-30\n\nTajik government troops retook the town on Thursday.\n';
    expect(read(text).facts.dates).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Thursday', date: '1996-08-29' })]));
  });
  test('GIVEN a dateline that opens the lead, its year written out THEN it dates the article', () => {
    const text = 'Cubs win\n\nCHICAGO, Nov. 3, 2016 (Reuters) - Fans poured into the streets on Wednesday night after the Cubs won.\n';
    const facts = read(text).facts;
    expect(facts.dates).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Wednesday night', date: '2016-11-02' })]));
  });
  test('GIVEN a dateline without a year THEN nothing is invented', () => {
    const text = 'Cubs win\n\nCHICAGO, Nov 3 (Reuters) - Fans poured into the streets on Wednesday night after the Cubs won.\n';
    expect(read(text).facts.dates).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Wednesday night', date: null })]));
  });
  test('GIVEN a year-dated sentence in the lead, not a dateline THEN it does not date the article', () => {
    const text = 'Talks\n\nThe treaty of March 3, 2016 was broken on Monday, officials said.\n';
    expect(read(text).facts.dates).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Monday', date: null })]));
  });
});
