import type { Quote, Reading } from './article/types.js';

/** A readable reading for the terminal: the quotes grouped by speaker. */
export function formatReading(file: string, reading: Reading): string {
  const lines = [`# ${reading.title ?? file}`];
  if (reading.date) lines.push(`date: ${reading.date}`);
  if (reading.headline) lines.push(`headline: ${reading.headline}`);
  for (const s of reading.summary) lines.push(`  ${s}`);
  lines.push('', 'Quotes by speaker:');
  for (const [name, quotes] of groupBySpeaker(reading.quotes)) {
    const speaker = reading.speakers.find((s) => s.name === name);
    const roles = speaker?.roles.length ? ` (${speaker.roles.join(', ')})` : '';
    lines.push(`  ${name}${roles}`);
    for (const q of quotes) lines.push(`    “${q.text}”${q.kind === 'partial' ? '  [partial]' : ''}`);
  }
  return lines.join('\n');
}

function groupBySpeaker(quotes: Quote[]): Map<string, Quote[]> {
  const groups = new Map<string, Quote[]>();
  for (const q of quotes) {
    const key = q.speaker?.name ?? 'Unattributed';
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  return groups;
}
