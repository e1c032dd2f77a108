/** RSS 2.0, RSS 1.0 and Atom feeds to a list of items, parsed by @rowanmanning/feed-parser. */
import { parseFeed as parseFeedDocument } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { canonicalUrl } from './canonical-url.js';
import { checkMarkup } from './dom-limits.js';
import { paragraphsOf } from './html.js';

export interface FeedItem {
  /** The guid, Atom id or link: what makes an item the same item in the next poll. */
  key: string;
  /** The article's URL, tracking parameters stripped. */
  link: string | null;
  title: string | null;
  date: string | null;
  /** The item's full text as paragraphs, when the feed carries it; else empty. */
  paragraphs: string[];
}

export interface ParsedFeed {
  kind: 'rss' | 'atom';
  title: string | null;
  items: FeedItem[];
}

/** The document is not an RSS or Atom feed. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/**
 * Below this much text an item's content is a teaser: the article is fetched from its
 * link instead.
 */
export const FULL_TEXT_MIN_CHARS = 600;

/** Paragraphs of an HTML fragment in a feed; content over the markup limits is treated as a teaser. */
function fragmentParagraphs(html: string | null): string[] {
  if (!html) return [];
  try {
    checkMarkup(html);
  } catch {
    return [];
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const paragraphs = paragraphsOf(document);
  return paragraphs.join(' ').length >= FULL_TEXT_MIN_CHARS ? paragraphs : [];
}

// The parser gives a Date; the day is the UTC day, as a pubDate's GMT names it
const day = (date: Date | null): string | null => (date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : null);

// "<?xml …?><!-- … --><!DOCTYPE html><html>": the first element's name, for the error message
const ROOT_ELEMENT = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>)*<([A-Za-z][\w:.-]*)/;

/** Why the parser refused: a page that is not a feed says which element it is instead. */
function refusal(xml: string, error: unknown): FeedParseError {
  const root = ROOT_ELEMENT.exec(xml)?.[1]?.toLowerCase();
  const reason = error instanceof Error ? error.message : String(error);
  if (root && root !== 'rss' && root !== 'feed' && root !== 'rdf:rdf') return new FeedParseError(`a <${root}> document is neither RSS nor Atom`, { cause: error });
  if (root === 'rss' && /channel/i.test(reason)) return new FeedParseError('an RSS document without a <channel>', { cause: error });
  return new FeedParseError(root ? reason : `not well-formed XML: ${reason}`, { cause: error });
}

/** Parses an RSS or Atom document; `base` resolves relative links. */
export function parseFeed(xml: string, base?: string): ParsedFeed {
  const source = xml.replace(/^\uFEFF/, '').trim();
  if (!source) throw new FeedParseError('empty document: not a feed');
  let feed;
  try {
    feed = parseFeedDocument(source);
  } catch (error) {
    throw refusal(source, error);
  }
  const items = feed.items.flatMap((item): FeedItem[] => {
    const key = item.id ?? item.url;
    if (!key) return [];
    // An RSS <guid> is a permalink unless it says otherwise; the parser uses only <link>
    const href = item.url ?? (/^https?:\/\//i.test(key) ? key : null);
    const link = href ? canonicalUrl(href, base) : null;
    return [{ key, link, title: item.title, date: day(item.published ?? item.updated), paragraphs: fragmentParagraphs(item.content ?? item.description) }];
  });
  return { kind: feed.meta.type === 'atom' ? 'atom' : 'rss', title: feed.title, items };
}
