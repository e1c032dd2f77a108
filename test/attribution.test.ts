import { describe, expect, test } from 'vitest';
import { expectSpeaker, quoteOf, read, type AttributionCase } from './read-article.js';

/**
 * Attribution by clause structure: the verb that governs a quote, and its own subject. The
 * sentences are from news articles (PolNeAR, 2015-16), some shortened around the quote.
 */

type Case = AttributionCase;

/** The case's speaker and mention, and a mention whose offsets are its text's. */
function expectAttributed(c: Case): void {
  const m = expectSpeaker(c).speaker!.mention!;
  expect(c.text.slice(m.start, m.end)).toBe(m.text);
}

const clauses: Case[] = [
  {
    form: 'a speaker and appositive in the sentence after an exclamation',
    text: 'RT celebrated the ruling.\n\n“Long live freedom of speech!” Margarita Simonyan, the editor in chief of RT, wrote.',
    quote: 'Long live',
    speaker: 'Margarita Simonyan',
    mention: 'Margarita Simonyan',
  },
  {
    form: 'a verb and its particle after a quote that opens its sentence',
    text: 'Viguerie on Cruz\n\n“Cruz is the only candidate who can keep the Democratic voters with us,” Richard Viguerie says.\n\n“Voters consistently reject establishment Republicans,” he points out.',
    quote: 'Voters consistently',
    speaker: 'Richard Viguerie',
    mention: 'he',
  },
  {
    form: 'any verb after a quote that opens its sentence',
    text: 'Ramos tried to ask a question about immigration.\n\n“Go back to Univision,” Trump barked and a security guard escorted Ramos out.',
    quote: 'Go back',
    speaker: 'Trump',
    mention: 'Trump',
  },
  {
    form: 'an inverted verb and a name after an opening quote',
    text: 'The balloons cascaded down on the crowd.\n\n“This is fantastic!” beamed Donald Hartley, who snuck onto the floor from the guest seats.',
    quote: 'This is fantastic',
    speaker: 'Donald Hartley',
    mention: 'Donald Hartley',
  },
  {
    form: 'a verb whose object is the quote, past an inserted phrase',
    text: 'Joe Biden spoke to reporters on Monday.\n\nJoe Biden, in an interview with CNN, blurted out “I never said that.”',
    quote: 'I never said',
    speaker: 'Joe Biden',
    mention: 'Joe Biden',
  },
  {
    form: 'a colon introduction whose verb is no verb of saying',
    text: 'George Wallace died in 1998.\n\nWhen Wallace died, President Bill Clinton released the following statement:\n\n“Hillary and I offer our condolences to the family and friends of George Wallace.”',
    quote: 'Hillary and I',
    speaker: 'Bill Clinton',
    mention: 'President Bill Clinton',
  },
  {
    form: 'a paragraph that is only a quote, after the narrative about its speaker',
    text: 'Trump on the border\n\nIn an Instagram video Thursday, Donald Trump speculated that the men detained could be part of the Islamic State.\n\n“Syrians are now being caught at the southern border, just like I said.”',
    quote: 'Syrians are now',
    speaker: 'Donald Trump',
    mention: 'Donald Trump',
  },
];

const describing: Case[] = [
  {
    form: 'referred to … as',
    text: 'Donald Trump spoke in Iowa on Monday. At the rally he referred to Clinton as “the Devil” twice.',
    quote: 'the Devil',
    speaker: 'Donald Trump',
    mention: 'he',
  },
  {
    form: 'accused … of',
    text: 'Barack Obama spoke in Ohio on Monday. Obama accused Trump of running an “unprecedented” campaign of insults.',
    quote: 'unprecedented',
    speaker: 'Barack Obama',
    mention: 'Obama',
  },
  {
    form: 'described … as',
    text: 'Weld campaigned in New Hampshire. On the stump, Bill Weld describes the Libertarian Party as "a six-lane highway going right up the middle between the two parties," and Gary Johnson talks about what unites them.',
    quote: 'a six-lane highway',
    speaker: 'Bill Weld',
    mention: 'Bill Weld',
  },
  { form: 'dubbed', text: 'Donald Trump has dubbed Marco Rubio “Little Marco” since January.', quote: 'Little Marco', speaker: 'Donald Trump', mention: 'Donald Trump' },
  {
    form: 'labeled',
    text: 'Bernie Sanders has labeled the trade deal “a disaster” for American workers.',
    quote: 'a disaster',
    speaker: 'Bernie Sanders',
    mention: 'Bernie Sanders',
  },
];

const governing: Case[] = [
  {
    form: 'the subject of the verb that governs the quote, not the main clause’s',
    text: 'The Anti-Defamation League protested Donald Trump’s use of the phrase when he talks of “America First” at rallies.',
    quote: 'America First',
    speaker: 'Donald Trump',
    mention: 'he',
  },
  {
    form: 'a verb that opens a colon introduces the quote after it, not the one before',
    text: 'Antonin Scalia spoke in December. After Scalia said that minority students might do better at "less advanced schools," Donald Trump said: "I don\'t like what he said."',
    quote: 'less advanced',
    speaker: 'Antonin Scalia',
    mention: 'Scalia',
  },
  {
    form: 'a relative pronoun as the subject of the verb of saying',
    text: '“Donald Trump is a dictator in the making,” said Glenn Beck, who said there were “too many disturbing things for me to dismiss on Donald Trump.”',
    quote: 'too many disturbing',
    speaker: 'Glenn Beck',
    mention: 'who',
  },
  {
    form: 'a participle whose clause subject carries a party label and a day before its verb',
    text: 'Democratic presidential candidate Sen. Bernie Sanders (I-Vt.) on Saturday criticized the global climate change accord, saying the agreement goes “nowhere near far enough.”',
    quote: 'nowhere near',
    speaker: 'Bernie Sanders',
    mention: 'Democratic presidential candidate Sen. Bernie Sanders',
  },
  {
    form: 'a participle whose clause subject carries a party label before its verb',
    text: 'In a statement released Thursday, Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying: “The killer should be in prison.”',
    quote: 'The killer',
    speaker: 'Hakeem Jeffries',
    mention: 'Rep. Hakeem Jeffries',
  },
  {
    form: 'a participle whose clause subject is followed by a day before its verb',
    text: 'Sen. Bernie Sanders on Saturday criticized the accord, saying the agreement goes “nowhere near far enough.”',
    quote: 'nowhere near',
    speaker: 'Bernie Sanders',
    mention: 'Sen. Bernie Sanders',
  },
  {
    form: 'the subject after an opening conjunction and a participle clause',
    text: "Barack Obama visited Ethiopia. But Obama, making it clear that security trumped other concerns, stood beside the prime minister and described the government as being ''democratically elected.''",
    quote: 'democratically elected',
    speaker: 'Barack Obama',
    mention: 'Obama',
  },
  {
    form: 'the main clause’s subject after a subordinate clause',
    text: 'Sarah Silverman spoke on Monday. As the crowd began to chant, Silverman was joined on stage by Al Franken and joked, “Bernie or Bust people, you’re being ridiculous.”',
    quote: 'Bernie or Bust',
    speaker: 'Sarah Silverman',
    mention: 'Silverman',
  },
];

const documents: Case[] = [
  {
    form: 'according to a document',
    text: 'Trump wrote to the investment company’s chief executive, threatening "a major lawsuit," according to a copy of the letter reviewed by The Post.',
    quote: 'a major lawsuit',
    speaker: 'a copy of the letter',
    mention: 'a copy of the letter',
  },
  {
    form: 'according to the report',
    text: 'The inspector general released his findings on Monday. The department was “deeply negligent,” according to the report.',
    quote: 'deeply negligent',
    speaker: 'the report',
    mention: 'the report',
  },
  {
    form: 'according to a description',
    text: 'Donald Trump had a physical exam. According to his longtime personal physician, the billionaire businessman had "astonishingly excellent" results.',
    quote: 'astonishingly excellent',
    speaker: 'his longtime personal physician',
    mention: 'his longtime personal physician',
  },
];

const nested: Case[] = [
  {
    form: 'an inner attribution inside a reported clause',
    text: 'Hillary Clinton spoke on Monday. Clinton said the plan was, as Terry McAuliffe put it, “a total mess.”',
    quote: 'a total mess',
    speaker: 'Terry McAuliffe',
    mention: 'Terry McAuliffe',
  },
];

const titleCase: Case[] = [
  {
    form: 'a round-up line in Title Case',
    text: 'Latinos who spoke up in 2015\n\n13\n\nZoe Saldana Asked Men Everywhere To “Redefine Masculinity.”\n\nPeople were surprised after Zoe Saldana revealed her husband had taken her last name. The actress asked men to redefine masculinity.',
    quote: 'Redefine Masculinity',
    speaker: 'Zoe Saldana',
    mention: 'Zoe Saldana',
  },
  {
    form: 'a Title-Case headline line with a quote',
    text: 'The week in review\n\nClinton Said That The Blame For Benghazi “Could Have Been Avoided”\n\nHillary Clinton said the blame was shared by many and that the attack was a tragedy.',
    quote: 'Could Have Been',
    speaker: 'Hillary Clinton',
    mention: 'Clinton',
  },
];

const subjects: Case[] = [
  {
    form: 'a subject with a relative clause after an opening phrase',
    text: 'The ad ran in Iowa. In the call, Wisconsin Rep. Reid Ribble, who was elected in the conservative wave of 2010, casts Trump as a former liberal who would “unravel” the policies he and fellow congressional Republicans have pushed for.',
    quote: 'unravel',
    speaker: 'Reid Ribble',
    mention: 'Wisconsin Rep. Reid Ribble',
  },
  {
    form: 'a role and the name set off after it ("chairman, Paul Manafort,")',
    text: "The Khans spoke on Sunday. On television, Mr. Trump's campaign chairman, Paul Manafort, dismissed criticism of Mr. Trump's comments as ''Clinton talking points.''",
    quote: 'Clinton talking points',
    speaker: 'Paul Manafort',
    mention: "Mr. Trump's campaign chairman, Paul Manafort",
  },
  {
    form: 'a modifier and a role before a name, opening a paragraph',
    text: 'The campaign had a rough week.\n\nCampaign chair Paul Manafort dismissed the whole kerfuffle as “absurd.” Trump’s supporters seemed equally unperturbed.',
    quote: 'absurd',
    speaker: 'Paul Manafort',
    mention: 'Campaign chair Paul Manafort',
  },
  {
    form: 'a word of time opening the sentence, then the subject',
    text: 'Adelson praised the candidate.\n\nHours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon and I have been friends for a long time.”',
    quote: 'Sheldon and I',
    speaker: 'Trump',
    mention: 'Trump',
  },
  {
    form: 'an opening phrase set off by spaced hyphens',
    text: "Joe Biden spoke in Scranton. For much of the 34-minute performance - with sleeves rolled slightly - Mr. Biden assured his hometown's residents that Mrs. Clinton was ''made of the same stuff,'' even if she could not always show it.",
    quote: 'made of the same stuff',
    speaker: 'Joe Biden',
    mention: 'Mr. Biden',
  },
  {
    form: 'a quote inside a relative clause: the relative pronoun is the mention',
    text: "Tim Scott spoke on Tuesday. Mr. Scott, who has called Mr. Trump's comments ''racially toxic,'' portrayed his own party's nominee as a temporary affliction on conservatism.",
    quote: 'racially toxic',
    speaker: 'Tim Scott',
    mention: 'who',
  },
  {
    form: 'an attribution after the quote beats a verb inside the clause before it',
    text: 'Sen. Marco Rubio, R-Fla., appeared on Fox News right after the speech. Nothing the president said "will assuage people\'s fears," Rubio said.',
    quote: 'will assuage',
    speaker: 'Marco Rubio',
    mention: 'Rubio',
  },
  {
    form: 'a numbered round-up line in Title Case',
    text: 'The most powerful Latino moments of 2015\n\n4\nGina Rodriguez Questioned What It Means To Be “Latino Enough.”\n\nGina Rodriguez became the victim of cyberbullying this year. It was hard to be judged on what she sounds like, she said.',
    quote: 'Latino Enough',
    speaker: 'Gina Rodriguez',
    mention: 'Gina Rodriguez',
  },
];

describe('attribution by clause structure', () => {
  test.each(subjects)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));
  test.each(clauses)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));
  test.each(describing)('attributes "$quote" to $speaker under a verb of describing ($form)', (c) => expectAttributed(c));
  test.each(governing)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));
  test.each(documents)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));
  test.each(nested)('attributes "$quote" to the inner speaker $speaker ($form)', (c) => expectAttributed(c));
  test.each(titleCase)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));
});

describe('anonymous sources', () => {
  const text = 'Two officials spoke to reporters after Senator John Smith left the room. “He was furious,” one said. “We never saw it coming,” said another.';

  test('GIVEN "“…,” one said" after a group THEN the speaker is an unnamed member of it, not the previous person', () => {
    const quote = quoteOf(read(text), 'He was furious');
    expect(quote.speaker?.name).toBe('an unnamed official');
    expect(quote.speaker?.mention?.text).toBe('one');
  });

  test('GIVEN "said another" THEN the speaker is another unnamed member', () => {
    const reading = read(text);
    const quote = quoteOf(reading, 'We never saw');
    expect(quote.speaker?.name).toBe('another unnamed official');
    expect(quote.speaker?.mention?.text).toBe('another');
    expect(reading.speakers.map((s) => s.name)).not.toContain('John Smith');
  });

  test('GIVEN "No one said that," THEN "no one" is no speaker', () => {
    const reading = read('Senator John Smith left the room early. “No one said that,” Smith said.');
    expect(quoteOf(reading, 'No one').speaker?.name).toBe('John Smith');
  });

  test('GIVEN "“…,” one user wrote" THEN the speaker is that unnamed user, not the previous speaker', () => {
    const text =
      'Foreign Ministry spokeswoman Hua Chunying declined to comment on the race. Chinese social media users were less reticent. "It\'s great fun watching the dogfight in the United States," one user wrote.';
    const quote = quoteOf(read(text), "It's great fun");
    expect(quote.speaker?.name).toBe('one user');
    expect(quote.speaker?.mention?.text).toBe('one user');
  });

  test('GIVEN "one of the aides said" THEN the mention is the whole phrase', () => {
    const quote = quoteOf(read('Senator John Smith left the room early. “Nobody knew,” one of the aides said.'), 'Nobody knew');
    expect(quote.speaker?.mention?.text).toBe('one of the aides');
  });
});

describe('continued quotes', () => {
  test('GIVEN a quote-only paragraph after a paragraph ending in a long attribution clause THEN it continues that speaker', () => {
    const text =
      'Jorge Ramos spoke in Miami.\n\n“There’s a real demographic revolution in the United States,” Ramos said, referring to the ever-growing Hispanic community, standing now at 17 percent of the US population.\n\n“So I think that there’s resistance among many Americans.”';
    expect(quoteOf(read(text), 'So I think').speaker?.name).toBe('Jorge Ramos');
  });
});

/** Forms found in PolNeAR train misses, written anew in the same shape. */
const structure: Case[] = [
  {
    form: 'a quote-only sentence before a new line whose verb opens a new report',
    text: 'Mayor Ann Lee took questions.\n“We will win this,” she said. “We always do.”\nGov. Tom Hart said that the budget was late.',
    quote: 'We always do',
    speaker: 'Ann Lee',
    mention: 'she',
  },
  {
    form: 'a quote-only sentence before "He added:" that introduces the next quote',
    text: 'Sen. Mark Hill spoke in Reno. “Taxes are too high,” Sen. Mark Hill said in 2012. “Nobody can pay them.” He added: “We will cut them.”',
    quote: 'Nobody can pay',
    speaker: 'Mark Hill',
    mention: 'Sen. Mark Hill',
  },
  {
    form: 'a verb of saying in an infinitive after a passive',
    text: 'The debate was so calm that Gov. Ray Dunn was prompted to say, “I cannot believe how polite it is.”',
    quote: 'I cannot believe',
    speaker: 'Ray Dunn',
    mention: 'Gov. Ray Dunn',
  },
  {
    form: 'an "as" complement after a verb and its object',
    text: 'Mayor Ann Lee made an offer on Friday, but the teachers union rejected the offer as “an insult” because wages would fall.',
    quote: 'an insult',
    speaker: 'the teachers union',
    mention: 'the teachers union',
  },
  {
    form: 'an "as" complement followed by its own trailing attribution',
    text: 'Tom Hart was a gifted speaker. He thought of his speeches as “little chats,” he told friends.',
    quote: 'little chats',
    speaker: 'Tom Hart',
    mention: 'he',
  },
  {
    form: 'the subject of the quote’s own "that" clause, not the expletive "It"',
    text: 'Ann Lee opposed the budget. It is odd that Ann Lee would reject “any compromise” on schools.',
    quote: 'any compromise',
    speaker: 'Ann Lee',
    mention: 'Ann Lee',
  },
  {
    form: 'a subject read past a phrase of where between it and its verb',
    text: 'The crowd cheered when Ann Lee in her opening speech called the plan “a fraud” and left.',
    quote: 'a fraud',
    speaker: 'Ann Lee',
    mention: 'Ann Lee',
  },
  {
    form: 'a described name after the quote ("an angry Hart")',
    text: 'Tom Hart lost the vote on Tuesday.\n\n“We are not done,” an angry Hart retaliated.',
    quote: 'We are not done',
    speaker: 'Tom Hart',
    mention: 'an angry Hart',
  },
  {
    form: 'a verb and its particle after the quote ("shot back")',
    text: 'The debate turned sharp.\n\n“That is simply false,” Tom Hart shot back.',
    quote: 'That is simply',
    speaker: 'Tom Hart',
    mention: 'Tom Hart',
  },
  {
    form: 'a participle right before a comma and the quote',
    text: 'The host pressed Tom Hart on the numbers. Tom Hart tried to laugh it off by interjecting, “Only on Tuesdays.”',
    quote: 'Only on Tuesdays',
    speaker: 'Tom Hart',
    mention: 'Tom Hart',
  },
  {
    form: 'a name before a colon when no verb of saying names anyone',
    text: 'Ann Lee has studied the race for years. The late surge does not surprise Republican pollster Ann Lee: “Challengers always gain in the final week.”',
    quote: 'Challengers always',
    speaker: 'Ann Lee',
    mention: 'Republican pollster Ann Lee',
  },
  {
    form: 'a short title in quote marks inside the appositive before the verb',
    text: 'The hall emptied slowly.\n\n“We came for the speeches,” delegate Tom Hart, wearing a hat and “Hart for Mayor” pins, said quietly.',
    quote: 'We came for',
    speaker: 'Tom Hart',
    mention: 'Tom Hart',
  },
  {
    form: 'a pronoun standing for the sentence’s subject, not for a name in a phrase of a preposition',
    text: 'Sam Cross voted in Ohio.\n\nWith a vote for Tom Hart ruled out, Sam Cross said he has two options: Ann Lee, whom he called “the most divisive figure in years,” or nobody.',
    quote: 'the most divisive',
    speaker: 'Sam Cross',
    mention: 'he',
  },
  {
    form: 'a title that sets off nothing is no clause boundary',
    text: 'Ann Lee visited CBS’s “Morning Show” to discuss the race, saying “the numbers are moving” in her favour.',
    quote: 'the numbers are',
    speaker: 'Ann Lee',
    mention: 'Ann Lee',
  },
];

const afterQuotes: Case[] = [
  {
    form: 'a surname also written in lower case elsewhere, right after the quote',
    text: 'Gov. Mike Pence spoke on the radio.\n\n"I am not against anybody," Pence said in an interview.\n\nA stamp costs ten pence more.',
    quote: 'I am not against',
    speaker: 'Mike Pence',
    mention: 'Pence',
  },
  {
    form: 'a verb with an object after a quote that ends on a comma',
    text: 'Tom LeVell brought the pastor onto the stage. "Donald Trump is not a racist, guys," LeVell assured the mostly white crowd.',
    quote: 'Donald Trump is not',
    speaker: 'Tom LeVell',
    mention: 'LeVell',
  },
];

describe('attribution by clause structure (PolNeAR train forms)', () => {
  test.each(afterQuotes)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));

  test('GIVEN a title and what describes it after the quote THEN the description is no speaker', () => {
    const text = "Old shows are back. ''Tales From the Crypt,'' an HBO series that first aired in 1989, will be resurrected on TNT.";
    expect(quoteOf(read(text), 'Tales From').speaker).toBeNull();
  });

  test.each(structure)('attributes "$quote" to $speaker ($form)', (c) => expectAttributed(c));

  test('GIVEN a share of a group in a poll THEN the poll is the source', () => {
    const text = 'Voters are gloomy. In a new Gallup poll released Monday, 40 percent of voters said the economy was “getting worse.”';
    const quote = quoteOf(read(text), 'getting worse');
    expect(quote.speaker?.mention?.text).toMatch(/poll$/);
  });

  test('GIVEN "Some chanted “…”" THEN "Some" is an unnamed speaker of its own', () => {
    const text = 'Mayor Ann Lee spoke at the rally. Protesters filled the square. Some chanted “No more cuts!”';
    const quote = quoteOf(read(text), 'No more cuts');
    expect(quote.speaker?.mention?.text).toBe('Some');
    expect(quote.speaker?.name).not.toBe('Ann Lee');
  });
});
