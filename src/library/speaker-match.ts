/**
 * Whether a name someone typed names a speaker: what a follow and a speakers filter ask of
 * every quoted speaker. Pure; the stores fetch the speakers.
 */
import { foldKey, foldWords } from '../article/text/fold.js';
import { isSubsequence } from './speakers.js';

/** The folded keys a speaker answers to: every word-start tail of its name and aliases ("putin" of "Vladimir Putin"). */
export function nameKeys(speaker: { name: string; aliases: string[] }): string[] {
  const keys = new Set<string>();
  for (const phrase of [speaker.name, ...speaker.aliases]) {
    const words = foldWords(foldKey(phrase));
    for (let i = 0; i < words.length; i++) keys.add(words.slice(i).join(' '));
  }
  return [...keys];
}

/** The folded surname a followed name is looked up by: its last word. */
export function lastWord(key: string): string {
  return foldWords(key).at(-1) ?? '';
}

/**
 * True when `key` (folded) names the speaker: a tail of its name or an alias ("putin",
 * "vladimir putin"), or the name's words in order with the same surname ("recep erdogan" for
 * "Recep Tayyip Erdogan"). Roles do not count: "president" would name every president.
 */
export function namesSpeaker(key: string, speaker: { name: string; aliases: string[] }): boolean {
  if (key === '') return false;
  if (nameKeys(speaker).includes(key)) return true;
  const words = foldWords(key);
  return [speaker.name, ...speaker.aliases].some((phrase) => {
    const full = foldWords(foldKey(phrase));
    return full.length > 0 && full.at(-1) === words.at(-1) && isSubsequence(words, full);
  });
}

/** A quote of an article with its speaker's row, as both follow stores read them, in article order. */
export interface QuotedRow {
  text: string;
  speaker_id: string;
  name: string;
  aliases: string;
  roles: string;
}

/** A speaker quoted in an article, with the names a follow may match and its quotes there. */
export interface QuotedSpeaker {
  speaker: { id: string; name: string; aliases: string[]; roles: string[] };
  /** In article order. */
  quotes: string[];
}

/** An article's quotes grouped by speaker, each speaker once, in the order first quoted. */
export function quotedSpeakers(rows: Iterable<QuotedRow>): QuotedSpeaker[] {
  const bySpeaker = new Map<string, QuotedSpeaker>();
  for (const row of rows) {
    const entry = bySpeaker.get(row.speaker_id) ?? {
      speaker: { id: row.speaker_id, name: row.name, aliases: JSON.parse(row.aliases) as string[], roles: JSON.parse(row.roles) as string[] },
      quotes: [],
    };
    entry.quotes.push(row.text);
    bySpeaker.set(row.speaker_id, entry);
  }
  return [...bySpeaker.values()];
}
