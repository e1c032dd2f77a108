/**
 * Messages for `/article add` and `/feed`: what was stored, what was refused and why, and
 * the feeds a server follows. Limits and helpers come from render.ts.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Reading } from '../article/types.js';
import type { Feed } from '../library/feed-store.js';
import { NO_FILTER, type ItemFilter } from '../library/filter-store.js';
import type { SaveOutcome, StoredArticle } from '../library/types.js';
import { articleLabel, DESCRIPTION_MAX, articleDate, fitEmbeds, FIELD_VALUE_MAX, linkUrl, plain, renderNotice, shorten, type BotMessage } from './render.js';

const BRAND_COLOR = 0x2f6fdf;
const WARNING_COLOR = 0xd9822b;
/** Speakers named in the "added" card before "and N more". */
const SPEAKERS_SHOWN = 8;

export interface IngestedView {
  outcome: SaveOutcome;
  article: StoredArticle;
  reading: Reading;
  byline?: string | null;
  siteName?: string | null;
}

const message = (embeds: APIEmbed[], ephemeral = false): BotMessage => ({
  embeds: fitEmbeds(embeds),
  components: [],
  allowedMentions: { parse: [] },
  ...(ephemeral ? { ephemeral } : {}),
});

const timestamp = (ms: number, style: 'R' | 'f' = 'R'): string => `<t:${Math.floor(ms / 1000)}:${style}>`;

function speakersValue(reading: Reading): string | null {
  const names = reading.speakers.map((s) => plain(s.name));
  if (names.length === 0) return null;
  const shown = names.slice(0, SPEAKERS_SHOWN).join(', ');
  return shorten(names.length > SPEAKERS_SHOWN ? `${shown} and ${names.length - SPEAKERS_SHOWN} more` : shown, FIELD_VALUE_MAX);
}

/** `/article add` answered: what was stored, or that the archive already had it. */
export function renderIngested(view: IngestedView): BotMessage {
  const { article, reading } = view;
  const title = plain(articleLabel(article));
  if (view.outcome === 'unchanged') {
    return renderNotice(`Already in the archive as #${article.id}: ${shorten(title, 200)}. See it with /headline article:${article.id}.`);
  }
  const date = articleDate(article.date);
  const speakers = speakersValue(reading);
  const fields: APIEmbedField[] = [
    { name: 'Quotes', value: String(reading.quotes.length), inline: true },
    ...(date ? [{ name: 'Date', value: date, inline: true }] : []),
    ...(view.siteName ? [{ name: 'Site', value: plain(view.siteName), inline: true }] : []),
    ...(view.byline ? [{ name: 'Byline', value: plain(view.byline), inline: true }] : []),
    ...(speakers ? [{ name: 'Speakers', value: speakers }] : []),
  ];
  const verb = view.outcome === 'created' ? 'Added to the archive' : 'Updated in the archive';
  return message([
    {
      title: shorten(title, 256),
      url: linkUrl(article.url),
      description: shorten(`${verb}. ${reading.headline ? plain(reading.headline) : ''}`.trim(), DESCRIPTION_MAX),
      fields,
      footer: { text: `Article #${article.id} · /quotes article:${article.id} for its quotes` },
      color: BRAND_COLOR,
    },
  ]);
}

/** Why an article or feed could not be added, and what to do about it; private. */
export function renderIngestError(what: string, reason: string): BotMessage {
  return renderNotice(`Could not add ${what}: ${reason}`);
}

/** `/feed add` answered. */
export function renderFeedAdded(feed: Feed, title: string | null, itemCount: number, intervalMs: number, filter: ItemFilter = NO_FILTER): BotMessage {
  const name = plain(title ?? feed.url);
  const minutes = Math.round(intervalMs / 60_000);
  const only = filterText(filter);
  return message([
    {
      title: shorten(`Following ${name}`, 256),
      url: linkUrl(feed.url),
      description: `${itemCount} item${itemCount === 1 ? '' : 's'} in the feed now. They are stored at the next poll (within ${minutes} min) without being announced; articles that appear after that are announced here.${only ? ` Filter: ${only}.` : ''}`,
      footer: { text: 'Remove it with /feed remove · see all with /feed list' },
      color: BRAND_COLOR,
    },
  ]);
}

/** "only items with Idlib or Sochi, or quoting Putin"; null for no filter. */
export function filterText(filter: ItemFilter): string | null {
  const keywords = filter.keywords.map((k) => `“${plain(k)}”`).join(' or ');
  const speakers = filter.speakers.map(plain).join(' or ');
  if (!keywords && !speakers) return null;
  return `only items ${[keywords ? `with ${keywords}` : '', speakers ? `quoting ${speakers}` : ''].filter(Boolean).join(', or ')}`;
}

function feedLine(feed: Feed, filter: ItemFilter): string {
  const name = feed.title ? `[${plain(shorten(feed.title, 80)).replace(/[[\]]/g, '')}](${linkUrl(feed.url) ?? ''})` : plain(feed.url);
  const state = feed.lastError
    ? `⚠️ failing (${feed.failures}× in a row): ${plain(shorten(feed.lastError, 200))}`
    : feed.lastPolledAt === null
      ? 'not polled yet'
      : `ok, polled ${timestamp(feed.lastPolledAt)}`;
  const only = filterText(filter);
  return `${name}\n${state} · next poll ${timestamp(feed.nextPollAt)}${only ? `\nFilter: ${only}` : ''}`;
}

/** `/feed list`: each feed with its state, its last error and its next poll. */
export function renderFeedList(feeds: Feed[], filterOf: (feed: Feed) => ItemFilter = () => NO_FILTER): BotMessage {
  if (feeds.length === 0) return renderNotice('This server follows no feeds yet. Add one with /feed add url:', false);
  const failing = feeds.filter((f) => f.lastError).length;
  const lines: string[] = [];
  for (const [index, feed] of feeds.entries()) {
    const line = feedLine(feed, filterOf(feed));
    const next = [...lines, line].join('\n\n');
    // Whole feeds only: a cut line would hide its error
    if (next.length > DESCRIPTION_MAX - 40) {
      lines.push(`… and ${feeds.length - index} more`);
      break;
    }
    lines.push(line);
  }
  return message([
    {
      title: 'Feeds this server follows',
      description: lines.join('\n\n'),
      footer: { text: `${feeds.length} feed${feeds.length === 1 ? '' : 's'}${failing ? ` · ${failing} failing` : ''}` },
      color: failing ? WARNING_COLOR : BRAND_COLOR,
    },
  ]);
}

/** New articles from a feed, for the poller to post in the feed's channel. */
export function renderFeedArticles(feed: Feed, articles: StoredArticle[]): BotMessage {
  const lines = articles.map((a) => {
    const href = linkUrl(a.url);
    const label = plain(shorten(articleLabel(a), 120)).replace(/[[\]]/g, '');
    return `\`#${a.id}\` ${href ? `[${label}](${href})` : label}`;
  });
  let description = '';
  for (const [index, line] of lines.entries()) {
    if (description.length + line.length + 30 > DESCRIPTION_MAX) {
      description += `\n… and ${lines.length - index} more`;
      break;
    }
    description += (description ? '\n' : '') + line;
  }
  return message([
    {
      title: shorten(`New from ${plain(feed.title ?? feed.url)}`, 256),
      description,
      footer: { text: '/headline, /quotes and /facts take the article number' },
      color: BRAND_COLOR,
    },
  ]);
}
