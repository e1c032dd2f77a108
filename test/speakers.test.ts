import { describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import type { Quote, Reading, Speaker } from '../src/article/types.js';

function read(text: string): Reading {
  const result = readArticle(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function quoteOf(reading: Reading, start: string): Quote {
  const quote = reading.quotes.find((q) => q.text.startsWith(start));
  if (!quote) throw new Error(`no quote starting "${start}" in: ${reading.quotes.map((q) => q.text).join(' | ')}`);
  return quote;
}

function speakerNamed(reading: Reading, name: string): Speaker {
  const speaker = reading.speakers.find((s) => s.name === name);
  if (!speaker) throw new Error(`no speaker "${name}" in: ${reading.speakers.map((s) => s.name).join(', ')}`);
  return speaker;
}

interface Case {
  pattern: string;
  text: string;
  /** The start of the quote's text. */
  quote: string;
  speaker: string;
  /** The attribution phrase, or null for a quote that continues its speaker. */
  mention: string | null;
}

/** Checks the speaker, the mention and that the mention is the text at its offsets. */
function expectAttributed(c: Case): void {
  const quote = quoteOf(read(c.text), c.quote);
  expect(quote.speaker?.name).toBe(c.speaker);
  expect(quote.speaker?.mention?.text ?? null).toBe(c.mention);
  const m = quote.speaker?.mention;
  if (m) expect(c.text.slice(m.start, m.end)).toBe(m.text);
}

const patterns: Case[] = [
  {
    pattern: 'X said',
    text: 'Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis in Syria, Turkish leader Recep Tayyip Erdogan said on Monday.',
    quote: 'positive approach',
    speaker: 'Recep Tayyip Erdogan',
    mention: 'Turkish leader Recep Tayyip Erdogan',
  },
  { pattern: 'said X', text: '“The economy is in good shape,” said Treasury Secretary Steven Mnuchin.', quote: 'The economy', speaker: 'Steven Mnuchin', mention: 'Treasury Secretary Steven Mnuchin' },
  { pattern: 'X told reporters', text: '“We are not going to negotiate,” Sen. Mitch McConnell told reporters on Capitol Hill.', quote: 'We are not', speaker: 'Mitch McConnell', mention: 'Sen. Mitch McConnell' },
  { pattern: 'according to X', text: 'The program was “a waste of taxpayer money,” according to Rep. Jim Jordan, the Ohio Republican.', quote: 'a waste', speaker: 'Jim Jordan', mention: 'Rep. Jim Jordan' },
  { pattern: 'X added', text: 'Republicans are “afraid of their own voters,” Senator Bernie Sanders added.', quote: 'afraid', speaker: 'Bernie Sanders', mention: 'Senator Bernie Sanders' },
  { pattern: 'X noted', text: 'The vote was “a historic step,” Chancellor Angela Merkel noted.', quote: 'a historic step', speaker: 'Angela Merkel', mention: 'Chancellor Angela Merkel' },
  { pattern: 'X stressed', text: 'The deal “must be honored by all sides,” Foreign Minister Sergei Lavrov stressed.', quote: 'must be honored', speaker: 'Sergei Lavrov', mention: 'Foreign Minister Sergei Lavrov' },
  { pattern: 'X warned', text: 'The storm “could be catastrophic,” Governor Rick Scott warned.', quote: 'could be', speaker: 'Rick Scott', mention: 'Governor Rick Scott' },
  { pattern: 'X asserted', text: 'The allegations were “completely false,” Attorney General Jeff Sessions asserted.', quote: 'completely false', speaker: 'Jeff Sessions', mention: 'Attorney General Jeff Sessions' },
  { pattern: 'X insisted', text: 'The money “was never misused,” Governor Andrew Cuomo insisted.', quote: 'was never', speaker: 'Andrew Cuomo', mention: 'Governor Andrew Cuomo' },
  { pattern: 'X wrote', text: '“The era of big government is over,” former President Bill Clinton wrote in his memoir.', quote: 'The era', speaker: 'Bill Clinton', mention: 'former President Bill Clinton' },
  { pattern: 'X tweeted', text: '“Nobody knew health care could be so complicated,” Trump tweeted.', quote: 'Nobody knew', speaker: 'Trump', mention: 'Trump' },
  { pattern: 'X said in a statement', text: '“We are deeply concerned by these reports,” Senator Chuck Schumer said in a statement.', quote: 'We are deeply', speaker: 'Chuck Schumer', mention: 'Senator Chuck Schumer' },
  {
    pattern: 'a name and a description set off by commas',
    text: '“We are not going anywhere,” Dmitry Peskov, the Kremlin spokesman, said on Friday.',
    quote: 'We are not going',
    speaker: 'Dmitry Peskov',
    mention: 'Dmitry Peskov',
  },
  {
    pattern: 'a colon introduction, the quote in the next paragraph',
    text: 'Pollster warns of voter anger\n\nPat Caddell, a former pollster for Jimmy Carter, spoke to Breitbart News on Sunday. Caddell continued:\n\n“People feel that the system is rigged against them. They are not wrong about that.”',
    quote: 'People feel',
    speaker: 'Pat Caddell',
    mention: 'Caddell',
  },
  { pattern: 'a colon introduction on the same line', text: 'Senator Bernie Sanders put it plainly on Saturday: “The system is rigged.”', quote: 'The system', speaker: 'Bernie Sanders', mention: 'Senator Bernie Sanders' },
  {
    pattern: 'a speaker in the sentence before a quote-only sentence',
    text: 'Pat Caddell, a former pollster for Jimmy Carter, has long warned about voter anger. “People feel that the system is rigged against them.”',
    quote: 'People feel',
    speaker: 'Pat Caddell',
    mention: 'Pat Caddell',
  },
  {
    pattern: 'an inverted verb after a quote that ends in "!"',
    text: '“Sad!” tweeted President Donald Trump.',
    quote: 'Sad!',
    speaker: 'Donald Trump',
    mention: 'President Donald Trump',
  },
];

describe('attribution patterns', () => {
  test.each(patterns)('attributes "$quote" to $speaker ($pattern)', (c) => expectAttributed(c));

  test('attributes "Are we going to war?" to the senator named in the sentence after it', () => {
    expectAttributed({ pattern: 'a speaker after a quote-only sentence', text: '“Are we going to war?” Sen. Rand Paul asked on Tuesday.', quote: 'Are we going', speaker: 'Rand Paul', mention: 'Sen. Rand Paul' });
  });

  test('attributes "Sad!" to President Donald Trump when he follows the quote', () => {
    expectAttributed({ pattern: 'X tweeted after "!"', text: '“Sad!” President Donald Trump tweeted on Saturday.', quote: 'Sad!', speaker: 'Donald Trump', mention: 'President Donald Trump' });
  });
});

describe('pronouns', () => {
  test('GIVEN "he told reporters" after a sentence about Erdogan that names Putin THEN he is Erdogan', () => {
    expectAttributed({
      pattern: 'he',
      text: 'Turkish leader Recep Tayyip Erdogan met President Vladimir Putin in Sochi. Erdogan asserted that all parties must seek common ground. “The outcome of our meeting with Mr Putin will be important,” he told reporters on Monday.',
      quote: 'The outcome',
      speaker: 'Recep Tayyip Erdogan',
      mention: 'he',
    });
  });

  test('GIVEN "she" after a sentence about a man THEN she is the woman named before', () => {
    expectAttributed({
      pattern: 'she',
      text: 'Chancellor Angela Merkel said she would call Emmanuel Macron. Mr Macron arrived in Berlin on Monday. “Europe must stand together,” she said.',
      quote: 'Europe must',
      speaker: 'Angela Merkel',
      mention: 'she',
    });
  });

  test('GIVEN "he" after a sentence that names a woman first THEN he is the man', () => {
    expectAttributed({
      pattern: 'he',
      text: 'Ms Merkel met Mr Macron in Berlin on Monday. “Europe must stand together,” he said.',
      quote: 'Europe must',
      speaker: 'Macron',
      mention: 'he',
    });
  });

  test('GIVEN "they" after a sentence about an organisation THEN they are the organisation', () => {
    expectAttributed({
      pattern: 'they',
      text: 'The Pentagon responded within hours. “No such operation took place,” they said in an emailed response.',
      quote: 'No such',
      speaker: 'Pentagon',
      mention: 'they',
    });
  });

  test('GIVEN "she" after a sentence naming a man and then Ms Merkel THEN she is Merkel', () => {
    expectAttributed({
      pattern: 'she',
      text: 'Emmanuel Macron met Ms Merkel in Berlin on Monday. “Europe must stand together,” she said.',
      quote: 'Europe must',
      speaker: 'Merkel',
      mention: 'she',
    });
  });

  test('GIVEN "they" after "The State Department dismissed the report" THEN they are the State Department', () => {
    expectAttributed({
      pattern: 'they',
      text: 'The State Department dismissed the report on Friday. “These claims are baseless,” they said.',
      quote: 'These claims',
      speaker: 'State Department',
      mention: 'they',
    });
  });
});

describe('titles and descriptions', () => {
  test('GIVEN "the Turkish president" after "Turkish leader Recep Tayyip Erdogan" THEN the quote is Erdogan’s and both are roles', () => {
    const text = 'Turkish leader Recep Tayyip Erdogan spoke in Ankara on Sunday. The Turkish president noted that talks had gone well. “We are close to an agreement,” the Turkish president said.';
    const reading = read(text);
    expect(quoteOf(reading, 'We are close').speaker).toMatchObject({ name: 'Recep Tayyip Erdogan', mention: { text: 'the Turkish president' } });
    expect(new Set(speakerNamed(reading, 'Recep Tayyip Erdogan').roles)).toEqual(new Set(['Turkish leader', 'Turkish president']));
  });

  test.each([
    { role: 'the Russian president', speaker: 'Vladimir Putin' },
    { role: 'the Iranian president', speaker: 'Hassan Rouhani' },
  ])('GIVEN two presidents THEN "$role" is $speaker', ({ role, speaker }) => {
    const text = `Iranian President Hassan Rouhani met Russian President Vladimir Putin in Tehran. “We agreed on a common approach,” ${role} said.`;
    expect(quoteOf(read(text), 'We agreed').speaker?.name).toBe(speaker);
  });

  test('GIVEN "Secretary of State Mike Pompeo" THEN the name is Mike Pompeo and the role Secretary of State', () => {
    const reading = read('“We will not be intimidated,” Secretary of State Mike Pompeo said on Tuesday.');
    expect(quoteOf(reading, 'We will not').speaker?.name).toBe('Mike Pompeo');
    expect(speakerNamed(reading, 'Mike Pompeo').roles).toContain('Secretary of State');
  });
});

describe('a quote that continues its speaker', () => {
  test('GIVEN a second quote in the same paragraph with no attribution THEN it keeps the speaker', () => {
    const text = 'Pat Caddell, a former pollster for Jimmy Carter, has long warned about voter anger. “People feel that the system is rigged against them,” Caddell said. “They are not wrong about that.”';
    expect(quoteOf(read(text), 'They are not').speaker?.name).toBe('Pat Caddell');
  });

  test('GIVEN a quote-only paragraph right after a quote paragraph THEN it keeps the speaker with a null mention', () => {
    expectAttributed({
      pattern: 'continuation',
      text: 'Pat Caddell, a former pollster for Jimmy Carter, has long warned about voter anger. Caddell said: “People feel that the system is rigged against them.”\n\n“They are not wrong about that.”',
      quote: 'They are not',
      speaker: 'Pat Caddell',
      mention: null,
    });
  });

  test('GIVEN a quote over three paragraphs THEN every piece has the speaker and the later pieces a null mention', () => {
    const text = [
      'Thousands turn out for the rally',
      'Senator Elizabeth Warren spoke for an hour in Boston on Saturday. Warren told the crowd: “We have spent four years building this coalition.',
      '“It did not happen overnight. And it will not be undone by one bad vote.',
      '“So we keep going.”',
    ].join('\n\n');
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.speaker?.name, q.speaker?.mention?.text ?? null])).toEqual([
      ['Elizabeth Warren', 'Warren'],
      ['Elizabeth Warren', null],
      ['Elizabeth Warren', null],
    ]);
  });

  test('GIVEN a quote-only paragraph after “…,” Caddell said. THEN it is Caddell’s with a null mention', () => {
    expectAttributed({
      pattern: 'continuation in a later paragraph',
      text: 'Pat Caddell, a former pollster for Jimmy Carter, has long warned about voter anger. “People feel that the system is rigged against them,” Caddell said.\n\n“They are not wrong about that.”\n\nThe survey was conducted in October.',
      quote: 'They are not',
      speaker: 'Pat Caddell',
      mention: null,
    });
  });

  test('GIVEN a colon introduction at the start of the first paragraph THEN the mention does not reach into the title', () => {
    const text = 'Warren rallies supporters\n\nWarren told the crowd: “We have spent four years building this coalition.”';
    const reading = read(text);
    expect(quoteOf(reading, 'We have spent').speaker?.mention?.text).toBe('Warren');
    expect(reading.speakers[0]!.roles).toEqual([]);
  });
});

describe('canonical names, aliases and roles', () => {
  test('GIVEN "Mr. Obama" and "Bill de Blasio" THEN the aliases are written as the text has them, particles kept', () => {
    const reading = read('“We will fight,” Mr. Obama said. New York Mayor Bill de Blasio said the plan was “a mistake.”');
    expect(speakerNamed(reading, 'Obama').aliases).toContain('Mr. Obama');
    const mayor = speakerNamed(reading, 'Bill de Blasio');
    expect(mayor.aliases).toEqual(['de Blasio', 'Bill de Blasio']);
    expect(mayor.roles).toEqual(['New York Mayor']);
  });

  test('GIVEN "Vladimir Putin", "Mr Putin" and "[Putin]" THEN one speaker with the full name and the others as aliases', () => {
    const text =
      'President Vladimir Putin met Recep Tayyip Erdogan in Sochi. “I hope [Putin] will continue the positive stance,” Erdogan said. “We are ready,” Mr Putin said. “We have always been ready,” Putin added.';
    const reading = read(text);
    const putin = speakerNamed(reading, 'Vladimir Putin');
    expect(reading.speakers.filter((s) => /Putin/.test(s.name))).toHaveLength(1);
    expect(new Set(putin.aliases)).toEqual(new Set(['Putin', 'Mr Putin', 'Vladimir Putin']));
    expect(putin.roles).toEqual(['President']);
    expect(quoteOf(reading, 'I hope').speaker?.name).toBe('Recep Tayyip Erdogan');
    expect(reading.quotes.filter((q) => q.speaker?.id === putin.id)).toHaveLength(2);
  });

  test('GIVEN a headline naming "Putin" before "Russian President Vladimir Putin" THEN there is one speaker, Vladimir Putin', () => {
    const text = 'Putin warns West over new sanctions\n\nRussian President Vladimir Putin on Thursday warned that new sanctions would “only hurt Europe.” “We have been patient,” Putin told reporters in Moscow.';
    const reading = read(text);
    expect(reading.speakers.map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(quoteOf(reading, 'We have been').speaker?.name).toBe('Vladimir Putin');
  });

  test('GIVEN a title ending in a place THEN "Senator Elizabeth Warren" in the lead is the canonical name', () => {
    const text = 'A rally in Boston\n\nSenator Elizabeth Warren spoke for an hour on Saturday. Warren told the crowd: “We are not done.”';
    expect(quoteOf(read(text), 'We are not').speaker?.name).toBe('Elizabeth Warren');
  });

  test('GIVEN Hillary and Bill Clinton THEN they are two speakers with two ids', () => {
    const text = 'Hillary Clinton spoke in Iowa. “We are going to win,” Hillary Clinton said. Bill Clinton spoke in New Hampshire. “She is going to win,” Bill Clinton said.';
    const reading = read(text);
    expect(reading.speakers.map((s) => [s.name, s.id])).toEqual([
      ['Hillary Clinton', 'hillary-clinton'],
      ['Bill Clinton', 'bill-clinton'],
    ]);
  });
});

describe('organisations as speakers', () => {
  test.each([
    { text: '“Russia has nothing to do with it,” the Kremlin said on Friday.', name: 'Kremlin', mention: 'the Kremlin' },
    { text: '“We reject these claims,” the State Department said in a statement.', name: 'State Department', mention: 'the State Department' },
    { text: 'The new rules are “unworkable,” the European Commission said on Wednesday.', name: 'European Commission', mention: 'the European Commission' },
  ])('attributes the quote to the organisation "$name"', ({ text, name, mention }) => {
    const reading = read(text);
    expect(reading.quotes[0]!.speaker).toMatchObject({ name, mention: { text: mention } });
    expect(speakerNamed(reading, name).type).toBe('organization');
  });

  test('GIVEN "Amnesty International said in a statement" THEN the speaker is an organisation with no alias "International"', () => {
    const reading = read('“We are deeply concerned by the reports,” Amnesty International said in a statement.');
    const amnesty = speakerNamed(reading, 'Amnesty International');
    expect(amnesty.type).toBe('organization');
    expect(amnesty.aliases).toEqual(['Amnesty International']);
  });
});

describe('stable ids', () => {
  test('GIVEN the same person in two different articles THEN the speaker id is the same', () => {
    const a = read('Moscow and Ankara must work out a “positive approach,” Turkish leader Recep Tayyip Erdogan said on Monday.');
    const b = read('President Recep Tayyip Erdogan addressed parliament in Ankara on Tuesday. “We fight against all terror groups,” Erdogan said.');
    const idA = speakerNamed(a, 'Recep Tayyip Erdogan').id;
    expect(speakerNamed(b, 'Recep Tayyip Erdogan').id).toBe(idA);
    expect(idA).toMatch(/^[a-z0-9-]+$/);
  });

  test('GIVEN a name written with and without accents THEN the id is the same', () => {
    const a = read('“We will win,” Recep Tayyip Erdoğan said.');
    const b = read('“We will win,” Recep Tayyip Erdogan said.');
    expect(a.speakers[0]!.id).toBe(b.speakers[0]!.id);
  });

  test('GIVEN the same organisation in two articles THEN the id is the same', () => {
    const a = read('“Russia has nothing to do with it,” the Kremlin said on Friday.');
    const b = read('The Kremlin said on Monday that the talks were “constructive.”');
    expect(speakerNamed(a, 'Kremlin').id).toBe(speakerNamed(b, 'Kremlin').id);
  });
});
