import { describe, expect, test } from 'vitest';
import { quoteOf, read } from './read-article.js';

/**
 * A speaker's canonical name is the person's name, nothing else: no party label, title or
 * descriptor, middle initials optional, an honorific resolved by gender or not at all, and no
 * word that is not a name. The sentences are from the PolNeAR news (AP, NYT, Breitbart, 2015-16).
 */
const names = (text: string): string[] =>
  read(text)
    .speakers.map((s) => s.name)
    .sort();

describe('party labels and descriptors are not part of a name', () => {
  test.each([
    [
      'Republican Donald Trump',
      'Trump: Clinton a strongman\n\nRepublican Donald Trump said Monday he would release his medical records. “I am in great health,” Trump said.',
      'I am in great health',
      'Donald Trump',
    ],
    [
      'Democrat Hillary Clinton',
      'Clinton on Trump\n\nDemocrat Hillary Clinton said Republican Donald Trump favors a “strongman approach.” “He has shown us who he is,” Clinton said.',
      'He has shown us who he is',
      'Hillary Clinton',
    ],
    ['GOP Sen. Rand Paul', 'Senate\n\n“We should not be sending arms to Saudi Arabia,” GOP Sen. Rand Paul said on the Senate floor.', 'We should not be sending', 'Rand Paul'],
    ['Texan Ted Cruz', 'Cruz\n\n“The electorate doesn’t want another governor,” Texan Ted Cruz said in Iowa on Saturday.', 'The electorate doesn’t want', 'Ted Cruz'],
  ])('GIVEN "%s" THEN the speaker is the name alone, the label a role', (label, text, quote, name) => {
    const reading = read(text);
    expect(quoteOf(reading, quote).speaker?.name).toBe(name);
    const speaker = reading.speakers.find((s) => s.name === name)!;
    expect(speaker.roles.join(' ')).toContain(label.split(' ')[0]!.replace('Sen.', 'Sen'));
  });

  test('GIVEN the Republican National Committee THEN the party word stays in the organisation’s name', () => {
    const reading = read('RNC\n\n“We will not abandon our nominee,” the Republican National Committee said in a statement.');
    expect(quoteOf(reading, 'We will not abandon').speaker?.name).toMatch(/Republican National Committee/);
  });
});

describe('middle names and initials are optional within an article', () => {
  test('GIVEN "Donald J. Trump" and "Donald Trump" THEN one speaker, named without the initial', () => {
    const text =
      'Trump turns attacks on another Clinton\n\n' +
      'For years, President Bill Clinton was the best friend Donald J. Trump always hoped to have.\n\n' +
      '“He’s probably got the toughest skin I’ve ever seen,” Donald Trump told CNN.\n\n' +
      '“It was my obligation to get along with all politicians,” Donald J. Trump wrote in an email.';
    const reading = read(text);
    const trump = reading.speakers.filter((s) => /Trump/.test(s.name));
    expect(trump.map((s) => s.name)).toEqual(['Donald Trump']);
    expect(quoteOf(reading, 'It was my obligation').speaker?.id).toBe(quoteOf(reading, 'He’s probably').speaker?.id);
  });

  test('GIVEN "Hillary Rodham Clinton" and "Hillary Clinton" THEN one speaker', () => {
    const text =
      'Clinton\n\nHillary Rodham Clinton spoke in Iowa on Monday. “We are going to win,” Hillary Rodham Clinton said.\n\n' + '“Bring it on,” Hillary Clinton said later.';
    expect(names(text).filter((n) => /Clinton/.test(n))).toHaveLength(1);
  });

  test.each([
    [
      'Black lawmakers\n\n“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the Congressional Black Caucus. “Donald Trump is a disgusting fraud.”',
      'This is a disgusting day',
      'G.K. Butterfield',
    ],
    [
      'Twitter\n\n“Twitter has ramped up its response significantly,” said J.M. Berger, a fellow with George Washington University’s Program on Extremism.',
      'Twitter has ramped up',
      'J.M. Berger',
    ],
    ['Superdelegates\n\nCBC Chairman G.K. Butterfield of North Carolina said he was “outraged” to even hear about it.', 'outraged', 'G.K. Butterfield'],
  ])('GIVEN dotted initials before a surname (%#) THEN the name runs on to the surname', (text, quote, name) => {
    expect(quoteOf(read(text), quote).speaker?.name).toBe(name);
  });

  test('GIVEN a state’s dotted abbreviation before a relative clause THEN the person before the place speaks', () => {
    const text = 'Poll\n\n"Both Donald Trump and (Texas Sen.) Ted Cruz scare me," Harry Bond, 30, of Raleigh, N.C., who was among those polled, said in a follow-up interview.';
    expect(quoteOf(read(text), 'Both Donald Trump').speaker?.name).toBe('Harry Bond');
  });
});

describe('a gendered honorific goes to the person of that gender, or to no one', () => {
  // NYT, 31 December 2015: two Clintons, "Mr." and "Mrs.".
  const clintons =
    'Trump turns attacks on another Clinton\n\n' +
    'Donald J. Trump once defended Bill Clinton against allegations of scandal and sexism.\n\n' +
    'The criticism of Mr. Clinton’s personal life comes as Hillary Clinton is increasingly relying on the former president.\n\n' +
    '“I think he’s a terrific guy,” Mr. Trump told CNN.\n\n' +
    '“Hillary Clinton won’t be bullied,” Mrs. Clinton said in a statement.\n\n' +
    '“I have never commented on it,” Mr. Clinton told reporters.';

  test('GIVEN Bill and Hillary Clinton THEN "Mrs. Clinton" is Hillary and "Mr. Clinton" Bill', () => {
    const reading = read(clintons);
    expect(quoteOf(reading, 'Hillary Clinton won’t').speaker?.name).toBe('Hillary Clinton');
    expect(quoteOf(reading, 'I have never commented').speaker?.name).toBe('Bill Clinton');
    expect(quoteOf(reading, 'I think he’s a terrific').speaker?.name).toBe('Donald J. Trump');
  });

  test('GIVEN Donald and Melania Trump THEN "Mrs. Trump" is Melania, not her husband', () => {
    const text =
      'Melania Trump speaks\n\nDonald Trump campaigned in Ohio on Monday. His wife, Melania Trump, spoke to CNN.\n\n' +
      '“They want to damage the presidency of my husband,” Mrs. Trump said.';
    expect(quoteOf(read(text), 'They want to damage').speaker?.name).toBe('Melania Trump');
  });

  test('GIVEN two Bush women and no word of which THEN "Mrs. Bush" is left unresolved, a speaker of her own, rather than guessed', () => {
    const text =
      'Bush family\n\nJeb Bush campaigned in Miami with Barbara Bush, his mother, and Laura Bush, his sister-in-law.\n\n' +
      '“It was a wonderful evening,” Mrs. Bush said. “We will be back,” Mrs. Bush added.';
    const reading = read(text);
    const speaker = quoteOf(reading, 'It was a wonderful').speaker;
    expect(speaker?.name).toBe('Bush');
    expect(quoteOf(reading, 'We will be back').speaker?.id).toBe(speaker?.id);
    expect(reading.speakers.find((s) => s.id === speaker?.id)?.aliases).toContain('Mrs. Bush');
  });

  test('GIVEN a man and a woman of no known gender by that surname THEN "Mr. Trump" is the man the first name says', () => {
    const text = 'Trump family\n\nDonald Trump arrived with Ivanka Trump at the rally in Ohio.\n\n“We will win,” Mr. Trump said.';
    expect(quoteOf(read(text), 'We will win').speaker?.name).toBe('Donald Trump');
  });
});

describe('words that are not names never become speakers', () => {
  test.each([
    ['an adverb', 'Trump\n\nDonald Trump spoke in Ohio. Already, he said, “the polls are turning.”\n\nAlready the campaign has spent $20 million.'],
    ['a number', 'Voters\n\nFour said they would not vote at all. “We are done with both of them,” one said.'],
    ['a sentence opener', 'Trump\n\nBack in 1999, Donald Trump expressed admiration for Bill Clinton, telling CNBC: “I wish I could be like that.”'],
    ['a participle', 'Trump\n\nGiven the expected international fallout, the ministry moved slowly. “We will wait,” he said.'],
    ['a duration', 'Trump\n\nHours later, Trump returned the compliment. “He was very charming,” he said.'],
    ['a contraction', 'Climate\n\nI’m old enough to remember President Jimmy Carter. “We must act,” I’m told by my children.'],
  ])('GIVEN %s opening a sentence THEN it is no speaker', (_, text) => {
    for (const name of names(text)) expect(name).not.toMatch(/^(Already|Four|Back|Given|Hours|I’m)$/);
  });

  test('GIVEN "Police said" THEN the police still speak, by role', () => {
    const reading = read('Shooting\n\nPolice said the man was armed. “He refused to drop the weapon,” police said.');
    expect(quoteOf(reading, 'He refused').speaker).not.toBeNull();
  });

  test('GIVEN "Mr. King" THEN King is a surname, not a title', () => {
    const reading = read('Russia\n\nLarry King has a show on RT America.\n\n“I have never been edited,” Mr. King said.');
    expect(quoteOf(reading, 'I have never been edited').speaker?.name).toBe('Larry King');
  });
});

describe('what a person is "of" is not part of their name', () => {
  test.each([
    ['Rep. Tom Cole of Oklahoma', 'Trump\n\n“He has to earn it,” said Rep. Tom Cole of Oklahoma. “We are not there yet,” Cole said later.', 'He has to earn it', 'Tom Cole'],
    ['Senator Bernie Sanders of Vermont', 'Polls\n\n“The polls are wrong,” Senator Bernie Sanders of Vermont said on Sunday.', 'The polls are wrong', 'Bernie Sanders'],
    ['Joel Pollak of Breitbart California', 'Debate\n\n“It was a rout,” wrote Joel Pollak of Breitbart California.', 'It was a rout', 'Joel Pollak'],
    [
      'Professor Michael Porter of Harvard Business School',
      'Progress\n\n“A striking finding is that growth is not enough,” said Professor Michael Porter of Harvard Business School.',
      'A striking finding',
      'Michael Porter',
    ],
  ])('GIVEN "%s" THEN the speaker is the name, and the place is no alias of it', (_label, text, quote, name) => {
    const reading = read(text);
    const speaker = quoteOf(reading, quote).speaker;
    expect(speaker?.name).toBe(name);
    const place = _label.split(' of ')[1]!.split(' ').at(-1)!;
    expect(reading.speakers.find((s) => s.name === name)!.aliases).not.toContain(place);
  });

  test.each([
    ['a surname that is a word', '“I want Bernie in the fold,” said Sen. Sherrod Brown of Ohio, another potential VP choice. “I am fine,” Brown said.', 'Sherrod Brown'],
    ['a town that is a first name', '“I know her dad slightly,” said Scott Hawkins of Cheyenne. “She is good,” Hawkins said.', 'Scott Hawkins'],
  ])('GIVEN %s after "of" THEN the person is one speaker, named without it', (_label, text, name) => {
    expect(names(`Votes\n\n${text}`)).toEqual([name]);
  });

  test('GIVEN a surname of no known first name "of" a city THEN the surname speaks, and "he" is never the city before it', () => {
    const text =
      'Parade\n\nIn downtown San Francisco, a group marched in silence. Manriquez of Oakland carried one of the photos. “I pretty much cried the whole parade,” he said.';
    expect(quoteOf(read(text), 'I pretty much cried').speaker?.name).toBe('Manriquez');
  });

  test('GIVEN "Secretary of State Hillary Clinton" THEN the "of" phrase stays the title’s', () => {
    const reading = read('Benghazi\n\n“What difference at this point does it make?” former Secretary of State Hillary Clinton said.');
    expect(quoteOf(reading, 'What difference').speaker?.name).toBe('Hillary Clinton');
  });

  test('GIVEN "the mayor of Springfield" THEN the mayor speaks, not the town', () => {
    const reading = read('Budget\n\n“We cannot pay for it,” the mayor of Springfield said on Tuesday.');
    const speaker = quoteOf(reading, 'We cannot pay').speaker;
    expect(speaker?.name).not.toBe('Springfield');
    expect(speaker?.mention?.text).toBe('the mayor of Springfield');
  });

  test('GIVEN "the president of Judicial Watch" and a former President Clinton THEN the role is not matched to Clinton', () => {
    const text =
      'Foundation\n\nFormer President Bill Clinton defended the foundation. “We did nothing wrong,” Mr. Clinton said.\n\n' +
      'Critics were not persuaded. “The damage is done,” the president of Judicial Watch said.';
    expect(quoteOf(read(text), 'The damage is done').speaker?.name).not.toBe('Bill Clinton');
  });

  test('GIVEN "Name, the role of Place, a description, said" THEN the name speaks', () => {
    const text =
      'Sanctions\n\nJean-Marc Ayrault, the foreign minister of France, a permanent member of the Security Council, said the “provocation cannot be left without consequences.”';
    expect(quoteOf(read(text), 'provocation cannot be left').speaker?.name).toBe('Jean-Marc Ayrault');
  });

  test('GIVEN "In a statement to the Observer, her adviser, Jake Sullivan, said" THEN the adviser speaks, not the newspaper', () => {
    const text = 'Brexit\n\nIn a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton believes that cooperation is essential.”';
    expect(quoteOf(read(text), 'Hillary Clinton believes').speaker?.name).toBe('Jake Sullivan');
  });
});

describe('a word that only describes stays out of a name', () => {
  test('GIVEN "Billionaire Donald Trump" opening a sentence THEN the speaker is Donald Trump', () => {
    const reading = read('Trump\n\nBillionaire Donald Trump praised the crowd. “We are going to win so much,” Trump said.');
    expect(quoteOf(reading, 'We are going to win').speaker?.name).toBe('Donald Trump');
  });

  test.each([
    ['St John Ambulance', 'Volunteers\n\nSt John Ambulance said: “Our volunteers treated 40 people.”', 'Our volunteers treated', 'St John Ambulance'],
    ['J. Gerald Hebert', 'Voting\n\nJ. Gerald Hebert said: “I think the winds are changing.”', 'I think the winds', 'J. Gerald Hebert'],
  ])('GIVEN "%s" THEN the first word stays in the name', (_label, text, quote, name) => {
    expect(quoteOf(read(text), quote).speaker?.name).toBe(name);
  });

  test.each([
    ['one senior Democrat', 'Debate\n\n“She has to do better,” one senior Democrat said.', 'She has to do better'],
    ['a Republican', 'Primary\n\n“It is over,” a Republican said after the vote.', 'It is over'],
  ])('GIVEN "%s" THEN the party label is no one’s name', (_label, text, quote) => {
    expect(quoteOf(read(text), quote).speaker?.name ?? null).not.toMatch(/^(?:Democrat|Republican)$/);
  });
});

describe('a role is a noun', () => {
  test.each([
    ['an adjective', 'Vote\n\nAn angry Joe Smith said: “We were cheated.”', 'Joe Smith', []],
    ['a role noun', 'Vote\n\nCampaign manager Joe Smith said: “We were cheated.”', 'Joe Smith', ['Campaign manager']],
  ])('GIVEN %s before a name THEN only a noun is a role', (_label, text, name, roles) => {
    expect(read(text).speakers.find((s) => s.name === name)?.roles).toEqual(roles);
  });
});

describe('a photo credit run into the text', () => {
  test('GIVEN "GETTY Trump" where a caption ran into the text THEN the speaker is Donald Trump, with no "GETTY" in name or role', () => {
    const text =
      'Transition\n\nDonald Trump met Barack Obama at the White House on Thursday. GETTY Trump has pledged to overturn Obamacare. ' +
      '“So I have instructed my team to follow the President’s example,” GETTY Trump said.';
    const reading = read(text);
    expect(quoteOf(reading, 'So I have instructed').speaker?.name).toBe('Donald Trump');
    expect(reading.speakers.flatMap((s) => [s.name, ...s.roles]).filter((w) => /GETTY/.test(w))).toEqual([]);
  });
});

describe('a rank word makes another office', () => {
  test('GIVEN a Deputy Prime Minister quoted before "The Prime Minister said" THEN the Prime Minister is not the deputy', () => {
    const text =
      'Volunteering plan\n\n“It was a car crash interview,” the former Deputy Prime Minister John Prescott said.\n\n' +
      '“We will amend the regulations,” the Prime Minister said on Tuesday.';
    expect(quoteOf(read(text), 'We will amend').speaker?.name ?? null).not.toBe('John Prescott');
  });

  test('GIVEN "Vice President Joe Biden" THEN "the president" is not Biden', () => {
    const text = 'Visit\n\n“We are ready,” Vice President Joe Biden said on Monday.\n\n“We will not wait,” the president said later.';
    expect(quoteOf(read(text), 'We will not wait').speaker?.name ?? null).not.toBe('Joe Biden');
  });

  test('GIVEN "President George W. Bush" THEN "the former president" may still be Bush', () => {
    const text = 'Campaign\n\nPresident George W. Bush campaigned for his brother on Monday.\n\n“The presidency is a serious job,” the former president said.';
    expect(quoteOf(read(text), 'The presidency is').speaker?.name).toBe('George W. Bush');
  });
});
