import { describe, expect, test } from 'vitest';
import { expectSpeaker, quoteOf, read, type AttributionCase } from './read-article.js';

/**
 * A quote in the complement of a noun of saying ("claim", "call", "promise", "statement",
 * "assertion") is the words of the noun's possessor. Sentences from PolNeAR (dev and train).
 */
const possessed: AttributionCase[] = [
  {
    form: 'a name’s claim that …',
    text: 'Politifact: Trump is right.\n\nFollowing Monday’s presidential debate Politifact did a fact-check on Donald Trump’s claim that there have been “thousands of shootings” in gun-controlled Chicago this year alone.',
    quote: 'thousands of shootings',
    speaker: 'Donald Trump',
    mention: 'Donald Trump’s',
  },
  {
    form: 'his claim that …, the possessive pronoun resolved',
    text: "Keep the returns.\n\nMr. Trump will not release his returns.\n\nContrary to his claim that people would ''learn nothing,'' there would be a wealth of relevant information.",
    quote: 'learn nothing',
    speaker: 'Trump',
    mention: 'his',
  },
  {
    form: 'her claim that …, inside a longer sentence',
    text: 'Clinton acknowledges.\n\nHillary Clinton spoke on Friday. The comments came in the form of a convoluted answer to a question about inconsistencies between her claim that she "never sent or received classified information" and the FBI’s findings.',
    quote: 'never sent or received',
    speaker: 'Hillary Clinton',
    mention: 'her',
  },
];

describe('a noun of saying speaks for its possessor', () => {
  test.each(possessed)('attributes "$quote" to $speaker ($form)', (c) => {
    expectSpeaker(c);
  });

  test.each([
    [
      'a predicate said of the claim',
      'Camps.\n\nCruz spokeswoman Catherine Frazier said Thursday that Rubio’s claim that Cruz is in favor of legalizing illegal immigrants is "simply not true."',
      'simply not true',
      'Catherine Frazier',
    ],
    ['the verb’s "as" complement', 'Hollande.\n\nHollande denounced Trump’s remarks as “hurtful and humiliating” and warned of the implications.', 'hurtful', 'Hollande'],
  ])('GIVEN %s THEN the possessor is not the speaker', (_, text, quote, speaker) => {
    expect(quoteOf(read(text), quote).speaker?.name).toBe(speaker);
  });
});
