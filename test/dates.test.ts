import { describe, expect, test } from 'vitest';
import { extractDates } from '../src/article/facts/dates.js';

/** The resolved date of the fact whose text is `text`, skipping the article's own date line. */
const resolve = (sentence: string, articleDate: string | null, text: string) => extractDates(sentence, articleDate).find((d) => d.text === text)?.date;

describe('relative dates resolve against the article date', () => {
  const cases = [
    // The seed: an article of Monday 2018-09-17.
    { articleDate: '2018-09-17', sentence: 'Erdogan said ahead of holding talks with President Vladimir Putin on Monday.', text: 'Monday', date: '2018-09-17' },
    { articleDate: '2018-09-17', sentence: 'Putin told reporters on September 7.', text: 'September 7', date: '2018-09-07' },
    { articleDate: '2018-09-17', sentence: 'The talks were announced on Friday.', text: 'Friday', date: '2018-09-14' },
    // Month boundary: Saturday 2018-09-01 looks back into August.
    { articleDate: '2018-09-01', sentence: 'The ceasefire collapsed on Friday, officials said.', text: 'Friday', date: '2018-08-31' },
    { articleDate: '2018-09-01', sentence: 'Five people were trapped yesterday under the rubble.', text: 'yesterday', date: '2018-08-31' },
    // Year boundary: Tuesday 2019-01-01 looks back into 2018.
    { articleDate: '2019-01-01', sentence: 'The minister resigned on Monday after the vote.', text: 'Monday', date: '2018-12-31' },
    { articleDate: '2019-01-01', sentence: 'The deal was signed on December 30 in Geneva.', text: 'December 30', date: '2018-12-30' },
    { articleDate: '2019-01-01', sentence: 'Markets fell sharply yesterday in Tokyo.', text: 'yesterday', date: '2018-12-31' },
    // Year boundary forwards: a New Year's Eve story about the days just ahead.
    { articleDate: '2018-12-31', sentence: 'The new law takes effect tomorrow.', text: 'tomorrow', date: '2019-01-01' },
    { articleDate: '2018-12-31', sentence: 'Parliament will meet again on January 2.', text: 'January 2', date: '2019-01-02' },
    // The World Series story of Thursday 3 November 2016: the game ended the night before.
    {
      articleDate: '2016-11-03',
      sentence: 'The Chicago Cubs beat the Cleveland Indians 8-7 in ten innings of a rain-delayed game seven late last night.',
      text: 'last night',
      date: '2016-11-02',
    },
    { articleDate: '2016-11-03', sentence: 'The president spoke to reporters this morning at the White House.', text: 'this morning', date: '2016-11-03' },
  ];
  test.each(cases)('"$text" in an article of $articleDate is $date', ({ articleDate, sentence, text, date }) => {
    expect(resolve(sentence, articleDate, text)).toBe(date);
  });
});

describe('weekdays and days of the month resolve by tense', () => {
  // Friday 13 January 2017: "on Monday" is the 9th in a past clause, the 16th in a future one.
  const cases = [
    { sentence: 'Trump said on Monday that he would keep his businesses.', text: 'Monday', date: '2017-01-09' },
    { sentence: 'On Monday, the committee voted to delay the hearing.', text: 'Monday', date: '2017-01-09' },
    { sentence: 'The president-elect will meet Japanese business leaders on Monday.', text: 'Monday', date: '2017-01-16' },
    { sentence: 'On Monday, the Senate is expected to vote on the nomination.', text: 'Monday', date: '2017-01-16' },
    { sentence: 'Obama is scheduled to give his farewell address on Tuesday.', text: 'Tuesday', date: '2017-01-17' },
    { sentence: 'The inauguration will take place on January 20 in Washington.', text: 'January 20', date: '2017-01-20' },
    { sentence: 'The hack was first reported on December 29.', text: 'December 29', date: '2016-12-29' },
    { sentence: 'The hearings began on January 20, officials said.', text: 'January 20', date: '2016-01-20' },
  ];
  test.each(cases)('"$sentence" puts $text on $date', ({ sentence, text, date }) => {
    expect(resolve(sentence, '2017-01-13', text)).toBe(date);
  });
});

describe('the tense of a passive or reported future', () => {
  // Thursday 10 November 2016: "Monday" is the 7th looking back, the 14th looking ahead; Dec. 2 is 2016 ahead, 2015 back.
  const cases = [
    // "will be filed", "to be released": the participle belongs to a future, not a past.
    { sentence: "The lawsuit, which will be filed on Friday, focuses on Maricopa County, the state's largest.", text: 'Friday', date: '2016-11-11' },
    { sentence: 'Canadian financial markets will be closed on Monday for the holiday.', text: 'Monday', date: '2016-11-14' },
    { sentence: 'An agreement to bring peace to the southern Philippines is set to be initialed on Friday.', text: 'Friday', date: '2016-11-11' },
    { sentence: 'He is scheduled to be sentenced on Dec. 2 in federal court.', text: 'Dec. 2', date: '2016-12-02' },
    { sentence: "The findings are in a report from the State Department's inspector general to be released Friday.", text: 'Friday', date: '2016-11-11' },
    // "would": a future seen from a past report.
    { sentence: 'The men, who freed their hostages after the plane landed, would appear in court on Saturday.', text: 'Saturday', date: '2016-11-12' },
    { sentence: 'The firm said it would announce its results on Monday.', text: 'Monday', date: '2016-11-14' },
    // "is to": an arrangement ahead, whatever an earlier clause did.
    { sentence: 'He was charged with murder and is to appear in court on Monday.', text: 'Monday', date: '2016-11-14' },
    // "agreed", "freed": a past form in -eed.
    { sentence: 'A panel of reporters led by Chris Matthews agreed Monday that the plan would not pay for itself.', text: 'Monday', date: '2016-11-07' },
    // Unchanged: a past passive, "could not be reached", "would have".
    { sentence: 'The bill was passed on Monday by a wide margin.', text: 'Monday', date: '2016-11-07' },
    { sentence: 'A spokesman could not be reached for comment on Monday.', text: 'Monday', date: '2016-11-07' },
    { sentence: 'He would have turned 80 on Monday, his family said.', text: 'Monday', date: '2016-11-07' },
  ];
  test.each(cases)('"$sentence" puts $text on $date', ({ sentence, text, date }) => {
    expect(resolve(sentence, '2016-11-10', text)).toBe(date);
  });
});

describe('days ago', () => {
  test('GIVEN "three days ago" in an article of 10 November 2016 THEN it is 7 November', () => {
    expect(resolve('A gunman opened fire on a crowd three days ago, killing two.', '2016-11-10', 'three days ago')).toBe('2016-11-07');
  });
  test('GIVEN no article date THEN "two days ago" is kept with no date', () => {
    const facts = extractDates('The president spoke two days ago in Ohio.', null);
    expect(facts.map((d) => [d.text, d.date])).toEqual([['two days ago', null]]);
  });
});

describe('articles without a date', () => {
  test('GIVEN no article date THEN today, yesterday and last week are left unresolved, never dated from an invented anchor', () => {
    const facts = extractDates('Voters went to the polls today. Yesterday the candidates rested, after a bruising debate last week. The result came late last night.', null);
    expect(facts.map((d) => d.text)).toContain('last night');
    expect(facts.every((d) => d.date === null)).toBe(true);
  });

  test('GIVEN no article date THEN relative dates keep their text and say they are unresolved (null)', () => {
    const facts = extractDates('Putin told reporters on Monday and again on September 7.', null);
    expect(facts.map((d) => [d.text, d.date])).toEqual([
      ['Monday', null],
      ['September 7', null],
    ]);
  });

  test('GIVEN no article date THEN a date naming its own year is still resolved', () => {
    expect(resolve('The summit opened on March 22, 2016 in Brussels.', null, 'March 22, 2016')).toBe('2016-03-22');
  });
});

describe('what is not a date', () => {
  test.each([
    ['a verb that looks like a weekday', 'She sat down with the delegates.'],
    ['a month that is a modal verb', 'The talks may resume, a spokesman said.'],
    ['a year-level phrase that names no day', 'Exports rose this year and fell last month.'],
    ['a paper whose name says today', 'The figures were first published by USA TODAY.'],
  ])('GIVEN %s THEN no date is listed', (_name, sentence) => {
    expect(extractDates(sentence, '2018-09-17').filter((d) => d.text !== '2018-09-17')).toEqual([]);
  });

  test('GIVEN an article date THEN it is the first date fact, with the text that said it', () => {
    const text = 'date 2018-09-17 Talks were held on Monday.';
    expect(extractDates(text, '2018-09-17', 16)[0]).toEqual({ text: '2018-09-17', date: '2018-09-17', start: 5, end: 15 });
  });
});

describe('long sentences', () => {
  test('GIVEN a 6,000-character sentence with "September 7" in its middle THEN the date is found with its offset', () => {
    const filler = 'the officials and the delegates talked and talked and talked, '.repeat(50);
    const text = `${filler}and on September 7 they met in Sochi, ${filler}`;
    const spans = [{ start: 0, end: text.length }];
    const date = extractDates(text, '2018-09-17', 0, spans).find((d) => d.text === 'September 7');
    expect(date?.date).toBe('2018-09-07');
    expect(text.slice(date!.start, date!.end)).toBe('September 7');
  });
});

describe('a week later, the week before: counted from the story, not from the article date', () => {
  // The Daily Mail's Clinton email story of Saturday 12 November 2016.
  test('GIVEN "a week later" after "October 28" in the sentence before THEN it is 4 November, a week after October 28', () => {
    const text = 'Comey announced new emails had been discovered on October 28. However, he said the emails accounted to nothing a week later. The FBI would not comment.';
    expect(resolve(text, '2016-11-12', 'a week later')).toBe('2016-11-04');
  });

  test('GIVEN "a week later" with no date in its sentence or the one before THEN its date is unknown, not the article date plus a week', () => {
    const text =
      'She used a private email server while secretary of state from 2009 to 2012. Comey announced a week later that he had reviewed emails and continued to believe she should not face charges.';
    const fact = extractDates(text, '2016-11-12').find((d) => d.text === 'a week later');
    expect(fact).toBeDefined();
    expect(fact!.date).toBeNull();
  });

  test.each([
    ['the week before', 'It comes as police revealed they have launched an investigation into claims another tram almost derailed the week before.', '2016-11-12'],
    [
      'the week before',
      'Amid the din of the Republican race for president and the scramble of the week before Christmas, you can be forgiven for not knowing the date.',
      '2015-12-22',
    ],
    ['one week after', 'The win comes a little more than one week after Clinton narrowly defeated him in the Iowa caucuses.', '2016-02-10'],
  ])('GIVEN "%s" counting from an event the text names but does not date ("%s") THEN its date is unknown', (phrase, sentence, articleDate) => {
    const fact = extractDates(sentence, articleDate).find((d) => d.text.toLowerCase() === phrase);
    expect(fact).toBeDefined();
    expect(fact!.date).toBeNull();
  });

  test('GIVEN "a week before" an event after a dated debate THEN the week is unknown and "last Saturday" still resolves', () => {
    const sentence =
      'No moment made the clash with the party orthodoxy more vivid than the debate last Saturday in South Carolina, a week before Republicans hold their primary here.';
    const facts = extractDates(sentence, '2016-02-18');
    expect(facts.find((d) => d.text === 'a week before')?.date).toBeNull();
    expect(facts.find((d) => /Saturday/.test(d.text))?.date).toBe('2016-02-13');
  });

  test('GIVEN no article date THEN "a week later" stays unresolved even after a date with its year', () => {
    const facts = extractDates('The emails were discovered on October 28, 2016. Comey cleared her a week later.', null);
    expect(facts.map((d) => [d.text, d.date])).toEqual([
      ['October 28, 2016', '2016-10-28'],
      ['a week later', null],
    ]);
  });

  test('GIVEN a date that writes its day before "six days after" THEN the written date stands', () => {
    const sentence = 'The leak appears to have come from David Petraeus, in Capitol Hill testimony on November 12, 2012–six days after the election victory of President Obama.';
    expect(extractDates(sentence, '2015-12-04').find((d) => d.start !== undefined)?.date).toBe('2012-11-12');
  });

  test('GIVEN "earlier this week" THEN it still counts from the article date', () => {
    // Wednesday 9 November 2016: "this week" is a day of the week that ends on Saturday the 12th.
    const facts = extractDates('Demonstrations in the city earlier this week drew thousands of people.', '2016-11-09');
    const dates = facts.filter((d) => d.start !== undefined).map((d) => d.date);
    expect(dates).toHaveLength(1);
    expect(dates[0]! >= '2016-11-06' && dates[0]! <= '2016-11-12').toBe(true);
  });
});

describe('a date fact points at its own words', () => {
  test.each([
    ['Friday', 'His campaign sued the DNC in federal court on Friday, seeking an injunction to immediately overturn the decision.', '2015-12-20'],
    ['Dec. 8', 'WASHINGTON, Dec. 8 (UPI) — In response to Donald Trump’s proposal to ban Muslims, the Clinton campaign said it was dangerous.', '2015-12-07'],
    ['Monday', 'And on Monday, he and other members of the group he co-founded will meet the candidate.', '2016-04-17'],
  ])('GIVEN "%s" cut from a preposition and a trailing mark THEN its start and end slice exactly those words from the sentence', (text, sentence, articleDate) => {
    const fact = extractDates(sentence, articleDate).find((d) => d.text === text);
    expect(fact).toBeDefined();
    expect(sentence.slice(fact!.start, fact!.end)).toBe(text);
  });

  test('GIVEN "this week." ending one sentence and "On Friday," opening the next THEN they are two dates, each in its sentence', () => {
    // USA Today, Thursday 9 June 2016.
    const text =
      'He had pledged to back the party nominee, but sounded equivocal this week.\n\nOn Friday, the New York businessman has a speech scheduled before a meeting of the Faith & Freedom Coalition.';
    const cut = text.indexOf('On Friday');
    const spans = [
      { start: 0, end: cut - 2 },
      { start: cut, end: text.length },
    ];
    const facts = extractDates(text, '2016-06-09', 0, spans).filter((d) => d.start !== undefined);
    expect(facts.map((d) => text.slice(d.start, d.end))).toEqual(['this week', 'Friday']);
    expect(facts[1]!.date).toBe('2016-06-10');
  });
});

describe('days with names of their own are no weekday', () => {
  test.each([
    ['Super Tuesday', 'Christie’s seemingly shell-shocked gaze as he stood behind Donald Trump on Super Tuesday is generating befuddlement and mockery.', '2016-03-02'],
    [
      'Black Friday',
      '"Rahm Emanuel\'s got to go!" some protesters chanted, three days after the video\'s release, on Black Friday, as they marched down Michigan Avenue.',
      '2015-12-04',
    ],
    ['a show', 'Of course, this was Clinton’s doppelgänger, Kate McKinnon on "Saturday Night Live" giving the impression.', '2016-04-10'],
    ['a broadcast', "Schilling, who most recently offered analysis on ''Monday Night Baseball,'' was dismissed on Wednesday.", '2016-04-21'],
  ])('GIVEN %s THEN it is not read as the nearest such weekday', (_name, sentence, articleDate) => {
    const listed = extractDates(sentence, articleDate).filter((d) => d.start !== undefined);
    expect(listed.map((d) => d.text)).not.toContain('Tuesday');
    expect(listed.map((d) => d.text)).not.toContain('Friday');
    expect(listed.filter((d) => /Saturday|Monday/.test(d.text))).toEqual([]);
  });

  test.each([
    ['Carson took the stage Tuesday at the Grand Hotel in Baltimore and spoke for an hour.', '2016-03-01', 'Tuesday', '2016-03-01'],
    ['Obama visited the court on Friday to view Scalia’s flag-draped casket.', '2016-02-20', 'Friday', '2016-02-19'],
    // Run-on caption text: a capitalised word after "Friday morning" is the next sentence, not a title.
    [
      'The damaged tram carriage was removed on Friday morning Investigators from the Rail Accident Investigation Branch remain at the scene.',
      '2016-11-12',
      'Friday morning',
      '2016-11-11',
    ],
  ])('GIVEN a plain weekday ("%s") THEN it is still a date', (sentence, articleDate, text, date) => {
    expect(resolve(sentence, articleDate, text)).toBe(date);
  });
});

// Sentences from CNN/DailyMail articles (FRANK's test half), given an article date of Wednesday 15 April 2015.
describe('a length of time, a number or a name is no date', () => {
  test.each([
    ['for one week', 'McHenry has been suspended for one week and could face further punishment.'],
    ['within a week', 'But within a week of moving in, her dream home turned into a nightmare.'],
    ['for about a week', "'He kept to that for about a week and then he just crept back up.'"],
    ['60 hours a week', 'He said associates worked for 60 hours a week at the firm.'],
    ['Sun', "Dr Skin's Suncare Lotion And Sun Drink £11.90 for five 60ml shots."],
  ])('GIVEN "%s" THEN no date is listed for it', (_text, sentence) => {
    const listed = extractDates(sentence, '2015-04-15').filter((d) => d.start !== undefined);
    expect(listed).toEqual([]);
  });

  test('GIVEN an age before "the week before" THEN the age is no hour and the phrase starts at "the week"', () => {
    const sentence = 'She said she had a similar problem with Carrion-Moore, 23, the week before, according to WESH.';
    const listed = extractDates(sentence, '2015-04-15').filter((d) => d.start !== undefined);
    expect(listed.map((d) => d.text)).toEqual(['the week before']);
    expect(listed[0]!.date).toBeNull();
  });

  test('GIVEN "in a week" ahead THEN it is still the day a week after the article', () => {
    expect(resolve('The film will be released in a week.', '2015-04-15', 'a week')).toBe('2015-04-22');
  });
});

describe('a date inside a longer time phrase keeps its own day', () => {
  const heist = 'The Gardner heist took place on the rainy night of March 18, 1990, when two men posing as police came.';
  test.each([
    { text: 'March 18, 1990', articleDate: '2015-04-15', date: '1990-03-18', sentence: heist },
    { text: 'March 18, 1990', articleDate: null, date: '1990-03-18', sentence: heist },
    { text: 'next Wednesday night', articleDate: '2015-04-15', date: '2015-04-22', sentence: "The Dark Blues face Ronny Deila's night next Wednesday night before a Friday trip." },
  ])('GIVEN "$text" after a time word in an article of $articleDate THEN it is listed as $date', ({ sentence, articleDate, text, date }) => {
    const listed = extractDates(sentence, articleDate).filter((d) => d.start !== undefined);
    const fact = listed.find((d) => d.text === text);
    expect(fact?.date).toBe(date);
    expect(sentence.slice(fact!.start, fact!.end)).toBe(text);
  });

  test.each([
    ['Saturday', "'Benzema is not available (for Saturday) but we will have him back.'", '2015-04-18'],
    ['Monday', "'With the news (on Monday) it has been tough for everybody.'", '2015-04-13'],
  ])('GIVEN "%s" in brackets THEN the brackets are no part of the date', (text, sentence, date) => {
    const fact = extractDates(sentence, '2015-04-15').find((d) => d.start !== undefined);
    expect(fact?.text).toBe(text);
    expect(fact?.date).toBe(date);
    expect(sentence.slice(fact!.start, fact!.end)).toBe(text);
  });
});
