/**
 * Where a phrase begins and ends, as the lexicon tells it: the words a line may stop before, a
 * weekday that only says when, a place's region after its comma. Used by the cuts in compress.ts.
 */
import { lexiconTags } from './terms.js';
import { isVerbForm } from './wordclass.js';
import { WEEKDAY_STEMS } from '../lexicon/calendar.js';
import { alternation, oneOf } from '../lexicon/words.js';
import { CUT_WORDS, ADJUNCT_OPENERS } from '../lexicon/connectives.js';

/** The first comma that may end an opener: not the one between a place and its region ("in Flint, Mich., …"). */
export function openerComma(s: string): number {
  for (let at = s.indexOf(', '); at > 0; at = s.indexOf(', ', at + 2)) {
    if (!(/\p{Lu}[\p{L}'’.-]*$/u.test(s.slice(0, at)) && isRegionAfterPlace(s.slice(at + 2)))) return at;
  }
  return -1;
}

/** "Alabama, …", "Mich., …", "New Mexico, …": the region or country that follows a place and its comma. */
export function isRegionAfterPlace(rest: string): boolean {
  const m = /^(\p{Lu}[\p{L}'’-]*)(?:\s\p{Lu}[\p{L}'’-]*)?(\.?),\s/u.exec(rest);
  if (!m) return false;
  const words = m[0].replace(/[.,]\s$/, '').split(/\s/);
  return m[2] === '.' || words.some((w) => lexiconTags(w).some((t) => /^(?:Region|Country|Place)$/.test(t)));
}

const WEEKDAY = String.raw`(?:${alternation(WEEKDAY_STEMS)})day(?:\s+(?:morning|afternoon|evening|night))?`;
/**
 * A weekday that says when ("…resigned on Tuesday", "said Monday", "last Sunday night", "on
 * Saturday and Sunday"), which a dated briefing can drop whole. Not one that names a thing
 * ("Saturday's elections"), nor one that a determiner or another preposition holds ("falls on a
 * Saturday", "missing since Sunday", "every Friday"): dropping it there would leave "on a", "since".
 */
export const WHEN_WEEKDAY = new RegExp(
  String.raw`(?<!\b(?:an?|the|every|each|one|any|some|since|until|till|by|from|through|before|after|between|and|or|to|of|for|per|than|like|during|on|last|next|this))\s` +
    String.raw`(?:(?:on|last|next|this)\s+)?${WEEKDAY}(?:\s+(?:and|or)\s+${WEEKDAY})?\b(?!['\u2019]|\s+(?:morning|afternoon|evening|night)['\u2019])` +
    String.raw`|^(?:(?:on|last|next|this)\s+)?${WEEKDAY},\s+` +
    String.raw`|(?<!\b(?:since|until|till|by|from|before|after|and|or|than))\s(?:tonight|yesterday)\b(?!['\u2019])`,
  'gi',
);

/** Words that open a phrase of its own, which a line may stop before: a preposition, a conjunction, a relative, an adverb. */
export const OPENS_ADJUNCT = new RegExp(String.raw`^(?:${alternation(ADJUNCT_OPENERS)}|[a-z]+ly)$`);

/**
 * The next word still belongs to the phrase before it, so a line may not stop there: "one | of
 * them", "where your candidate's tax returns | are", "one study found Trump | would deliver",
 * "…has told them | what". What compromise's lexicon says of the word decides, not a list of ours.
 */
export function continuesPhrase(rest: string): boolean {
  const next = /^[a-z]+/.exec(rest)?.[0];
  if (next === undefined || OPENS_ADJUNCT.test(next)) return false;
  return next === 'of' || isVerbForm(next) || lexiconTags(next).some((t) => CONTINUING_TAGS.has(t));
}
const CONTINUING_TAGS = new Set(['Determiner', 'Possessive', 'Copula', 'Auxiliary', 'Modal', 'Pronoun', 'QuestionWord']);

export const CUT_WORD = oneOf(CUT_WORDS, 'i');
