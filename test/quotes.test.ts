import { describe, expect, test } from 'vitest';
import { findQuotes } from '../src/article/quotes.js';
import { splitParagraphs } from '../src/article/read.js';
import type { Quote, QuoteKind } from '../src/article/types.js';
import { read } from './read-article.js';

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
  {
    form: "the NYT ''…'' form",
    text: "''It has been a very difficult year for the company,'' said Mary Barra, the chief executive.",
    quote: 'It has been a very difficult year for the company,',
    kind: 'direct',
  },
  {
    form: 'British single quotes',
    text: '‘We will not be bullied by Brussels,’ the prime minister told the Commons on Wednesday.',
    quote: 'We will not be bullied by Brussels,',
    kind: 'direct',
  },
  { form: 'guillemets', text: '«Nous sommes en guerre», a déclaré Emmanuel Macron lundi soir.', quote: 'Nous sommes en guerre', kind: 'direct' },
  {
    form: 'a multi-sentence quote',
    text: '“The terrorists are making attempts to undermine the ceasefire. Furthermore, they conduct various provocations,” Putin told reporters.',
    quote: 'The terrorists are making attempts to undermine the ceasefire. Furthermore, they conduct various provocations,',
    kind: 'direct',
  },
  {
    form: 'a quote with a question and an exclamation inside',
    text: '“Why would we stop now? We are winning!” the coach shouted after the game.',
    quote: 'Why would we stop now? We are winning!',
    kind: 'direct',
  },
  {
    form: 'brackets inside a quote',
    text: '“I hope [Putin] will continue the positive stance also going forward,” Erdogan said.',
    quote: 'I hope [Putin] will continue the positive stance also going forward,',
    kind: 'direct',
  },
  {
    form: 'a bracket that opens a quote',
    text: '“[The US-led] coalition forces must leave,” the minister said.',
    quote: '[The US-led] coalition forces must leave,',
    kind: 'direct',
  },
  {
    form: 'a partial quote inside reported speech',
    text: 'Moscow and Ankara must work out a “positive approach” to tackle the Idlib crisis, Erdogan said.',
    quote: 'positive approach',
    kind: 'partial',
  },
  { form: 'a partial quote that starts with a capital', text: 'The senator called the bill a “Trojan horse” for tax cuts.', quote: 'Trojan horse', kind: 'partial' },
  { form: 'a full statement after a colon', text: 'Sanders put it simply: “The system is rigged.”', quote: 'The system is rigged.', kind: 'direct' },
  { form: 'a full statement after "said,"', text: 'Clinton said, "We are stronger together."', quote: 'We are stronger together.', kind: 'direct' },
  { form: 'a quote with an apostrophe inside', text: '“We don’t negotiate with terrorists,” the spokesman said.', quote: 'We don’t negotiate with terrorists,', kind: 'direct' },
  {
    form: 'single quotes nested in double quotes',
    text: '“He told me ‘never again’ and I believed him,” Smith said.',
    quote: 'He told me ‘never again’ and I believed him,',
    kind: 'direct',
  },
  {
    form: 'a quote in the middle of a sentence',
    text: 'The situation on the ground is “complicated,” Kremlin spokesperson Dmitry Peskov said.',
    quote: 'complicated,',
    kind: 'partial',
  },
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
    const text =
      "Budget talks\n\n''We are not going to raise taxes on the middle class,'' Mr. Obama said. ''We are going to ask the wealthiest to pay a bit more.\n\n''That is only fair.''";
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
    { word: 'straight apostrophes', text: "The mayor's office said it didn't know about the pilot program's costs until the '90s." },
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

describe('straight single quote marks, as the British press writes them', () => {
  interface SingleCase {
    form: string;
    text: string;
    quotes: string[];
  }
  const singles: SingleCase[] = [
    { form: 'a quote before its attribution', text: "'I am absolutely delighted,' said Treadwell after the count.", quotes: ['I am absolutely delighted,'] },
    {
      form: 'a quote after a colon',
      text: "He said: 'There is an SNP candidate standing in every seat in Scotland.'",
      quotes: ['There is an SNP candidate standing in every seat in Scotland.'],
    },
    { form: "don't inside", text: "'We don't want a second referendum,' the First Minister told MSPs.", quotes: ["We don't want a second referendum,"] },
    { form: "Jones's inside", text: "'Mr Jones's lawyers have seen the letter,' a spokesman said.", quotes: ["Mr Jones's lawyers have seen the letter,"] },
    { form: 'a plural possessive inside', text: "'The Smiths' house was the first to flood,' a neighbour said.", quotes: ["The Smiths' house was the first to flood,"] },
    { form: "'90s inside", text: "'It was like the '90s all over again,' said the DJ.", quotes: ["It was like the '90s all over again,"] },
    { form: "rock 'n' roll inside", text: "'Rock 'n' roll saved my life,' the singer told the BBC.", quotes: ["Rock 'n' roll saved my life,"] },
    { form: "o'clock inside", text: "'We left at six o'clock and got home at midnight,' she said.", quotes: ["We left at six o'clock and got home at midnight,"] },
    { form: 'a closing mark right after a plural possessive', text: "'This money belongs to the taxpayers'', said Mr Hammond.", quotes: ["This money belongs to the taxpayers'"] },
    {
      form: 'British nesting: double marks inside single',
      text: '\'He told me "never again" and I believed him,\' Smith said.',
      quotes: ['He told me "never again" and I believed him,'],
    },
    {
      form: 'single marks nested inside single',
      text: "'I would say, 'uh huh,' and he would turn to the young man,' Lynch said.",
      quotes: ["I would say, 'uh huh,' and he would turn to the young man,"],
    },
    { form: "a mark ending a nested quote before the outer's", text: "'He called it 'fake news',' the aide said.", quotes: ["He called it 'fake news',"] },
    { form: 'two partial quotes', text: "The minister called the plan 'fake news' and 'a disgrace' on Monday.", quotes: ['fake news', 'a disgrace'] },
    {
      form: 'a possessive between two quotes',
      text: "'The voters' choice is clear,' he said. 'We will respect it.'",
      quotes: ["The voters' choice is clear,", 'We will respect it.'],
    },
  ];

  test.each(singles)('finds $form', ({ text, quotes }) => {
    const found = read(text).quotes;
    expect(found.map((q) => q.text)).toEqual(quotes);
    expectWellFormed(text, found);
  });

  test('GIVEN US nesting (single marks inside double) THEN only the outer quote is found', () => {
    const text = '"He told me \'never again\' and I believed him," Smith said.';
    expect(read(text).quotes.map((q) => q.text)).toEqual(["He told me 'never again' and I believed him,"]);
  });

  test('GIVEN a US article whose straight single marks are elisions and titles THEN they make no quotes', () => {
    const text =
      '"We are worried," one resident said. And how \'bout this, from the Post: "Surge in robberies alters residents\' routines." He starred in \'Cheers\' for years, "and it showed," she said.';
    expect(read(text).quotes.map((q) => q.text)).toEqual(['We are worried,', "Surge in robberies alters residents' routines.", 'and it showed,']);
  });

  test('GIVEN a quote over two paragraphs in single marks THEN both pieces are found and the second continues', () => {
    const text = "Council to appeal\n\n'We will fight this in the courts.\n\n'And we will win,' the council leader said.";
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.text, q.continued])).toEqual([
      ['We will fight this in the courts.', false],
      ['And we will win,', true],
    ]);
    expect(quotes[1]!.speaker?.name).toBe('the council leader');
  });

  // CNN/DailyMail copy runs its paragraphs together on one line: each paragraph of a long
  // quotation reopens mid-line, and photo captions run into the text with no full stop.
  test('GIVEN a flattened quotation whose next paragraph reopens after a possessive later in the line THEN each paragraph is its own quote', () => {
    const text =
      "Enrique said: 'We are not thinking about the PSG match, we are only thinking about the visit of Valencia. 'Mentally we will have no problems because the players know it.' Celta Vigo travel to Eibar while Elche look to ease relegation fears at home to David Moyes' Real Sociedad.";
    const quotes = read(text).quotes;
    expect(quotes.map((q) => [q.text, q.continued])).toEqual([
      ['We are not thinking about the PSG match, we are only thinking about the visit of Valencia.', false],
      ['Mentally we will have no problems because the players know it.', true],
    ]);
    expectWellFormed(text, quotes);
  });

  test('GIVEN a flattened quotation with a photo caption run in before a paragraph THEN the caption is in no quote and the paragraphs are quotes of their own', () => {
    const text =
      "'Just because I do things differently it doesn't mean I'm worse. Race winner Hamilton celebrates with the trophy on the podium in Bahrain 'There was a point where people said Nico was a doctor of this or that. 'I tick off all the boxes, and I've worked to do that.' Hamilton has now set a personal record. 'Ultimately, I don't care what people think,' he said.";
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual([
      "Just because I do things differently it doesn't mean I'm worse.",
      'There was a point where people said Nico was a doctor of this or that.',
      "I tick off all the boxes, and I've worked to do that.",
      "Ultimately, I don't care what people think,",
    ]);
    expectWellFormed(text, quotes);
  });

  test('GIVEN a flattened quotation whose opening paragraph lost its closing mark before an introduction THEN it ends with its last sentence', () => {
    const text =
      "Justine Dawson told FEMAIL: 'All kinds of people come to the courses. She continues: '[It's a mixture of] Singles and couples. 'I would say that most people are 25-55.' Your average Brit might find it odd. 'It is not,' she said.";
    const quotes = read(text).quotes;
    expect(quotes.map((q) => q.text)).toEqual([
      'All kinds of people come to the courses.',
      "[It's a mixture of] Singles and couples.",
      'I would say that most people are 25-55.',
      'It is not,',
    ]);
    expectWellFormed(text, quotes);
  });

  test('GIVEN a short title-cased line in quote marks THEN it is a subheading, not a quote', () => {
    const text = 'Obama on climate change\n\n"It is going to be enormously disruptive," Obama said.\n\n\'All Bets Are Off.\'\n\nEight years ago, the debate was different.';
    expect(read(text).quotes.map((q) => q.text)).toEqual(['It is going to be enormously disruptive,']);
  });
});

describe('a quote with a quote inside it, in every style of marks', () => {
  // HuffPost, 26 Sep 2016, with its nested pair rewritten in single marks (as the scorer's
  // --marks does): the inner marks lie inside the outer quote, so its text carries them as the
  // file has them, and differs from the original article's exactly there.
  const styles = [
    ['British straight singles outside, doubles inside', '\'I can’t yell too much. It comes across as "too loud" or "too shrill."\'', "'Not again,' she said."],
    ['straight singles inside straight doubles', "\"I can’t yell too much. It comes across as 'too loud' or 'too shrill.'\"", ''],
    ['curly singles inside doubles', '"I can’t yell too much. It comes across as ‘too loud’ or ‘too shrill.’"', ''],
  ];
  test.each(styles)('GIVEN %s THEN the outer quote is found whole, its text the slice of the text as read', (_style, quote, more) => {
    const text = `Clinton said on Monday:\n\n${quote}\n\n${more}`;
    const found = read(text).quotes;
    expect(found[0]!.text).toBe(quote.slice(1, -1));
    expectWellFormed(text, found);
  });
});
