/** RSS 2.0 and Atom feeds to a list of items, parsed with linkedom's XML parser. */
import { DOMParser, parseHTML } from 'linkedom';
import { canonicalUrl } from './canonical-url.js';
import { paragraphsOf } from './html.js';
import { toDate } from './html.js';

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

/** The document is not an RSS 2.0 or Atom feed. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/**
 * Below this much text an item's content is a teaser: the article is fetched from its
 * link instead.
 */
export const FULL_TEXT_MIN_CHARS = 600;

interface XmlElement {
  localName?: string;
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  children: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
}

/** `content:encoded` and `encoded` alike: feeds are loose with namespace prefixes. */
const nameOf = (el: XmlElement): string => el.nodeName.toLowerCase();
const local = (el: XmlElement): string => nameOf(el).replace(/^.*:/, '');

function childrenOf(el: XmlElement): XmlElement[] {
  return Array.from(el.children);
}

function child(el: XmlElement, ...names: string[]): XmlElement | null {
  for (const name of names) {
    const found = childrenOf(el).find((c) => nameOf(c) === name || (!name.includes(':') && local(c) === name && !nameOf(c).includes(':')));
    if (found) return found;
  }
  return null;
}

const text = (el: XmlElement | null): string | null => el?.textContent?.trim() || null;

/** Paragraphs of an HTML fragment in a feed (CDATA or escaped); plain text splits on blank lines. */
function fragmentParagraphs(html: string | null): string[] {
  if (!html) return [];
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return paragraphsOf(document);
}

function fullText(paragraphs: string[]): string[] {
  return paragraphs.join(' ').length >= FULL_TEXT_MIN_CHARS ? paragraphs : [];
}

function rssItem(item: XmlElement, base: string | undefined): FeedItem | null {
  const link = text(child(item, 'link'));
  const guid = text(child(item, 'guid'));
  const key = guid ?? link;
  if (!key) return null;
  const content = text(child(item, 'content:encoded')) ?? text(child(item, 'description'));
  return {
    key,
    link: link ? canonicalUrl(link, base) : guid && /^https?:/i.test(guid) ? canonicalUrl(guid) : null,
    title: text(child(item, 'title')),
    date: toDate(text(child(item, 'pubdate', 'dc:date'))),
    paragraphs: fullText(fragmentParagraphs(content)),
  };
}

function atomLink(entry: XmlElement): string | null {
  const links = childrenOf(entry).filter((c) => local(c) === 'link');
  const alternate = links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
  return alternate?.getAttribute('href') ?? null;
}

function atomEntry(entry: XmlElement, base: string | undefined): FeedItem | null {
  const href = atomLink(entry);
  const link = href ? canonicalUrl(href, base) : null;
  const key = text(child(entry, 'id')) ?? link;
  if (!key) return null;
  const content = text(child(entry, 'content')) ?? text(child(entry, 'summary'));
  return {
    key,
    link,
    title: text(child(entry, 'title')),
    date: toDate(text(child(entry, 'published', 'updated'))),
    paragraphs: fullText(fragmentParagraphs(content)),
  };
}

/** Parses an RSS 2.0 or Atom document; `base` resolves relative links. */
export function parseFeed(xml: string, base?: string): ParsedFeed {
  let root: XmlElement | null;
  try {
    const doc = new DOMParser().parseFromString(xml.replace(/^\uFEFF/, '').trim(), 'text/xml') as unknown as { documentElement: XmlElement | null };
    root = doc.documentElement;
  } catch (error) {
    throw new FeedParseError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!root) throw new FeedParseError('empty document: not a feed');
  const rootName = local(root);
  if (rootName === 'rss') {
    const channel = child(root, 'channel');
    if (!channel) throw new FeedParseError('an RSS document without a <channel>');
    const items = childrenOf(channel).filter((c) => local(c) === 'item');
    return { kind: 'rss', title: text(child(channel, 'title')), items: items.map((i) => rssItem(i, base)).filter((i) => i !== null) };
  }
  if (rootName === 'feed') {
    const entries = childrenOf(root).filter((c) => local(c) === 'entry');
    return { kind: 'atom', title: text(child(root, 'title')), items: entries.map((e) => atomEntry(e, base)).filter((i) => i !== null) };
  }
  throw new FeedParseError(`a <${root.nodeName}> document is neither RSS 2.0 nor Atom`);
}
