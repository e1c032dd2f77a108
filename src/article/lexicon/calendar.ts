/** Words of the calendar and of time: days, months, and the words that place a date. */
import { SMALL_NUMBERS } from './determiners.js';

/** The days of the week. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** What comes before "day" in the name of a weekday: patterns write `(?:mon|tues|…)day`. */
export const WEEKDAY_STEMS = ['mon', 'tues', 'wednes', 'thurs', 'fri', 'satur', 'sun'];

/** Weekdays as abbreviated in datelines and captions: "Sat, Nov 12". Written capitalised: "she sat down" is no date. */
export const WEEKDAY_ABBREVIATIONS = ['Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thurs', 'Fri', 'Sat', 'Sun'];

/** The months of the year. */
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The months as abbreviated, in the calendar's order: the index is the month's number less one. */
export const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What a month's name starts with, "sept" too: patterns write `(?:jan|feb|…)[a-z]*\.?` for "Jan", "Jan.", "January", "Sept.". */
export const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];

/** Words that are capitalised for the calendar, not because they name anything: the weekdays and the months. */
export const CALENDAR_WORDS = [...WEEKDAYS, ...MONTHS];

/** A bare capitalised "May" or "March" is a name or a verb as often as a month. */
export const AMBIGUOUS_MONTHS = ['may', 'march', 'june', 'april', 'august'];

/** Days that stand between a subject and its verb: "Sanders on Saturday criticized". */
export const SPEECH_DAYS = new Set([...WEEKDAYS, 'today', 'yesterday']);

/** Nouns of a span of time: "A month later, he …": a time is no subject. */
export const TIME_NOUNS = new Set([
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'night',
  'morning',
  'afternoon',
  'evening',
  'time',
  'moment',
  'hour',
  'hours',
  'minute',
  'minutes',
  'decade',
  'weekend',
]);

/**
 * "a week later", "the week before", "a week earlier", "one week after": counted from another
 * event of the story, not from the day the article was written.
 */
export const ANAPHORIC_TIME_WORDS = ['later', 'earlier', 'before', 'after', 'afterward', 'afterwards', 'following', 'previous', 'prior'];

/** Words that count from the article's own day: "this", "ago", "yesterday". A phrase with one is deictic, not anaphoric. */
export const DEICTIC_TIME_WORDS = ['this', 'last', 'next', 'ago', 'yesterday', 'today', 'tonight', 'tomorrow', 'now'];

/** "next Monday", "last Friday", "yesterday": chrono reads these words exactly; tense adds nothing. */
export const RELATIVE_DATE_WORDS = ['next', 'last', 'this', 'past', 'coming', 'previous', 'yesterday', 'today', 'tonight', 'tomorrow', 'ago', 'week'];

/**
 * "Super Tuesday", "Black Friday", "Good Friday": words that give a day a name of its own, whose
 * date no weekday arithmetic gives. Written capitalised.
 */
export const DAY_NAME_PREFIXES = ['Super', 'Black', 'Good', 'Cyber', 'Bloody', 'Ash', 'Holy', 'Maundy', 'Easter', 'Palm', 'Remembrance', 'Shrove', 'Giving', 'Fat'];

/** "One month after …", "Three years ago", "Hours later": words that close a span of time opening a phrase. */
export const TIME_SPAN_WORDS = ['after', 'before', 'ago', 'later', 'earlier', 'into', 'since'];

/** "just days before …": words that make up a span of time before a preposition (compress.ts adds any number: "10 days"). */
export const SPAN_WORDS = [
  'just',
  'only',
  'even',
  'some',
  'about',
  'nearly',
  'almost',
  'one',
  ...SMALL_NUMBERS,
  'a',
  'few',
  'several',
  'hours',
  'days',
  'weeks',
  'months',
  'years',
  'minutes',
  'moments',
];

/** "a week before", "two days after": the words that count a span from an event. */
export const COUNTED_FROM_WORDS = ['before', 'after', 'prior'];

/** Parts of a day after a weekday: "Monday morning". */
export const DAY_PARTS = ['morning', 'afternoon', 'evening', 'night'];
