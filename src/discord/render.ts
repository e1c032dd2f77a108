/**
 * Readings -> Discord messages. The only module that builds embeds and the only one that
 * knows Discord's limits: every message it returns fits them, and whatever had to be cut
 * is said in the message, never dropped silently.
 */
import { escapeMarkdown, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord.js';
import { shownRoles } from '../article/attribution/roles.js';
import type { Reading } from '../article/types.js';
import type { StoredArticle } from '../library/types.js';

export const TITLE_MAX = 256; // Discord rejects longer embed titles
export const DESCRIPTION_MAX = 4096; // Discord rejects longer embed descriptions
const FIELDS_MAX = 25; // Discord rejects embeds with more fields
const FIELD_NAME_MAX = 256; // Discord rejects longer field names
export const FIELD_VALUE_MAX = 1024; // Discord rejects longer field values
export const FOOTER_MAX = 2048; // Discord rejects longer footer text
const AUTHOR_MAX = 256; // Discord rejects longer author names
export const MESSAGE_EMBED_CHARS_MAX = 6000; // Discord rejects a message whose embeds hold more text in all
export const EMBEDS_MAX = 10; // Discord rejects messages with more embeds
export const CONTENT_MAX = 2000; // Discord rejects longer message content
const CHOICES_MAX = 25; // Discord rejects autocomplete answers with more choices
const CHOICE_TEXT_MAX = 100; // Discord rejects longer choice names and string values
/** Quotes longer than this are shortened so a full page of them stays under 6000 characters. */
export const QUOTE_TEXT_MAX = 700;
/** Five quotes of QUOTE_TEXT_MAX with their speaker and source lines fit one message. */
export const QUOTES_PER_PAGE = 5;
export const ARTICLES_PER_PAGE = 10;
const ELLIPSIS = '…';
const BRAND_COLOR = 0x2f6fdf;

/** What a command answers: passed to reply, editReply, followUp or update as is. */
export interface BotMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Article text is untrusted: no message may ping anyone unless a role is chosen later. */
  allowedMentions: { parse: [] };
  ephemeral?: boolean;
}

/** Where a quote was said, for lists that span the archive. */
export interface QuoteSource {
  title: string;
  url: string | null;
  date: string | null;
}

export interface QuoteGroup {
  name: string;
  roles: string[];
  quotes: { text: string; source?: QuoteSource }[];
}

export interface QuotesView {
  title: string;
  url: string | null;
  groups: QuoteGroup[];
  /** Zero-based. */
  page: number;
  pageCount: number;
  total: number;
  /** A line above the quotes, e.g. other speakers that matched. */
  note?: string;
}

export interface ArticleListView {
  items: StoredArticle[];
  page: number;
  pageCount: number;
  total: number;
  /** The total is a lower bound: the search matched more than were counted. */
  capped?: boolean;
  search: string | null;
}

/** Shortens `text` to `max` characters, ending with a visible "…" when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - ELLIPSIS.length);
  const space = cut.lastIndexOf(' ');
  // Prefer a word boundary unless that would throw away much of the room.
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}${ELLIPSIS}`;
}

// A calendar date has no instant: shown as text, read in UTC so no offset can move it a day
const DATE_TEXT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * `YYYY-MM-DD` -> "17 September 2018", the same for every reader. A Discord timestamp would
 * be an instant (midnight UTC) and show the day before to anyone west of UTC.
 */
export function articleDate(date: string | null): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  // "2018-02-30" parses as 2 March in some engines: refuse a date that does not round-trip
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return DATE_TEXT.format(ms);
}

/** Link text must not close the markdown link early. */
function linkText(text: string): string {
  return text.replace(/([[\]\\])/g, '\\$1');
}

/**
 * Article text shown as written: "*", "_", "# ", "[text](url)" are escaped, so an article
 * cannot format the message or hide a link behind innocent words.
 */
export function plain(text: string): string {
  const known = escaped.get(text);
  if (known !== undefined) return known;
  const result = escapeMarkdown(text, { maskedLink: true, heading: true, bulletedList: true, numberedList: true });
  // escapeMarkdown makes a dozen regex passes; the same headlines and names recur in every reply.
  if (escaped.size >= ESCAPED_CACHE_MAX) escaped.delete(escaped.keys().next().value!);
  escaped.set(text, result);
  return result;
}

/** Escaped strings kept (oldest dropped first): a few hundred articles' worth of lines. */
const ESCAPED_CACHE_MAX = 4096;
const escaped = new Map<string, string>();

/** Only http(s) URLs: Discord rejects a whole message whose embed url is anything else. */
export function linkUrl(url: string | null): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  // ")" would end a markdown link early.
  return /^https?:$/.test(parsed.protocol) ? parsed.href.replace(/\)/g, '%29') : undefined;
}

function link(text: string, url: string | null): string {
  const href = linkUrl(url);
  return href ? `[${linkText(plain(text))}](${href})` : plain(text);
}

/** A name for an article without a title: never a whole local path. */
export function articleLabel(article: StoredArticle): string {
  if (article.title) return article.title;
  if (article.url) return article.url;
  if (article.source.startsWith('discord:')) return `Article #${article.id}, added in Discord`;
  // "/srv/briefing/data/articles/idlib-2018-09-17.txt" -> "idlib-2018-09-17.txt"
  return article.source.split(/[\\/]/).pop() || `Article #${article.id}`;
}

function titleOf(article: StoredArticle, reading?: Reading | null): string {
  return reading?.title || article.title || reading?.headline.trim() || articleLabel(article);
}

/** Lines joined up to `max`, ending "… and N more" when some do not fit. */
function listValue(lines: string[], max: number): string {
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const tail = rest > 0 ? `\n${ELLIPSIS} and ${rest} more` : '';
    // A first line that is too long on its own is shortened rather than hidden.
    const item = kept.length === 0 ? shorten(line, max - tail.length) : line;
    if ([...kept, item].join('\n').length + tail.length > max) break;
    kept.push(item);
  }
  const hidden = lines.length - kept.length;
  return hidden > 0 ? [...kept, `${ELLIPSIS} and ${hidden} more`].join('\n') : kept.join('\n');
}

function message(embeds: APIEmbed[], extra: Partial<BotMessage> = {}): BotMessage {
  return { embeds: fitEmbeds(embeds), components: [], allowedMentions: { parse: [] }, ...extra };
}

/** A headline card: the one-line headline, the summary, the date and what else there is. */
export function renderHeadline(article: StoredArticle, reading: Reading): BotMessage {
  const date = articleDate(reading.date ?? article.date);
  const speakers = reading.speakers.map((s) => plain(s.name));
  const fields: APIEmbedField[] = [
    ...(date ? [{ name: 'Date', value: date, inline: true }] : []),
    { name: 'Quotes', value: String(reading.quotes.length), inline: true },
    ...(speakers.length ? [{ name: 'Speakers', value: listValue(speakers, FIELD_VALUE_MAX), inline: false }] : []),
  ];
  const title = titleOf(article, reading);
  // An untitled article is titled by its headline; saying it twice adds nothing.
  const headline = reading.headline.trim() && reading.headline.trim() !== title ? [`**${plain(reading.headline.trim())}**`] : [];
  const description = [...headline, ...reading.summary.map((s) => `> ${plain(s)}`)].join('\n') || 'No summary for this article.';
  return message([
    { title: plain(title), url: linkUrl(article.url), description, fields, footer: { text: `Article #${article.id} · /quotes and /facts for more` }, color: BRAND_COLOR },
  ]);
}

/** The key facts, then who, where, which organisations, when and how many. */
export function renderFacts(article: StoredArticle, reading: Reading): BotMessage {
  const { facts } = reading;
  // An undated article's "on Monday" is left unresolved by the engine: say why, not just that.
  const unresolved = reading.date ? 'unknown date' : 'unresolved: the article gives no date';
  const dates = facts.dates.map((d) => `${plain(d.text)} → ${articleDate(d.date) ?? unresolved}`);
  const lists: [string, string[]][] = [
    ['People', facts.people.map(plain)],
    ['Places', facts.places.map(plain)],
    ['Organizations', facts.organizations.map(plain)],
    ['Dates', dates],
    ['Numbers', facts.numbers.map(plain)],
  ];
  const fields = lists.filter(([, items]) => items.length > 0).map(([name, items]) => ({ name, value: listValue(items, FIELD_VALUE_MAX), inline: name !== 'Dates' }));
  const description = facts.key.length
    ? listValue(
        facts.key.map((k) => `• ${plain(k)}`),
        DESCRIPTION_MAX,
      )
    : 'No key facts found in this article.';
  return message([
    { title: `Key facts: ${plain(titleOf(article, reading))}`, url: linkUrl(article.url), description, fields, footer: { text: `Article #${article.id}` }, color: BRAND_COLOR },
  ]);
}

function quoteLine(quote: QuoteGroup['quotes'][number]): { text: string; shortened: boolean } {
  const text = `“${plain(shorten(quote.text, QUOTE_TEXT_MAX))}”`;
  const shortened = quote.text.length > QUOTE_TEXT_MAX;
  if (!quote.source) return { text, shortened };
  const source = link(shorten(quote.source.title, 80), quote.source.url);
  const date = articleDate(quote.source.date);
  return { text: `${text}\n— ${source}${date ? `, ${date}` : ''}`, shortened };
}

/** Quotes grouped by speaker; the field name carries the name and roles. */
export function renderQuotes(view: QuotesView): BotMessage {
  const fields: APIEmbedField[] = [];
  let shortened = 0;
  for (const group of view.groups) {
    const roles = shownRoles(group.roles);
    const name = plain(roles.length ? `${group.name} · ${roles.join(', ')}` : group.name);
    for (const [index, quote] of group.quotes.entries()) {
      const line = quoteLine(quote);
      if (line.shortened) shortened += 1;
      fields.push({ name: index === 0 ? name : `${plain(group.name)} (continued)`, value: line.text });
    }
  }
  const footer = [
    view.pageCount > 1 ? `Page ${view.page + 1}/${view.pageCount}` : null,
    `${view.total} quote${view.total === 1 ? '' : 's'}`,
    shortened ? `${shortened} shortened (${ELLIPSIS}): the full text is in the article` : null,
  ].filter(Boolean);
  const description = view.note ? plain(view.note) : fields.length ? undefined : 'No quotes found.';
  return message([{ title: plain(view.title), url: linkUrl(view.url), description, fields, footer: { text: footer.join(' · ') }, color: BRAND_COLOR }]);
}

/** One line per article: id, linked title, date. */
export function renderArticleList(view: ArticleListView): BotMessage {
  const lines = view.items.map((article) => {
    const linked = link(shorten(articleLabel(article), 120), article.url);
    const date = articleDate(article.date);
    return `\`#${article.id}\` ${linked}${date ? ` · ${date}` : ''}`;
  });
  const heading = view.search ? `Articles matching “${plain(view.search)}”` : 'Articles in the archive';
  const footer = [
    view.pageCount > 1 ? `Page ${view.page + 1}/${view.pageCount}` : null,
    `${view.total}${view.capped ? '+' : ''} article${view.total === 1 && !view.capped ? '' : 's'}`,
  ].filter(Boolean);
  const description = lines.length ? listValue(lines, DESCRIPTION_MAX) : 'No articles found. Add some with /article add, or try another search.';
  return message([{ title: heading, description, footer: { text: footer.join(' · ') }, color: BRAND_COLOR }]);
}

/** A short text answer (errors, hints); ephemeral unless said otherwise. */
export function renderNotice(text: string, ephemeral = true): BotMessage {
  return { content: shorten(text, CONTENT_MAX), embeds: [], components: [], allowedMentions: { parse: [] }, ephemeral };
}

/** Autocomplete choices within Discord's count and length limits. */
export function fitChoices<T extends string | number>(choices: { name: string; value: T }[]): { name: string; value: T }[] {
  return choices.slice(0, CHOICES_MAX).map(({ name, value }) => ({
    name: shorten(name, CHOICE_TEXT_MAX) || '?',
    value: (typeof value === 'string' ? value.slice(0, CHOICE_TEXT_MAX) : value) as T,
  }));
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + fields;
}

/** Clamps each part to its limit; an empty name or value is not allowed either. */
function clampEmbed(embed: APIEmbed): APIEmbed {
  const fields = (embed.fields ?? []).slice(0, FIELDS_MAX).map((f) => ({
    ...f,
    name: shorten(f.name, FIELD_NAME_MAX) || '\u200b',
    value: shorten(f.value, FIELD_VALUE_MAX) || '\u200b',
  }));
  const clamped: APIEmbed = { ...embed, fields };
  if (embed.title !== undefined) clamped.title = shorten(embed.title, TITLE_MAX);
  if (embed.description !== undefined) clamped.description = shorten(embed.description, DESCRIPTION_MAX);
  if (embed.author) clamped.author = { ...embed.author, name: shorten(embed.author.name, AUTHOR_MAX) };
  if (embed.footer) clamped.footer = { ...embed.footer, text: shorten(embed.footer.text, FOOTER_MAX) };
  return clamped;
}

const hiddenNote = (count: number): string => (count > 0 ? `${count} more not shown` : '');

/**
 * Fits embeds to the per-message limits: each part clamped, then fields dropped from the
 * end until the message holds 6000 characters, and the footer says how many were left out.
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, EMBEDS_MAX).map(clampEmbed);
  const hidden = fitted.map((_, i) => Math.max(0, (embeds[i]?.fields?.length ?? 0) - FIELDS_MAX));
  // The " · " before each note is counted too, so the notes always fit once added.
  const total = (): number => fitted.reduce((sum, e, i) => sum + embedLength(e) + hiddenNote(hidden[i]!).length + 3, 0);
  for (let i = fitted.length - 1; i >= 0; i--) {
    const fields = fitted[i]!.fields!;
    while (total() > MESSAGE_EMBED_CHARS_MAX && fields.length > 0) {
      fields.pop();
      hidden[i]! += 1;
    }
  }
  fitted.forEach((embed, i) => {
    if (hidden[i]) embed.footer = { text: shorten([embed.footer?.text, hiddenNote(hidden[i])].filter(Boolean).join(' · '), FOOTER_MAX) };
  });
  const last = fitted.at(-1);
  const excess = total() - MESSAGE_EMBED_CHARS_MAX;
  if (last?.description && excess > 0) last.description = shorten(last.description, Math.max(1, last.description.length - excess));
  return fitted;
}
