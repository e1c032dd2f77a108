/** Hand-built readings and article inputs for the store contract tests. */
import type { Quote, Reading, Speaker } from '../../src/article/types.js';
import { speakerId } from '../../src/library/speakers.js';

export interface SpeakerSpec {
  name: string;
  aliases?: string[];
  roles?: string[];
}

/** A Reading built by hand: quotes as [text, speaker name or null, mention]. */
export function reading(title: string, date: string | null, quotes: [string, string | null, string?][], speakers: SpeakerSpec[] = []): Reading {
  const listed: Speaker[] = speakers.map((s) => ({ id: speakerId(s.name), name: s.name, aliases: s.aliases ?? [], roles: s.roles ?? [], type: 'person' }));
  let at = 0;
  const built: Quote[] = quotes.map(([text, name, mention]) => {
    const start = at + 1;
    at = start + text.length + 1;
    const speaker = name === null ? null : { id: speakerId(name), name, mention: mention ? { text: mention, start: at + 1, end: at + 1 + mention.length } : null };
    return { text, kind: 'direct', start, end: start + text.length, outerStart: start - 1, outerEnd: at, continued: false, speaker };
  });
  return { title, date, headline: title, summary: [], quotes: built, speakers: listed, facts: { people: [], places: [], organizations: [], dates: [], numbers: [], key: [] } };
}

export const article = (source: string, text: string, title: string, date: string | null) => ({ source, text, title, date });
