/** Titles, honorifics and courtesy titles written before a name; offices, their ranks and modifiers; party labels. */
import { PARTY_LABELS } from './lexicon.js';

/**
 * "Mr", "Mrs": courtesy titles are how a paper addresses someone, not a role. Not HONORIFICS
 * (lexicon.ts): without "dr" and "prof", with "mx", "madam" and "mister". Kept apart: one list
 * would change which words entities.ts leaves out of a role.
 */
export const COURTESY_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'sir', 'dame', 'madam', 'mister'];

/** Modifiers of a role: "senior", "former", "presidential", "top". */
export const ROLE_MODIFIERS = new Set([
  'top',
  'former',
  'retired',
  'outgoing',
  'acting',
  'leading',
  'ranking',
  'presumptive',
  'incoming',
  'elected',
  'longtime',
  'veteran',
  'chief',
  'deputy',
  'vice',
  'foreign',
  'prime',
  'general',
  'press',
  'campaign',
  'state',
  'defense',
  'defence',
  'interior',
  'finance',
  'justice',
  'health',
  'white',
  'house',
  'party',
  'government',
  'city',
  'police',
  'military',
  'security',
  'intelligence',
  'senior',
  'junior',
  'local',
  'federal',
  'national',
  'opposition',
]);

/** Words that make an office another one: a deputy's, a vice-president's. */
export const RANKS = ['deputy', 'vice', 'assistant', 'associate', 'junior', 'shadow'];

/** Offices one person holds at a time, whose rank words tell their holders apart. */
export const OFFICES = new Set([
  'president',
  'minister',
  'secretary',
  'chancellor',
  'premier',
  'governor',
  'mayor',
  'director',
  'chairman',
  'chairwoman',
  'chair',
  'leader',
  'speaker',
  'commander',
  'chief',
]);

/**
 * A party label that names one member or qualifies a noun: "Democrat", "Republican", "Democratic".
 * The party labels but the plurals and "gop", "labour", "tory".
 */
export const PARTY_MEMBER_WORDS = [...PARTY_LABELS].filter((w) => !['republicans', 'democrats', 'gop', 'labour', 'tory'].includes(w));
