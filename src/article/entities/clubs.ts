import type { NameSpan } from './entity.js';

import { lexiconTags, type Term } from '../grammar/terms.js';
import { CLUB_WORDS, MATCH_WORDS, SPORT_WORDS, SQUAD_WORDS } from '../lexicon/sports.js';

/** "3-1", "2-0": a score. Four-digit years ("1996-08-30") are dates. */
const SCORE = /(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])/;
/** "Newcastle 2 Southampton 1": a town followed by a bare count is a side with its score. */
const SCORE_AFTER = /^ \d{1,3}(?![\d,:/%-]|\.\d| ?(?:per|million|billion|thousand|km|miles|kg|points?|runs|years?)\b)/;
/** A sports report has a score or a few words of the game. */
const SPORT_WORDS_MIN = 3;

/**
 * The places of a sports report that are clubs named after their town: "Leicestershire beat
 * Somerset", "the match against Warwickshire", "Newcastle 2 Southampton 1", "Norwich City", and
 * the towns listed with one ("title rivals Essex, Derbyshire and Surrey"). A country that
 * plays ("England beat Pakistan") stays a place.
 */
export function clubs(text: string, mentions: NameSpan[], terms: Term[]): Set<string> {
  const out = new Set<string>();
  if (!isSportReport(text)) return out;
  const places = mentions.filter((m) => m.kind === 'place' && !isCountry(m, terms)).sort((a, b) => a.start - b.start);
  const cued = places.map((m) => clubCue(text, m));
  // Towns joined by commas and "and" are the same kind of thing.
  for (let i = 0; i < places.length;) {
    let j = i;
    while (j + 1 < places.length && /^(?:,\s*|,? and )$/.test(text.slice(places[j]!.end, places[j + 1]!.start))) j++;
    if (cued.slice(i, j + 1).some(Boolean)) for (const m of places.slice(i, j + 1)) out.add(m.text.toLowerCase());
    i = j + 1;
  }
  return out;
}

function isSportReport(text: string): boolean {
  if (SCORE.test(text)) return true;
  const words = text.toLowerCase().match(/[a-z-]+/g) ?? [];
  return words.filter((w) => SPORT_WORDS.has(w)).length >= SPORT_WORDS_MIN;
}

function isCountry(m: NameSpan, terms: Term[]): boolean {
  if (lexiconTags(m.text).includes('Country')) return true;
  return terms.some((t) => t.start >= m.start && t.end <= m.end && t.tags.has('Country'));
}

function clubCue(text: string, m: NameSpan): boolean {
  if (m.text.split(' ').some((w) => CLUB_WORDS.has(w.toLowerCase()))) return true;
  const after = text.slice(m.end, m.end + 24);
  const next = /^\s+([a-z]+)/.exec(after)?.[1];
  if ((next && (MATCH_WORDS.has(next) || SQUAD_WORDS.has(next))) || SCORE_AFTER.test(after)) return true;
  // "beat Somerset", "drew with Kent", "lost to Essex", "against Warwickshire".
  const before =
    text
      .slice(Math.max(0, m.start - 24), m.start)
      .toLowerCase()
      .match(/[a-z.]+/g) ?? [];
  return before.slice(-2).some((w) => MATCH_WORDS.has(w.replace(/\.$/, '')));
}
