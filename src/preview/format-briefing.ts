/** The daily briefing for the terminal: one numbered item per article, best first. */
import type { Briefing } from '../briefing/build-briefing.js';
import { heading, wrap } from './wrap.js';

const INDENT = '   ';

export function formatBriefing(briefing: Briefing): string {
  const lines = heading('Daily briefing');
  if (briefing.items.length === 0) lines.push('Nothing new to brief on.');
  for (const [index, item] of briefing.items.entries()) {
    lines.push(...wrap(item.headline, `${String(index + 1).padStart(2)}. `, INDENT));
    if (item.summary) lines.push(...wrap(item.summary, INDENT));
    if (item.quote) lines.push(...wrap(`“${item.quote.text}” — ${item.quote.speaker}`, `${INDENT}> `, `${INDENT}  `));
    if (item.url) lines.push(`${INDENT}${item.url}`);
  }
  if (briefing.omitted > 0) lines.push(`… and ${briefing.omitted} more article${briefing.omitted === 1 ? '' : 's'}.`);
  return lines.join('\n');
}
