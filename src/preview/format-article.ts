/**
 * One article as the bot would post it, for the terminal: the headline card, the quotes
 * grouped by speaker, and the key facts. Empty sections are left out, never printed blank.
 */
import { shownRoles } from '../article/attribution/roles.js';
import type { Quote, Reading, Speaker } from '../article/types.js';
import type { StoredArticle } from '../library/types.js';
import { heading, wrap } from './wrap.js';

const INDENT = '  ';
const QUOTE_INDENT = '    ';

/** The article's title, else its file name: the headline has a section of its own. */
export function articleTitle(article: StoredArticle, reading: Reading): string {
  return reading.title || article.title || article.url || article.source.split(/[\\/]/).pop() || `Article #${article.id}`;
}

function headlineLines(reading: Reading): string[] {
  const headline = reading.headline.trim();
  const lines = headline ? wrap(headline, INDENT) : [];
  for (const sentence of reading.summary) lines.push(...wrap(sentence, `${INDENT}> `, `${INDENT}  `));
  return lines;
}

/** Quotes in article order, grouped under the speaker who said them first. */
function groupBySpeaker(quotes: Quote[]): Map<string | null, Quote[]> {
  const groups = new Map<string | null, Quote[]>();
  for (const quote of quotes) {
    const key = quote.speaker?.id ?? null;
    groups.set(key, [...(groups.get(key) ?? []), quote]);
  }
  return groups;
}

function speakerLine(id: string | null, quotes: Quote[], speakers: Speaker[]): string {
  if (id === null) return 'Unattributed';
  const speaker = speakers.find((s) => s.id === id);
  const name = speaker?.name ?? quotes[0]?.speaker?.name ?? id;
  const roles = shownRoles(speaker?.roles ?? []);
  return roles.length ? `${name} — ${roles.join(', ')}` : name;
}

function quoteLines(reading: Reading): string[] {
  const lines: string[] = [];
  for (const [id, quotes] of groupBySpeaker(reading.quotes)) {
    lines.push(...wrap(speakerLine(id, quotes, reading.speakers), INDENT));
    for (const quote of quotes) {
      const text = `“${quote.text.trim()}”${quote.kind === 'partial' ? ' (partial)' : ''}`;
      lines.push(...wrap(text, QUOTE_INDENT, `${QUOTE_INDENT} `));
    }
  }
  return lines;
}

function factLines(reading: Reading): string[] {
  const { facts } = reading;
  const lines = facts.key.flatMap((key) => wrap(key, `${INDENT}• `, `${INDENT}  `));
  const lists: [string, string[]][] = [
    ['People', facts.people],
    ['Places', facts.places],
    ['Organisations', facts.organizations],
    ['Dates', facts.dates.map((d) => (d.date && d.date !== d.text ? `${d.text} → ${d.date}` : d.text))],
    ['Numbers', facts.numbers],
  ];
  for (const [name, items] of lists) {
    if (items.length > 0) lines.push(...wrap(`${name}: ${items.join('; ')}`, INDENT, `${INDENT}  `));
  }
  return lines;
}

function section(title: string, lines: string[]): string[] {
  return lines.length > 0 ? ['', ...heading(title, '-'), ...lines] : [];
}

/** The preview of one stored article; `index` and `total` number it in the run. */
export function formatArticle(article: StoredArticle, reading: Reading, index: number, total: number): string {
  const title = articleTitle(article, reading);
  const date = reading.date ?? article.date;
  const lines = [
    ...heading(`Article ${index}/${total}: ${title}`),
    ...(date ? [`${INDENT}Date: ${date}`] : []),
    `${INDENT}Source: ${article.url ?? article.source}`,
    ...section('Headline', headlineLines(reading)),
    ...section(`Quotes by speaker (${reading.quotes.length})`, quoteLines(reading)),
    ...section('Key facts', factLines(reading)),
  ];
  return lines.join('\n');
}
