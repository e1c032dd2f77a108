import type { Reading } from './types.js';

/** One line of `briefing parse --json`, exactly the contract of DESIGN.md (no internal fields). */
export function toContract(file: string, reading: Reading): Record<string, unknown> {
  return {
    file,
    title: reading.title,
    date: reading.date,
    headline: reading.headline,
    summary: reading.summary,
    quotes: reading.quotes.map((q) => ({
      text: q.text,
      start: q.start,
      end: q.end,
      kind: q.kind,
      speaker: q.speaker && { id: q.speaker.id, name: q.speaker.name, mention: q.speaker.mention },
    })),
    speakers: reading.speakers.map((s) => ({ id: s.id, name: s.name, aliases: s.aliases, roles: s.roles })),
    facts: reading.facts,
  };
}
