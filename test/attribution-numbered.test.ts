import { describe, expect, test } from 'vitest';
import { expectSpeaker } from './read-article.js';
import { tokenize } from '../src/article/grammar/tokens.js';

/** A number written with a slash ("9/11", "24/7") is one word of a description before a name. */
describe('a number with a slash in a description', () => {
  test('GIVEN "9/11" THEN it is one token', () => {
    expect(tokenize('said 9/11 widow Terry Strada, 24/7 and and/or', []).map((t) => t.text)).toEqual([
      'said',
      '9/11',
      'widow',
      'Terry',
      'Strada',
      ',',
      '24/7',
      'and',
      'and',
      '/',
      'or',
    ]);
  });

  test('GIVEN "said 9/11 widow Terry Strada" after a quote THEN she is the speaker', () => {
    // PolNeAR dev (west-journal, JASTA veto).
    expectSpeaker({
      form: 'an inverted verb and a number-led description',
      text: 'Clinton breaks with Obama.\n\nThe bill passed on Friday. “The president’s rationales to veto JASTA don’t hold weight. They are 100 percent wrong,” said 9/11 widow Terry Strada.\n\nShe continued, “For us, the fight goes on.”',
      quote: 'The president’s rationales',
      speaker: 'Terry Strada',
      mention: '9/11 widow Terry Strada',
    });
  });
});
