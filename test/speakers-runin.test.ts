import { describe, expect, test } from 'vitest';
import { expectSpeaker, quoteOf, read, type AttributionCase } from './read-article.js';

/**
 * Speakers in British and wire copy: captions run into the text with no full stop, places with
 * their regions inside an appositive, roles read before a name. Sentences from CNN/DailyMail
 * articles, names changed.
 */

type Case = AttributionCase;

const cases: Case[] = [
  {
    form: 'a place and its region inside the appositive are read past to the subject',
    text: "'We came here for vacation. We’ve been here one day,' Erik Holm, a 25-year-old officer with the police Uppsala, Sweden, told the New York Post.",
    quote: 'We came here',
    speaker: 'Erik Holm',
    mention: 'Erik Holm',
  },
  {
    form: 'a city and its state in an inserted phrase of where are read past to the subject',
    text: 'Ann Lee, during a town hall meeting in Columbus, Ohio, said she was "going to put a lot of coal companies out of business."',
    quote: 'going to put',
    speaker: 'Ann Lee',
    mention: 'Ann Lee',
  },
  {
    form: 'a pronoun after a caption run into its sentence stands for the article’s subject',
    text: "Arsenal defender Tom Hart has tipped Jurgen Klopp to make his mark. Germany international Hart insists Klopp would be a good fit. Klopp chats with defender Erik Durm during a training session in Dortmund on Wednesday He said: 'I've got some nice experiences in the Premier League.'",
    quote: "I've got",
    speaker: 'Tom Hart',
    mention: 'He',
  },
  {
    form: 'a name that ends the sentence before the pronoun is the nearest one named',
    text: "Ann Lee launched the plan on Friday. The plan was praised by the chairman of the bank, Mike Rake. He said: 'Corporate volunteering is a triple win.'",
    quote: 'Corporate volunteering',
    speaker: 'Mike Rake',
    mention: 'He',
  },
  {
    form: 'a club that ends a caption is no part of the manager’s name after it',
    text: "Barcelona boss Luis Enrique has urged his side to focus on the league. Victory over fourth-placed Valencia will take Enrique's men clear. Midfielder Andreas Iniesta has been ruled out of his side's league encounter against Valencia Enrique said: 'We are not thinking about the PSG match.'",
    quote: 'We are not thinking',
    speaker: 'Luis Enrique',
    mention: 'Enrique',
  },
  {
    form: 'a film title that ends a caption is no part of the director’s name after it',
    text: "Director Michael Redwood paid tribute to the actor. Fall of an Empire: The Story of Katherine of Alexandria attempts to pay homage to Saint Katherine. Redwood on the set of Fall of an Empire: The Story of Katherine of Alexandria Redwood said: 'Peter managed to subdue his mischievousness.'",
    quote: 'Peter managed',
    speaker: 'Michael Redwood',
    mention: 'Redwood',
  },
  {
    form: 'a name written in full twice stays whole though its first name stands alone',
    text: "Lizzi Crawford, 32, tipped the scales at 18st. Lizzi piled on the pounds after her children were born. Mary Crawford is proud of her. Lizzi Crawford said: 'Has she got a baby in her belly?'",
    quote: 'Has she got',
    speaker: 'Lizzi Crawford',
    mention: 'Lizzi Crawford',
  },
];

describe('speakers in run-in copy', () => {
  test.each(cases)('attributes "$quote" to $speaker ($form)', (c) => void expectSpeaker(c));

  test('GIVEN "doesn’t surprise pollster Ann Lee:" THEN the verb is no part of her role', () => {
    const reading = read('The late surge doesn’t surprise pollster Ann Lee: “Challengers always gain in the final week.”');
    const quote = quoteOf(reading, 'Challengers always');
    expect(quote.speaker?.mention?.text).toBe('pollster Ann Lee');
    expect(reading.speakers.find((s) => s.name === 'Ann Lee')?.roles).toEqual(['pollster']);
  });

  test('GIVEN a caption ending "chest X-rays" glued to "Nurse B" THEN the speaker is Nurse B', () => {
    const text =
      "She asked for his help to learn about matters including chest X-rays. Nurse A said he groped her breast after she asked him about chest X-rays Nurse B alleged that Manohar touched her inappropriately. Nurse B said he examined her. She said she saw him about a 'very bad headache' in October.";
    expect(quoteOf(read(text), 'very bad headache').speaker?.name).toBe('Nurse B');
  });

  test.each([
    ['a film', '"I have been so happy with it," Travolta said. Travolta, 61, is premiering his new film, "The Forger," in New York.', 'The Forger'],
    ['a song', '"He was a legend," Yankovic said. He also parodied Johnnie Ray\'s hit "Cry," in 1952.', 'Cry'],
    [
      'a nickname',
      'Ann Lee, the mother of the boy, spoke on Monday. "He cannot go outside," she said. The boy suffers from a condition whose victims are nicknamed "Real-Life Vampires" by the tabloids.',
      'Real-Life Vampires',
    ],
  ])('GIVEN the title of %s in quote marks after a speaker’s quote THEN no one is its speaker', (_, text, title) => {
    expect(quoteOf(read(text), title).speaker).toBeNull();
  });

  test('GIVEN a nickname in a reported clause THEN it is the reporter’s words', () => {
    const text = 'Giving a speech in Toledo, Ann Lee says the Ohio native nicknamed “King James” is a long way from home.';
    expect(quoteOf(read(text), 'King James').speaker?.name).toBe('Ann Lee');
  });
});
