import { describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { findQuotes } from '../src/article/quotes.js';
import { splitParagraphs } from '../src/article/read.js';
import type { Quote, QuoteKind, Reading } from '../src/article/types.js';

function read(text: string): Reading {
  const result = readArticle(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Every quote is a slice of the text, in order and without overlap. */
function expectWellFormed(text: string, quotes: Quote[]): void {
  let last = 0;
  for (const q of quotes) {
    expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(q.start).toBeGreaterThanOrEqual(last);
    expect(q.end).toBeGreaterThan(q.start);
    last = q.end;
  }
}

interface Case {
  form: string;
  text: string;
  quote: string;
  kind: QuoteKind;
}

const cases: Case[] = [
  { form: 'curly double quotes', text: '“We will not back down,” Mayor Bill de Blasio said on Tuesday.', quote: 'We will not back down,', kind: 'direct' },
  { form: 'straight double quotes', text: '"We will not back down," Mayor Bill de Blasio said on Tuesday.', quote: 'We will not back down,', kind: 'direct' },
  { form: "the NYT ''…'' form", text: "''It has been a very difficult year for the company,'' said Mary Barra, the chief executive.", quote: 'It has been a very difficult year for the company,', kind: 'direct' },
  { form: 'British single quotes', text: '‘We will not be bullied by Brussels,’ the prime minister told the Commons on Wednesday.', quote: 'We will not be bullied by Brussels,', kind: 'direct' },
  { form: 'guillemets', text: '«Nous sommes en guerre», a déclaré Emmanuel Macron lundi soir.', quote: 'Nous sommes en guerre', kind: 'direct' },
  {
    form: 'a multi-sentence quote',
    text: '“The terrorists are making attempts to undermine the ceasefire. Furthermore, they conduct various provocations,” Putin told reporters.',
    quote: 'The terrorists are making attempts to undermine the ceasefire. Furthermore, they conduct various provocations,',
    kind: 'direct',
  },
  { form: 'a quote with a question and an exclamation inside', text: '“Why would we stop now? We are winning!” the coach shouted after the game.', quote: 'Why would we stop now? We are winning!', kind: 'direct' },
  { form: 'brackets inside a quote', text: '“I hope [Putin] will continue the positive stance also going forward,” Erdogan said.', quote: 'I hope [Putin] will continue the positive stance also going forward,', kind: 'direct' },
  { form: 'a bracket that opens a quote', text: '“[The US-led] coalition forces must leave,” the minister said.', quote: '[The US-led] coalition forces must leave,', kind: 'direct' },
  { form: 'a partial quote inside reported speech', text: 'Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis, Erdogan said.', quote: 'positive approach', kind: 'partial' },
  { form: 'a partial quote that starts with a capital', text: 'The senator called the bill a “Trojan horse” for tax cuts.', quote: 'Trojan horse', kind: 'partial' },
  { form: 'a full statement after a colon', text: 'Sanders put it simply: “The system is rigged.”', quote: 'The system is rigged.', kind: 'direct' },
  { form: 'a full statement after "said,"', text: 'Clinton said, "We are stronger together."', quote: 'We are stronger together.', kind: 'direct' },
  { form: 'a quote with an apostrophe inside', text: '“We don’t negotiate with terrorists,” the spokesman said.', quote: 'We don’t negotiate with terrorists,', kind: 'direct' },
  { form: 'single quotes nested in double quotes', text: '“He told me ‘never again’ and I believed him,” Smith said.', quote: 'He told me ‘never again’ and I believed him,', kind: 'direct' },
  { form: 'a quote in the middle of a sentence', text: 'The situation on the ground is “complicated,” Kremlin spokesperson Dmitry Peskov said.', quote: 'complicated,', kind: 'partial' },
];

describe('quote forms', () => {
  test.each(cases)('finds "$quote" in $form', ({ text, quote, kind }) => {
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.text, q.kind])).toEqual([[quote, kind]]);
    expectWellFormed(text, quotes);
    expect(quotes[0]!.continued).toBe(false);
  });

  test('GIVEN two partial quotes in one sentence THEN both are found as partial', () => {
    const text = 'The senator said the plan was “dead on arrival” and “a gift to lobbyists.”';
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.text, q.kind])).toEqual([
      ['dead on arrival', 'partial'],
      ['a gift to lobbyists.', 'partial'],
    ]);
    expectWellFormed(text, quotes);
  });

  test('GIVEN a quote split by its attribution THEN both halves are found', () => {
    const text = '“We fight against all terror groups,” Erdogan said. “Similarly, we fight against terrorism in Idlib.”';
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual(['We fight against all terror groups,', 'Similarly, we fight against terrorism in Idlib.']);
    expectWellFormed(text, quotes);
  });

  test('GIVEN a multi-sentence quote THEN the sentence split never cuts it', () => {
    const text = 'Erdogan asserted that all parties must seek common ground. “If the situation continues as is, the results will be heavy. We have to find a solution,” he said.';
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual(['If the situation continues as is, the results will be heavy. We have to find a solution,']);
  });
});

describe('multi-paragraph quotes', () => {
  test('GIVEN a quote that opens, runs over three paragraphs and closes THEN one entry per piece, the later ones continued', () => {
    const text = [
      'Warren rallies supporters',
      'Warren told the crowd: “We have spent four years building this coalition.',
      '“It did not happen overnight. And it will not be undone by one bad vote.',
      '“So we keep going.”',
      'The crowd cheered.',
    ].join('\n\n');
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.text, q.continued, q.kind])).toEqual([
      ['We have spent four years building this coalition.', false, 'direct'],
      ['It did not happen overnight. And it will not be undone by one bad vote.', true, 'direct'],
      ['So we keep going.', true, 'direct'],
    ]);
    expectWellFormed(text, quotes);
  });

  test('GIVEN the wire form over two paragraphs THEN the second piece is continued', () => {
    const text = "Budget talks\n\n''We are not going to raise taxes on the middle class,'' Mr. Obama said. ''We are going to ask the wealthiest to pay a bit more.\n\n''That is only fair.''";
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.text, q.continued])).toEqual([
      ['We are not going to raise taxes on the middle class,', false],
      ['We are going to ask the wealthiest to pay a bit more.', false],
      ['That is only fair.', true],
    ]);
    expectWellFormed(text, quotes);
  });

  test('GIVEN a paragraph that opens a quote and the next does not reopen THEN the quote does not swallow the next paragraph', () => {
    const text = 'Council vote\n\nThe mayor said the “plan is flawed and will fail.\n\nThe council voted on Tuesday. Nobody else spoke. “We are done,” Jones said.';
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual(['We are done,']);
    expectWellFormed(text, quotes);
  });
});

describe('apostrophes are never quote marks', () => {
  const apostrophes = [
    { word: 'don’t', text: 'Officials don’t expect a deal before the summit, the ministry said.' },
    { word: 'Clinton’s', text: 'Clinton’s campaign raised $30 million in the quarter, aides said.' },
    { word: 'the ’90s', text: 'Crime fell sharply in the ’90s, and it has kept falling since.' },
    { word: 'rock ’n’ roll', text: 'He grew up on rock ’n’ roll and still plays the guitar every day.' },
    { word: 'Jones’ car', text: 'Police found Jones’ car abandoned near the border on Friday.' },
    { word: "straight apostrophes", text: "The mayor's office said it didn't know about the 'pilot' program's costs until the '90s." },
    { word: 'a plural possessive', text: 'The workers’ union rejected the offer, and the teachers’ union followed.' },
    { word: "O'Brien", text: "Conan O'Brien's show was cancelled, and O’Neill’s was too." },
  ];

  test.each(apostrophes)('GIVEN "$word" THEN no quote is found', ({ text }) => {
    expect(read(text).quotes).toEqual([]);
  });

  test('GIVEN apostrophes around a real quote THEN only the quote is found, whole', () => {
    const text = 'In the ’90s, Jones’ father didn’t vote. “It’s over for rock ’n’ roll,” Smith said of Clinton’s remarks.';
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual(['It’s over for rock ’n’ roll,']);
    expectWellFormed(text, quotes);
  });

  test('GIVEN British quotes with an apostrophe inside THEN the apostrophe does not close the quote', () => {
    const text = '‘We can’t let Brussels dictate Britain’s future,’ the minister said.';
    expect(read(text).quotes.map((q) => q.text)).toEqual(['We can’t let Brussels dictate Britain’s future,']);
  });
});

describe('unbalanced marks neither crash nor swallow the article', () => {
  // The next paragraph does not open with a mark, so nothing continues into it.
  const later = 'The council voted on Tuesday. “We are done,” Jones said.';
  const unbalanced = [
    { name: 'an opening curly mark never closed', text: 'He said “this is wrong and then left the room.' },
    { name: 'a closing curly mark never opened', text: 'He said this is wrong” and then left the room.' },
    { name: 'an odd straight mark', text: 'The 6" pipe burst and flooded the basement on Monday.' },
    { name: 'an opening single mark never closed', text: 'The minister called it ‘a disgrace and walked out.' },
    { name: 'two openings in a row', text: 'The ad said ““vote early and often.' },
    { name: 'a lone wire mark', text: "The report said ''the numbers do not add up and then stopped." },
  ];

  test.each(unbalanced)('GIVEN $name THEN the next paragraph’s quote is still found alone', ({ text }) => {
    const whole = `Council vote\n\n${text}\n\n${later}`;
    const quotes = read(whole).quotes;
    expect(quotes.map((q) => q.text)).toEqual(['We are done,']);
    expectWellFormed(whole, quotes);
  });

  test('GIVEN an unclosed mark inside a line THEN a later quote on the same line is still found', () => {
    const text = 'He said “this is wrong and then left. Later, Smith said “It is fine,” and went home.';
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual(['It is fine,']);
    expectWellFormed(text, quotes);
  });

  test('GIVEN marks that hold no words THEN no quote is made of them', () => {
    expect(read('The sign read “ ” and “...” and "" on Monday.').quotes).toEqual([]);
  });
});

describe('findQuotes on its own', () => {
  test('GIVEN the paragraphs of a text THEN outer offsets enclose the marks and inner ones the words', () => {
    const text = 'Smith said: “It is fine.”';
    const [quote] = findQuotes(text, splitParagraphs(text));
    expect(quote).toMatchObject({ text: 'It is fine.', outerStart: text.indexOf('“'), outerEnd: text.length });
  });
});
