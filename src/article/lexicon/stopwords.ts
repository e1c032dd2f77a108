/** Words that carry no topic or end no phrase: the stop lists of ranking and of reading counts. */
import { DETERMINERS, PHRASE_BREAKERS, PRONOUNS } from './lexicon.js';
import { NUMBER_WORDS, POSSESSIVE_DETERMINERS } from './determiners.js';

/** Function words: they carry no topic, so they neither link sentences nor make them central. */
export const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we i you his her their our my your him them us me who whom which what when where why how not no ' +
    'has have had do does did will would can could should may might must said says say told also than then there ' +
    'so such about into over after before more most some any all one up out just new s t'
  ).split(' '),
);

/** Words a phrase never ends on, nor runs through. */
export const COUNTED_PHRASE_STOPS = new Set([
  ...PHRASE_BREAKERS,
  ...DETERMINERS,
  ...PRONOUNS,
  ...NUMBER_WORDS,
  ...POSSESSIVE_DETERMINERS,
  'of',
  'a',
  'an',
  'the',
  'than',
  'as',
  'every',
  'each',
  'all',
  'any',
  'no',
  'more',
  'most',
  'one',
]);
