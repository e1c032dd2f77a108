import { describe, expect, test } from 'vitest';
import { expectSpeaker, quoteOf, read, type AttributionCase } from './read-article.js';

/**
 * Clause structure decides whose words a quote is: the clause it stands in, not the
 * sentence's first subject. Sentences from PolNeAR train, shortened.
 */
const coordinated: AttributionCase[] = [
  {
    form: '", and" and a phrase of when before the new subject and its auxiliary',
    text: 'HP.\n\nWalter Hewlett led the charge, and within weeks the opposition effort had sent letters to shareholders, hired lawyers, and placed newspaper ads calling the deal a "$25 billion mistake."',
    quote: '$25 billion',
    speaker: 'the opposition effort',
    mention: 'the opposition effort',
  },
];

describe('a clause after ", and" with a subject of its own', () => {
  test.each(coordinated)('attributes "$quote" to $speaker ($form)', (c) => {
    expectSpeaker(c);
  });

  test('GIVEN ", and though" and a named group whose verb is "is" THEN the group speaks', () => {
    const text =
      'Ethanol.\n\nThose stances have helped shore up her appeal, and though the pro-ethanol campaign group America\'s Renewable Future is "confident that Secretary Clinton will continue to be a champion for the biofuels industry," she may again split with her former boss.';
    expect(quoteOf(read(text), 'confident that').speaker?.mention?.text).toBe("the pro-ethanol campaign group America's Renewable Future");
  });

  test('GIVEN ", and" before a verb with no subject THEN the first clause’s subject goes on', () => {
    const text = 'Iowa.\n\nClinton spoke in Des Moines on Monday, and said the plan was "a disaster for working families."';
    expect(quoteOf(read(text), 'a disaster').speaker?.name).toBe('Clinton');
  });
});

describe('a quote-only sentence between two attributions', () => {
  test('GIVEN “…,” the leader said. “B.” Reid said both are “…” THEN B continues the leader, the next verb says its own quote', () => {
    const text =
      'Cruz.\n\nHarry M. Reid blasted Rubio in an interview. "I just think what Rubio has done on immigration is one of the worst machinations in politics," the Senate minority leader said. "It shows a lack of character in my opinion." Reid said both Rubio and Cruz are "non-entities in the Senate," but he gave the Texan a compliment.';
    const reading = read(text);
    expect(quoteOf(reading, 'It shows').speaker?.mention?.text).toBe('the Senate minority leader');
    expect(quoteOf(reading, 'non-entities').speaker?.mention?.text).toBe('Reid');
  });

  test('GIVEN a title in the next sentence’s clause THEN the next verb still says the quote before it', () => {
    const text =
      'Axelrod.\n\nDavid Axelrod has been critical of the campaign.\n\n“Too forced?” He tweeted when Clinton ended a Democratic debate with a reference to the blockbuster "Star Wars" sequel.';
    expect(quoteOf(read(text), 'Too forced').speaker?.mention?.text).toBe('He');
  });
});

describe('a pronoun reported by a described speaker', () => {
  test('GIVEN "The longtime senator said he rarely asks …, “…”" THEN the senator speaks, not the reported clause’s "he"', () => {
    const text =
      'McCain.\n\n“I wonder how the men and women serving in the military in Texas enjoy that,” McCain said. The longtime senator said he rarely asks surrogates to stump for him, “except for people I’m very close to.”';
    expect(quoteOf(read(text), 'except for').speaker?.mention?.text).toBe('The longtime senator');
  });

  test('GIVEN "Trump at the time said he’d asked …" THEN a phrase of time is no outer speaker', () => {
    const text =
      'Trump.\n\nDonald Trump on Tuesday backed away from a suggestion. The supporter was later charged with assault. Trump at the time said he’d asked his “people” to “look into” paying the fees.';
    expect(quoteOf(read(text), 'look into').speaker?.name).toBe('Donald Trump');
  });
});

describe('the pronoun of "what he called"', () => {
  test('GIVEN "The president denounced what he called ‘…’" after a sentence naming Mr. Trump THEN the president speaks', () => {
    const text =
      "Obama.\n\nOn Wednesday night, the president portrayed Mr. Trump as a nasty and divisive candidate. The president denounced what he called the ''deeply pessimistic'' vision of America that emerged from Mr. Trump's convention.";
    expect(quoteOf(read(text), 'deeply pessimistic').speaker?.mention?.text).toBe('The president');
  });

  test('GIVEN "The group … what it called" THEN an unnamed group does not replace the pronoun', () => {
    const text =
      'Guns.\n\nThe Brady Campaign to Prevent Gun Violence praised the order. The group welcomed what it called "common-sense steps to keep guns out of the wrong hands."';
    expect(quoteOf(read(text), 'common-sense').speaker?.mention?.text).toBe('it');
  });
});

describe('a passive verb of saying', () => {
  test('GIVEN "citing an instance in which a Marine was found guilty of “…”" THEN the lawmakers citing it speak, not the Marine', () => {
    const text =
      'Comey.\n\nThe two lawmakers, however, argue that “there is precedent for prosecution," citing an instance in which a Marine was found guilty of "gross negligence."';
    expect(quoteOf(read(text), 'gross negligence').speaker?.mention?.text).toBe('The two lawmakers');
  });

  test('GIVEN "According to the recently court-released playbook, his salespersons were told, “…”" THEN the playbook speaks', () => {
    const text =
      'Trump University.\n\nAccording to the recently court-released Trump University playbook, his salespersons were told, "You don\'t sell products, benefits or solutions. You sell feelings."';
    expect(quoteOf(read(text), 'You don').speaker?.mention?.text).toBe('the recently court-released Trump University playbook');
  });
});

describe('a title in quote marks before a participle clause', () => {
  test('GIVEN "… an interview with “The View,” remarking … “…”" THEN the clause subject speaks past the title', () => {
    const text =
      'Carson.\n\nCarson rejected the notion that the episode should be water under the bridge.\n\nThe retired neurosurgeon addressed his concerns in another interview with "The View," remarking from New Hampshire he did not feel “this is a very difficult investigation."';
    expect(quoteOf(read(text), 'this is a very').speaker?.mention?.text).toBe('The retired neurosurgeon');
  });
});

describe('a participle clause that opens the sentence', () => {
  test('GIVEN "In declaring … “not Christian,” the Latin American pope demonstrated" THEN the main clause’s subject speaks', () => {
    const text =
      'Pope.\n\nIn declaring Donald J. Trump\'s statements as "not Christian," the Latin American pope again demonstrated his knack for sticking his nose into secular affairs.';
    expect(quoteOf(read(text), 'not Christian').speaker?.mention?.text).toBe('the Latin American pope');
  });

  test('GIVEN "After saying her foot was “…,” she was …" THEN the pronoun after the pause speaks', () => {
    const text =
      'Clinton.\n\nIn her 2003 book, Clinton noted the clot.\n\nAfter saying her right foot was “so swollen I could barely get my shoe on,” she was taken to the hospital for tests.';
    expect(quoteOf(read(text), 'so swollen').speaker?.mention?.text).toBe('she');
  });
});

describe('a subject with a relative clause of its own', () => {
  test('GIVEN "the groups who wrote to her on Thursday say they are “…”" after "the U.S." THEN the groups speak', () => {
    const text =
      'Clinton.\n\nMost recently, Trump called to ban Muslims from entering the U.S. While Clinton has forcefully condemned the GOP candidate’s proposal, the groups who wrote to her on Thursday say they are “concerned your campaign is sending mixed messages when it comes to Islamophobia.”';
    expect(quoteOf(read(text), 'concerned your').speaker?.mention?.text).toBe('the groups');
  });

  test('GIVEN "Nate Silver, the polling guru who founded … tweeted" THEN the name before the appositive speaks', () => {
    const text = 'Polls.\n\n“They are clearly drawing more from her side of the ledger now,” Nate Silver, the polling guru who founded fivethirtyeight.com tweeted on Wednesday.';
    expect(quoteOf(read(text), 'They are').speaker?.name).toBe('Nate Silver');
  });
});

describe('a quote broken off by what the crowd did', () => {
  test('GIVEN He said, “A” - at which point the crowd chanted “B!” - “and C.” THEN the crowd chants B and C goes on with A', () => {
    const text =
      'Convention.\n\nEarlier, Sheriff Joe Arpaio vouched for the wall.\n\nHe said, "Donald Trump will build the wall" - at which point the crowd chanted "Build the wall!" - "and restore law and order and keep drugs out of our country."';
    const reading = read(text);
    expect(quoteOf(reading, 'Build the wall').speaker?.mention?.text).toBe('the crowd');
    expect(quoteOf(reading, 'and restore').speaker?.mention?.text).toBe('He');
  });
});

describe('the plain form of a verb of saying after a quote', () => {
  test('GIVEN “…,” the Saudis state in the white paper THEN the Saudis speak, and the quote after goes on with them', () => {
    const text =
      'Saudi Arabia.\n\nThe kingdom is lobbying Congress.\n\n"Today, the kingdom is one of the leading nations in combating terrorism," the Saudis state in the white paper, which was shared with lawmakers on Thursday. "Saudi Arabia shares the same terrorist enemies as the United States."';
    const reading = read(text);
    expect(quoteOf(reading, 'Today, the kingdom').speaker?.mention?.text).toBe('the Saudis');
    expect(quoteOf(reading, 'Saudi Arabia shares').speaker?.name).toBe('Saudis');
  });

  test('GIVEN “…,” they write THEN the plural pronoun speaks', () => {
    const text = 'Haley.\n\nThe editorial board of the Journal defended Nikki Haley. "Are we talking about the same Nikki Haley?" they write.';
    expect(quoteOf(read(text), 'Are we talking').speaker?.mention?.text).toBe('they');
  });
});

describe('a quantifier between the subject and its verb', () => {
  test('GIVEN "Amid what the New York Times and Los Angeles Times each called a “rough week”" THEN the papers speak, not the story after', () => {
    const text =
      'Delegates.\n\nAmid what the New York Times and Los Angeles Times each called a “rough week” for Trump, a story by the website Politco says that “already more than a hundred delegates are poised to break with him on a second ballot.”';
    expect(quoteOf(read(text), 'rough week').speaker?.mention?.text).toBe('Los Angeles Times');
  });
});
