import type { NameSpan } from './entity.js';
import { ACRONYM_SPEECH_VERBS } from '../lexicon/lexicon.js';
import { lexiconTags } from '../grammar/terms.js';
import { alternation } from '../lexicon/words.js';
import { COUNTRY_ABBREVIATIONS } from '../lexicon/places.js';

/**
 * Names read from the layout of the text rather than from compromise's tags, across the whole
 * article: the dateline's place, the names that sign embedded posts, acronyms of bodies and
 * firms joined by an ampersand.
 */
export function structuralMentions(text: string, from: number): NameSpan[] {
  return [...datelines(text, from), ...accounts(text, from), ...acronymBodies(text, from), ...ampersandNames(text, from)];
}

// "LONDON 1996-08-30", "WASHINGTON (Reuters) -", "BEIRUT —": a wire story opens on the place it was filed from.
const DATELINE = /^((?:\p{Lu}[\p{Lu}.'’-]+)(?: \p{Lu}[\p{Lu}.'’-]+){0,3})(?:, \p{Lu}[\p{Lu}\p{Ll}.]+)? *(?:\d{4}-\d\d-\d\d|\(\p{Lu}[\p{L}]+\) *[-—–]|[—–-] )/gmu;

/** The place of the dateline at the start of a paragraph, in the capitals it is printed in. */
function datelines(text: string, from: number): NameSpan[] {
  const out: NameSpan[] = [];
  DATELINE.lastIndex = from;
  for (let m = DATELINE.exec(text); m; m = DATELINE.exec(text)) {
    const name = m[1]!;
    if (name.length >= 3) out.push({ kind: 'place', text: clean(name), start: m.index, end: m.index + name.length, role: null });
  }
  return out;
}

// "— Toblerone (@Toblerone) October 31, 2016": an embedded post is signed with the account's name and handle.
const ACCOUNT = /(\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}) \(@\w+\)/gu;

/**
 * The names that sign embedded posts, when the article names them outside the signature too
 * (readers' posts quoted in passing are not who the story is about): one word is a brand or
 * a body, more a person.
 */
function accounts(text: string, from: number): NameSpan[] {
  const out: NameSpan[] = [];
  ACCOUNT.lastIndex = from;
  for (let m = ACCOUNT.exec(text); m; m = ACCOUNT.exec(text)) {
    const name = m[1]!;
    if (text.split(name).length < 3) continue;
    const kind = name.includes(' ') ? 'person' : 'organization';
    out.push({ kind, text: clean(name), start: m.index, end: m.index + name.length, role: null });
  }
  return out;
}

/** How far either side of a word its line is read: a headline in capitals is shorter than this. */
const LINE_WINDOW = 200;

/** The line around an offset, at most LINE_WINDOW characters either side (a 1 MB line is read in bounded pieces). */
function lineAround(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - LINE_WINDOW), at);
  const after = text.slice(at, at + LINE_WINDOW);
  const end = after.indexOf('\n');
  return before.slice(before.lastIndexOf('\n') + 1) + (end < 0 ? after : after.slice(0, end));
}

// "the OSCE", "NATO said": capitals that are no word of the language name a body.
const ACRONYM = new RegExp(String.raw`(?<![\p{L}\d.&-])(the )?(\p{Lu}{2,5})(?![\p{L}\d.&-])( (?:${alternation(ACRONYM_SPEECH_VERBS)}))?`, 'gu');

/** Acronyms a body goes by, read across the whole text: after "the", before a verb of saying, or known to compromise as one. */
function acronymBodies(text: string, from: number): NameSpan[] {
  const out: NameSpan[] = [];
  ACRONYM.lastIndex = from;
  for (let m = ACRONYM.exec(text); m; m = ACRONYM.exec(text)) {
    const word = m[2]!;
    const start = m.index + (m[1]?.length ?? 0);
    const line = lineAround(text, start);
    // A headline or dateline in capitals, a roman numeral, a country: no body.
    if (!/\p{Ll}/u.test(line) || /^[IVXLCDM]+$/.test(word) || COUNTRY_ABBREVIATIONS.has(word.toLowerCase())) continue;
    // "the IAAF Grand Prix Final", "the PGA Tour": the acronym opens a longer name, of an event or a thing.
    if (/^ \p{Lu}\p{Ll}/u.test(text.slice(start + word.length, start + word.length + 3))) continue;
    const known = lexiconTags(word);
    if (known.includes('Organization') || (known.length === 0 && (m[1] || m[3]))) {
      out.push({ kind: 'organization', text: word, start, end: start + word.length, role: null });
    }
  }
  return out;
}

// "Standard & Poor", "A.G. Edwards & Sons", "Schroder Wertheim & Co": names joined by an ampersand are firms.
const AMPERSAND = /(?<![\p{L}.])(?:\p{Lu}[\p{L}.'’]*\s){1,3}&\s\p{Lu}[\p{L}'’]*(?:\s(?:Co|Inc|Corp|Ltd|Plc)\b\.?)*/gu;

function ampersandNames(text: string, from: number): NameSpan[] {
  const out: NameSpan[] = [];
  AMPERSAND.lastIndex = from;
  for (let m = AMPERSAND.exec(text); m; m = AMPERSAND.exec(text)) {
    const name = m[0].replace(/^(?:The|A|An|At|In|Of|By)\s/, '');
    const start = m.index + m[0].length - name.length;
    if (/\p{Ll}/u.test(lineAround(text, start))) out.push({ kind: 'organization', text: clean(name), start, end: start + name.length, role: null });
  }
  return out;
}

/** Strips brackets, possessives and stray punctuation: "[Putin]" → "Putin", "Turkey’s" → "Turkey". */
export function clean(name: string): string {
  return name
    .replace(/^[\s[("'“‘]+|[\s\])"'”’.,;:!?]+$/g, '')
    .replace(/['’]s$/, '')
    .replace(/\s+/g, ' ');
}
