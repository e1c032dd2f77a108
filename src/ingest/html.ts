/**
 * A web page to article text: Readability finds the article in the page (navigation,
 * comments, scripts and styles go), and the metadata comes from the page's head.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { canonicalUrl } from './canonical-url.js';
import { checkDom, checkMarkup, DEFAULT_DOM_LIMITS, DomLimitError, type DomLimits } from './dom-limits.js';
import { decode, declaredCharset } from './charset.js';

export interface ExtractedPage {
  title: string | null;
  /** `YYYY-MM-DD` as the page states it, or null. */
  date: string | null;
  byline: string | null;
  siteName: string | null;
  /** `<link rel=canonical>` or og:url, tracking parameters stripped; else the page's URL. */
  url: string | null;
  /** Paragraphs separated by blank lines, for the engine's paragraph and quote logic. */
  paragraphs: string[];
}

/** The page has no article in it (an index page, a login wall, an empty body). */
export class NoArticleError extends Error {
  override name = 'NoArticleError';
}

// Readability keeps these as separate blocks; each ends a paragraph.
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'FIGURE',
  'FIGCAPTION',
  'DL',
  'DT',
  'DD',
  'BR',
  'HR',
]);
/** Less text than this is a teaser or a menu, not an article. */
const MIN_ARTICLE_CHARS = 200;
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME']);

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };

/** Walks the article's DOM; text between block boundaries is one paragraph. */
export function paragraphsOf(root: DomNode): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = (): void => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    buffer = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      buffer += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}

type Doc = ReturnType<typeof parseHTML>['document'];

const meta = (doc: Doc, ...keys: string[]): string | null => {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
};

/** `2024-03-05T23:30:00-05:00` is March 5 where it was published: keep the date as written. */
export function toDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const iso = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  if (iso) return iso;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

/** JSON-LD objects in the page, flattening arrays and `@graph`. */
function jsonLd(doc: Doc): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      found.push(value as Record<string, unknown>);
      const graph = (value as Record<string, unknown>)['@graph'];
      if (graph) visit(graph);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and says nothing about the article
    }
  }
  return found;
}

function publishedDate(doc: Doc, ld: Record<string, unknown>[]): string | null {
  const fromMeta = meta(doc, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued');
  const fromLd = ld.map((o) => o['datePublished']).find((v): v is string => typeof v === 'string');
  const time = doc.querySelector('[itemprop="datePublished"][datetime], time[pubdate][datetime], article time[datetime], time[datetime]');
  return toDate(fromMeta) ?? toDate(fromLd) ?? toDate(time?.getAttribute('datetime'));
}

function linkedUrl(doc: Doc, pageUrl: string | null): string | null {
  const candidates = [doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), meta(doc, 'og:url'), pageUrl];
  for (const candidate of candidates) {
    const url = candidate ? canonicalUrl(candidate, pageUrl ?? undefined) : null;
    if (url) return url;
  }
  return null;
}

/**
 * Extracts the article from an HTML page; `pageUrl` resolves relative canonical links.
 * Throws DomLimitError for a page nested too deep or with too many elements, before the
 * slow parts see it, and NoArticleError when there is no article.
 */
export function extractHtml(html: string, pageUrl: string | null = null, limits: DomLimits = DEFAULT_DOM_LIMITS): ExtractedPage {
  checkMarkup(html, limits);
  const { document } = parseHTML(html);
  checkDom(document.documentElement, limits);
  const ld = jsonLd(document);
  const date = publishedDate(document, ld);
  const url = linkedUrl(document, pageUrl);
  const headTitle = meta(document, 'og:title', 'twitter:title') ?? document.querySelector('title')?.textContent?.trim() ?? null;
  const siteMeta = meta(document, 'og:site_name', 'application-name');
  // Readability changes the document it is given; the metadata above was read first
  const article = new Readability(document, { charThreshold: 200 }).parse();
  if (!article?.content) throw new NoArticleError(`no article found in the page${pageUrl ? ` at ${pageUrl}` : ''}`);
  const paragraphs = paragraphsOf(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document);
  if (paragraphs.join(' ').length < MIN_ARTICLE_CHARS) throw new NoArticleError(`the page${pageUrl ? ` at ${pageUrl}` : ''} has no article text`);
  const title = article.title?.trim() || headTitle;
  // Readability puts the headline in the content too; it is the text's title line instead
  if (title && paragraphs[0] === title) paragraphs.shift();
  return {
    title: title || null,
    date: date ?? toDate(article.publishedTime),
    byline: article.byline?.trim() || null,
    siteName: article.siteName?.trim() || siteMeta,
    url,
    paragraphs,
  };
}

/**
 * The text the engine reads and the archive stores, in the seed's format: a `date` line,
 * the title, a blank line, then the paragraphs separated by blank lines.
 */
export function articleText(page: Pick<ExtractedPage, 'title' | 'date' | 'paragraphs'>): string {
  const head = [page.date ? `date ${page.date}` : null, page.title].filter((line) => line !== null);
  return [...(head.length ? [head.join('\n')] : []), ...page.paragraphs].join('\n\n') + '\n';
}

/** A page's bytes to the article text the archive stores, or why there is none. */
export function readPage(bytes: Uint8Array): { ok: true; value: { text: string; title: string | null; date: string | null } } | { ok: false; error: string } {
  try {
    const page = extractHtml(decode(bytes, declaredCharset('', bytes)), null);
    return { ok: true, value: { text: articleText(page), title: page.title, date: page.date } };
  } catch (error) {
    // No article in it, or over a limit the page was checked against before Readability
    if (error instanceof NoArticleError || error instanceof DomLimitError) return { ok: false, error: error.message };
    throw error;
  }
}
