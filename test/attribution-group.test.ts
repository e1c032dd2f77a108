import { describe, expect, test } from 'vitest';
import { expectSpeaker, quoteOf, read, type AttributionCase } from './read-article.js';

/**
 * A group with no determiner (a bare plural, a count, "hundreds of", "small groups of") is the
 * subject of its verb, also across a participle or relative clause, and so the speaker of what
 * it chants or says. Sentences from PolNeAR (dev and train).
 */
const groups: AttributionCase[] = [
  {
    form: 'a bare plural, a participle clause before the verb',
    text: 'Charlotte curfew.\n\nPolice fired tear gas at protesters on Wednesday. While a curfew was announced from midnight to 6 a.m., authorities did not enforce it. Protesters marching through the streets chanted "What curfew?" and kept going until nearly 2 a.m. Friday in defiance the curfew.',
    quote: 'What curfew?',
    speaker: 'Protesters',
    mention: 'Protesters',
  },
  {
    form: '"small groups of", a participle after "while"',
    text: 'Charlotte.\n\nSmall groups of protesters continued to call for more information about the fatal shooting of Keith Lamont Scott, looping the streets around Bank of America Stadium - where the National Football League\'s Charlotte Panthers played the Minnesota Vikings - while chanting, "Hands up, don\'t shoot."',
    quote: 'Hands up',
    speaker: 'Small groups of protesters',
    mention: 'Small groups of protesters',
  },
  {
    form: '"hundreds of", a participle set off by a comma',
    text: 'Stein.\n\nHundreds of pro-Sanders demonstrators marched through Center City on the first day of the Democratic National Convention on Monday, chanting "Bernie or Jill, No Hill," raising fresh questions about whether Clinton will face a bleed.',
    quote: 'Bernie or Jill',
    speaker: 'Hundreds of pro-Sanders demonstrators',
    mention: 'Hundreds of pro-Sanders demonstrators',
  },
  {
    form: 'a rough count after an opening phrase',
    text: 'AIPAC.\n\nOutside the sports arena in downtown Washington, about 200 protesters congregated in three clusters, holding anti-Trump signs and chanting "Dump Trump."',
    quote: 'Dump Trump',
    speaker: 'about 200 protesters',
    mention: 'about 200 protesters',
  },
];

describe('a group with no determiner is its verb’s subject', () => {
  test.each(groups)('attributes "$quote" to $speaker ($form)', (c) => {
    expectSpeaker(c);
  });

  test.each([
    [
      'a participle with no pause, of another noun',
      'FOIA.\n\nThe records were searched by the department. Officials searched their records for terms containing words such as "ambassador," "attack," "Benghazi," "Libya" and "talking points."',
      'ambassador',
      undefined,
    ],
    [
      'a later verb of the sentence',
      'Stem cells.\n\nClinton spoke about embryonic stem cell research. Embryonic stem cells are master cells that can turn into any tissue of the body and researchers hope one day to harness that power for what’s today typically called “regenerative medicine.”',
      'regenerative medicine',
      undefined,
    ],
    [
      'a singular verb, so a noun',
      'Clinton Cash.\n\nThe foundation said donations may have been missed. Multiple news reports and a detailed account from Breitbart News’ editor Peter Schweizer’s book Clinton Cash, reveal there was more than “one or two instances.”',
      'one or two instances',
      undefined,
    ],
    [
      'a subordinate clause’s subject',
      'Terror.\n\nWhen terrorists are revealed as part of the second front of the radical Islamic terror war, Obama and Clinton call them "lone wolves" and describe their actions as crimes.',
      'lone wolves',
      'Clinton',
    ],
    [
      'a preposition’s object',
      'South Carolina.\n\nHillary Clinton lost New Hampshire. Despite polls showing her well behind, Clinton campaigned vigorously in the state that she won in 2008 and that made her husband, Bill, the "comeback kid" in 1992.',
      'comeback kid',
      'Hillary Clinton',
    ],
  ])('GIVEN %s THEN the group is not the speaker', (_, text, quote, speaker) => {
    expect(quoteOf(read(text), quote).speaker?.name).toBe(speaker);
  });
});
