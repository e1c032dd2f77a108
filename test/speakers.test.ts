import { describe, expect, test } from 'vitest';
import type { Reading, Speaker } from '../src/article/types.js';
import { quoteOf, read } from './read-article.js';

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
  {
    pattern: 'said X',
    text: '“The economy is in good shape,” said Treasury Secretary Steven Mnuchin.',
    quote: 'The economy',
    speaker: 'Steven Mnuchin',
    mention: 'Treasury Secretary Steven Mnuchin',
  },
  {
    pattern: 'X told reporters',
    text: '“We are not going to negotiate,” Sen. Mitch McConnell told reporters on Capitol Hill.',
    quote: 'We are not',
    speaker: 'Mitch McConnell',
    mention: 'Sen. Mitch McConnell',
  },
  {
    pattern: 'according to X',
    text: 'The program was “a waste of taxpayer money,” according to Rep. Jim Jordan, the Ohio Republican.',
    quote: 'a waste',
    speaker: 'Jim Jordan',
    mention: 'Rep. Jim Jordan',
  },
  {
    pattern: 'X added',
    text: 'Republicans are “afraid of their own voters,” Senator Bernie Sanders added.',
    quote: 'afraid',
    speaker: 'Bernie Sanders',
    mention: 'Senator Bernie Sanders',
  },
  {
    pattern: 'X noted',
    text: 'The vote was “a historic step,” Chancellor Angela Merkel noted.',
    quote: 'a historic step',
    speaker: 'Angela Merkel',
    mention: 'Chancellor Angela Merkel',
  },
  {
    pattern: 'X stressed',
    text: 'The deal “must be honored by all sides,” Foreign Minister Sergei Lavrov stressed.',
    quote: 'must be honored',
    speaker: 'Sergei Lavrov',
    mention: 'Foreign Minister Sergei Lavrov',
  },
  { pattern: 'X warned', text: 'The storm “could be catastrophic,” Governor Rick Scott warned.', quote: 'could be', speaker: 'Rick Scott', mention: 'Governor Rick Scott' },
  {
    pattern: 'X asserted',
    text: 'The allegations were “completely false,” Attorney General Jeff Sessions asserted.',
    quote: 'completely false',
    speaker: 'Jeff Sessions',
    mention: 'Attorney General Jeff Sessions',
  },
  { pattern: 'X insisted', text: 'The money “was never misused,” Governor Andrew Cuomo insisted.', quote: 'was never', speaker: 'Andrew Cuomo', mention: 'Governor Andrew Cuomo' },
  {
    pattern: 'X wrote',
    text: '“The era of big government is over,” former President Bill Clinton wrote in his memoir.',
    quote: 'The era',
    speaker: 'Bill Clinton',
    mention: 'former President Bill Clinton',
  },
  { pattern: 'X tweeted', text: '“Nobody knew health care could be so complicated,” Trump tweeted.', quote: 'Nobody knew', speaker: 'Trump', mention: 'Trump' },
  {
    pattern: 'X said in a statement',
    text: '“We are deeply concerned by these reports,” Senator Chuck Schumer said in a statement.',
    quote: 'We are deeply',
    speaker: 'Chuck Schumer',
    mention: 'Senator Chuck Schumer',
  },
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
  {
    pattern: 'a colon introduction on the same line',
    text: 'Senator Bernie Sanders put it plainly on Saturday: “The system is rigged.”',
    quote: 'The system',
    speaker: 'Bernie Sanders',
    mention: 'Senator Bernie Sanders',
  },
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
    expectAttributed({
      pattern: 'a speaker after a quote-only sentence',
      text: '“Are we going to war?” Sen. Rand Paul asked on Tuesday.',
      quote: 'Are we going',
      speaker: 'Rand Paul',
      mention: 'Sen. Rand Paul',
    });
  });

  test('attributes "Sad!" to President Donald Trump when he follows the quote', () => {
    expectAttributed({
      pattern: 'X tweeted after "!"',
      text: '“Sad!” President Donald Trump tweeted on Saturday.',
      quote: 'Sad!',
      speaker: 'Donald Trump',
      mention: 'President Donald Trump',
    });
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
    const text =
      'Turkish leader Recep Tayyip Erdogan spoke in Ankara on Sunday. The Turkish president noted that talks had gone well. “We are close to an agreement,” the Turkish president said.';
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

  test.each([
    { role: 'the secretary of state', speaker: 'John Kerry' },
    { role: 'the secretary of defense', speaker: 'the secretary of defense' },
  ])('GIVEN "Secretary of State John Kerry" THEN "$role" is $speaker', ({ role, speaker }) => {
    expectAttributed({
      pattern: 'a role with "of"',
      text: `Secretary of State John Kerry met reporters. “We will not retreat,” ${role} said.`,
      quote: 'We will',
      speaker,
      mention: role,
    });
  });

  test('GIVEN "Secretary of State Mike Pompeo" THEN the name is Mike Pompeo and the role Secretary of State', () => {
    const reading = read('“We will not be intimidated,” Secretary of State Mike Pompeo said on Tuesday.');
    expect(quoteOf(reading, 'We will not').speaker?.name).toBe('Mike Pompeo');
    expect(speakerNamed(reading, 'Mike Pompeo').roles).toContain('Secretary of State');
  });
});

/** Speakers known by a descriptive phrase ("the retired neurosurgeon", "the report"), and the cues around them. */
const descriptions: Case[] = [
  {
    pattern: 'a determiner and a noun the lexicon does not know, before the verb',
    text: 'Closures outpaced openings, a trend that the foundation predicts will continue “for the next few years.”',
    quote: 'for the next',
    speaker: 'the foundation',
    mention: 'the foundation',
  },
  {
    pattern: 'a verb of saying right after the noun, before a name',
    text: 'The book accuses Bob of treating the guards like “hired help.”',
    quote: 'hired help',
    speaker: 'the book',
    mention: 'The book',
  },
  {
    pattern: 'a plural subject chanting',
    text: 'Holding signs, the protesters chanted “Bad for New Jersey, bad for you.”',
    quote: 'Bad for',
    speaker: 'the protesters',
    mention: 'the protesters',
  },
  {
    pattern: 'a sentence opening with a determiner and unknown nouns',
    text: 'Ben Carson is struggling. The retired neurosurgeon has provided no details, saying only that he was “refining some operational practices.”',
    quote: 'refining',
    speaker: 'the retired neurosurgeon',
    mention: 'The retired neurosurgeon',
  },
  {
    pattern: 'a determined subject followed by a time phrase',
    text: 'Sadiq Khan won the vote. The British capital’s new mayor on Tuesday rejected the offer to make an “exception to the ban for me.”',
    quote: 'exception',
    speaker: 'the British capital’s new mayor',
    mention: 'The British capital’s new mayor',
  },
  {
    pattern: 'a subject after an opening participle clause',
    text: 'Former Secretary of State Hillary Clinton spoke. Reprising one of her lines, the former secretary of state talked about the “progress we had under President Obama.”',
    quote: 'progress',
    speaker: 'Hillary Clinton',
    mention: 'the former secretary of state',
  },
  {
    pattern: 'a plain noun before a role noun',
    text: 'Over the long term, according to the budget office, the deficit “is mainly attributable to the aging of the population.”',
    quote: 'is mainly',
    speaker: 'the budget office',
    mention: 'the budget office',
  },
  {
    pattern: 'a possessive before a role noun',
    text: '“The gifts were all opened: a new server, a mouse,” says the ad’s narrator.',
    quote: 'The gifts',
    speaker: 'the ad’s narrator',
    mention: 'the ad’s narrator',
  },
  {
    pattern: 'an ordinal before a role noun',
    text: '“What he is saying is that the critical mass was reached,” said the second official.',
    quote: 'What he',
    speaker: 'the second official',
    mention: 'the second official',
  },
  {
    pattern: 'a noun compound of a role',
    text: '“It shows a lack of character,” the Senate minority leader said.',
    quote: 'It shows',
    speaker: 'the Senate minority leader',
    mention: 'the Senate minority leader',
  },
  {
    pattern: 'the plural of a role noun',
    text: '“If we want minority voters to support Republicans, we have to engage them,” wrote the authors of the report.',
    quote: 'If we want',
    speaker: 'the authors',
    mention: 'the authors',
  },
  {
    pattern: 'an inverted verb and unknown words up to the full stop',
    text: '“There is no home-state advantage,” said one unaligned Florida Republican strategist.',
    quote: 'There is no',
    speaker: 'one unaligned Florida Republican strategist',
    mention: 'one unaligned Florida Republican strategist',
  },
  {
    pattern: 'an inverted verb, a description and the name set off by commas',
    text: '“We found no ties of any consequence,” said the bureau’s director, James B. Comey, on Monday.',
    quote: 'We found',
    speaker: 'James B. Comey',
    mention: 'the bureau’s director, James B. Comey',
  },
  {
    pattern: 'a description right before a name',
    text: '“I’m not going to say it is a mistake,” said retired neurosurgeon Ben Carson.',
    quote: 'I’m not',
    speaker: 'Ben Carson',
    mention: 'retired neurosurgeon Ben Carson',
  },
  {
    pattern: 'a relative clause set off by commas',
    text: 'The complaint, which was filed in federal court in Washington, alleged that the party “failed to protect the data.”',
    quote: 'failed',
    speaker: 'the complaint',
    mention: 'The complaint',
  },
  {
    pattern: 'an adverb set off by commas',
    text: 'The two lawmakers, however, argue that “there is precedent for prosecution.”',
    quote: 'there is',
    speaker: 'the two lawmakers',
    mention: 'The two lawmakers',
  },
  { pattern: 'a numeral as the head', text: '“You seem to have picked a new standard,” the two write.', quote: 'You seem', speaker: 'the two', mention: 'the two' },
  {
    pattern: 'a verb of saying the lexicon adds',
    text: 'Trump asked who would pay. “Mexico!” the audience screamed back.',
    quote: 'Mexico',
    speaker: 'the audience',
    mention: 'the audience',
  },
  {
    pattern: 'an organisation whose quoted words are a clause',
    text: 'The FBI confirmed the inquiry. The agency declined to detail the investigation’s “specific focus, scope or potential targets.”',
    quote: 'specific focus',
    speaker: 'the agency',
    mention: 'The agency',
  },
  {
    pattern: 'a quote inside the clause, the verb after it',
    text: 'The Rove ad hits Clinton for taking “54 times more money from Wall Street than from Iowa” and claims that “Wall Street made her rich.”',
    quote: '54 times',
    speaker: 'the Rove ad',
    mention: 'The Rove ad',
  },
  {
    pattern: 'a subject after "but in a later interview"',
    text: 'The employee first said he did not recall it, but in a later interview said he had an “Oh, no” moment.',
    quote: 'Oh, no',
    speaker: 'the employee',
    mention: 'The employee',
  },
  {
    pattern: 'a subject after "Late last month,"',
    text: 'Exxon protested. Late last month, the company wrote a letter to the university, calling the reports “inaccurate and deliberately misleading.”',
    quote: 'inaccurate',
    speaker: 'the company',
    mention: 'the company',
  },
];

describe('descriptive speakers', () => {
  test.each(descriptions)('attributes "$quote" to $speaker ($pattern)', (c) => expectAttributed(c));

  test('GIVEN "a premium for items labeled “…”" THEN the participle describes the items and the poll speaks', () => {
    expectAttributed({
      pattern: 'a reduced relative',
      text: 'Most Americans prefer low prices to paying a premium for items labeled “Made in the U.S.A.,” according to a poll released Thursday.',
      quote: 'Made in',
      speaker: 'a poll',
      mention: 'a poll',
    });
  });

  test('GIVEN "could be termed “…”," THEN the passive has no speaker and the newspaper reported it', () => {
    expectAttributed({
      pattern: 'a passive',
      text: 'Manafort acknowledged that his work could be termed “influence peddling,” The Washington Post reported in 1991.',
      quote: 'influence',
      speaker: 'Washington Post',
      mention: 'The Washington Post',
    });
  });

  test('GIVEN "A month later, he …" THEN the time is no subject and "he" speaks', () => {
    expectAttributed({
      pattern: 'a time phrase',
      text: 'Donald Trump visited the border in June. A month later, he went back and explained why “the Hispanics” love him.',
      quote: 'the Hispanics',
      speaker: 'Donald Trump',
      mention: 'he',
    });
  });

  test('GIVEN an organisation and a quoted label of two words THEN the label has no speaker', () => {
    expect(quoteOf(read('The FBI confirmed the inquiry. The agency released a “dry port” plan.'), 'dry port').speaker).toBeNull();
  });

  test('GIVEN a show’s title in an appositive THEN the person named before it did not say it', () => {
    expect(
      quoteOf(read('Scarborough spoke on Monday. Joe Scarborough, host of MSNBC’s “Morning Joe,” suggested the refusal could disqualify Trump.'), 'Morning Joe').speaker,
    ).toBeNull();
  });

  test('GIVEN "Unfortunately," opening the sentence THEN the adverb is not a name', () => {
    expectAttributed({
      pattern: 'an opening adverb',
      text: 'Polls are tightening. Unfortunately, many voters will “continue to support him in the name of patriotism.”',
      quote: 'continue',
      speaker: 'many voters',
      mention: 'many voters',
    });
  });
});

describe('cues near the quote', () => {
  test('GIVEN "he said" inside a sentence whose subject comes before the quote and verb after THEN the nearer "he said" wins', () => {
    expectAttributed({
      pattern: 'the nearer cue',
      text: 'Donald Trump spoke in Iowa. He has also railed against the move – “I love Oreos,” he said, “I will never eat them again” – and vowed to impose a tariff.',
      quote: 'I love',
      speaker: 'Donald Trump',
      mention: 'he',
    });
  });

  test('GIVEN "the United States" after the quote THEN "States" is no verb of saying', () => {
    expectAttributed({
      pattern: 'a capital mid-sentence',
      text: 'Mr. Biden said he would “reassure” allies that the United States would honor its commitment.',
      quote: 'reassure',
      speaker: 'Biden',
      mention: 'Mr. Biden',
    });
  });

  test('GIVEN ", said the candidate could win" THEN the phrase after the verb is the reported clause’s subject', () => {
    expectAttributed({
      pattern: 'said and a reported clause',
      text: 'Mr. Manafort, citing “the unique magic of Trump,” said the candidate could win Pennsylvania.',
      quote: 'the unique',
      speaker: 'Manafort',
      mention: 'Mr. Manafort',
    });
  });

  test('GIVEN "in the Republican primary, Gov. John Kasich, said" THEN the governor speaks, not the primary', () => {
    expectAttributed({
      pattern: 'an appositive whose head is no name',
      text: 'Tuesday in Berea, after winning Ohio in the Republican primary, Gov. John Kasich, said, “I’m getting ready to rent a covered wagon.”',
      quote: 'I’m getting',
      speaker: 'John Kasich',
      mention: 'Gov. John Kasich',
    });
  });

  test('GIVEN "Pollsters agree - Carl Bialik: “…”" THEN the name and colon beat the verb', () => {
    expectAttributed({
      pattern: 'a colon introduction after a verb',
      text: 'Pollsters agree - Carl Bialik: “Keep on contacting voters as late as possible.”',
      quote: 'Keep on',
      speaker: 'Carl Bialik',
      mention: 'Carl Bialik',
    });
  });

  test('GIVEN "As The Post’s Dana Milbank puts it," THEN the columnist speaks and the paper is not part of the name', () => {
    expectAttributed({
      pattern: 'puts it',
      text: 'As The Post’s Dana Milbank puts it, “Senate Republicans are unmoved.”',
      quote: 'Senate Republicans',
      speaker: 'Dana Milbank',
      mention: 'The Post’s Dana Milbank',
    });
  });

  test('GIVEN "Adding, “…”" after a quote THEN the participle is no name and the quote stays with its speaker', () => {
    expectAttributed({
      pattern: 'an opening participle of saying',
      text: 'Bill Maher said the report “wasn’t good.” Adding, “It’s always how they handle it.”',
      quote: 'It’s always',
      speaker: 'Bill Maher',
      mention: 'Bill Maher',
    });
  });

  test('GIVEN a wire credit "- Reuters." on a line of its own THEN it is not the quote’s byline', () => {
    expect(quoteOf(read('Senator Harry Reid spoke on Monday.\n\n“It shows a lack of character.”\n\n- Reuters.'), 'It shows').speaker).toBeNull();
  });

  test('GIVEN a dash and a subhead after the quote THEN the subhead is no byline', () => {
    expectAttributed({
      pattern: 'a subhead after a dash',
      text: 'Jorge Ramos spoke at the gala. He believes in journalism that “takes sides.” – Ready to quiz Trump –.',
      quote: 'takes sides',
      speaker: 'Jorge Ramos',
      mention: 'He',
    });
  });
});

describe('a quote that continues its speaker', () => {
  test('GIVEN a second quote in the same paragraph with no attribution THEN it keeps the speaker', () => {
    const text =
      'Pat Caddell, a former pollster for Jimmy Carter, has long warned about voter anger. “People feel that the system is rigged against them,” Caddell said. “They are not wrong about that.”';
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
    const text =
      'Putin warns West over new sanctions\n\nRussian President Vladimir Putin on Thursday warned that new sanctions would “only hurt Europe.” “We have been patient,” Putin told reporters in Moscow.';
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
