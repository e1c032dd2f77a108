/**
 * Bringing one article into the archive from a URL, a file, an attachment or pasted text.
 * The same article is stored once: it is keyed by canonical URL (tracking parameters
 * stripped) and by content hash.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { readArticle, readBytes } from '../article/index.js';
import type { ArticleMeta, Reading, Result } from '../article/types.js';
import { contentHash } from '../library/content-hash.js';
import type { ArticleStore, SaveOutcome, StoredArticle } from '../library/types.js';
import { canonicalUrl } from './canonical-url.js';
import { articleText, extractHtml, type ExtractedPage } from './html.js';
import { bytesLookLikeHtml, looksLikeHtml } from './sniff.js';
import { decode, declaredCharset } from './charset.js';
import { FetchRefusedError, safeFetch, type SafeFetchOptions } from './safe-fetch.js';

/** The engine, passed in so the ingest needs no particular one. */
export type ReadText = (text: string, meta: ArticleMeta) => Result<Reading>;

export interface IngestOptions {
  articles: ArticleStore;
  /** `readArticle` by default. */
  read?: ReadText;
  /** Transport and safety limits for anything fetched. */
  fetch?: SafeFetchOptions;
}

export interface Ingested {
  outcome: SaveOutcome;
  article: StoredArticle;
  reading: Reading;
  /** From the page, when it came from the web. */
  byline?: string | null;
  siteName?: string | null;
}

/** The text could not be read as an article (empty, binary, too large). */
export class ArticleReadError extends Error {
  override name = 'ArticleReadError';
}

const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'];
const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown'];
/** The local file types `ingestFile` accepts. */
export const FILE_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS];

const known = (articles: ArticleStore, article: StoredArticle): Ingested | null => {
  const reading = articles.getReading(article.id);
  return reading ? { outcome: 'unchanged', article, reading } : null;
};

/** Reads and stores a text, unless the same text is already in the archive. */
export function storeText(source: string, url: string | null, text: string, meta: ArticleMeta, options: IngestOptions): Ingested {
  const { articles } = options;
  const same = articles.findByHash(contentHash(text));
  const already = same && known(articles, same);
  if (already) return already;
  const read = (options.read ?? readArticle)(text, meta);
  if (!read.ok) throw new ArticleReadError(`${read.error.code}: ${read.error.message}`);
  const title = meta.title ?? read.value.title;
  const date = meta.date ?? read.value.date;
  const saved = articles.saveArticle({ source, url, text, title, date }, read.value);
  return { ...saved, reading: read.value };
}

/** Stores an extracted page, keyed by its canonical URL (or `fallbackSource`). */
export function storePage(page: ExtractedPage, fallbackSource: string, options: IngestOptions): Ingested {
  const source = page.url ?? fallbackSource;
  const text = articleText(page);
  const stored = storeText(source, page.url, text, { title: page.title, date: page.date }, options);
  return { ...stored, byline: page.byline, siteName: page.siteName };
}

/** The archive already has this URL (after tracking parameters are stripped). */
export function findKnownUrl(articles: ArticleStore, url: string): Ingested | null {
  const key = canonicalUrl(url);
  const article = key ? articles.findBySource(key) : null;
  return article ? known(articles, article) : null;
}

/**
 * Fetches a web page (or a plain-text URL) and stores its article. A URL already in the
 * archive is not fetched again.
 */
export async function ingestUrl(url: string, options: IngestOptions): Promise<Ingested> {
  const key = canonicalUrl(url);
  if (!key) throw new FetchRefusedError(url, 'only http and https URLs are fetched');
  const already = findKnownUrl(options.articles, key);
  if (already) return already;
  const doc = await safeFetch(key, options.fetch);
  if (doc.notModified) throw new ArticleReadError(`the server answered 304 without a cached copy: ${key}`);
  if ((doc.contentType === 'text/plain' || doc.contentType === 'text/markdown') && !looksLikeHtml(doc.text)) {
    return storeText(canonicalUrl(doc.url) ?? key, canonicalUrl(doc.url), doc.text, {}, options);
  }
  const page = extractHtml(doc.text, doc.url);
  // A canonical link pointing elsewhere may name an article the archive already has
  const byCanonical = page.url ? findKnownUrl(options.articles, page.url) : null;
  return byCanonical ?? storePage(page, key, options);
}

/** Stores `text` read as HTML or plain text: HTML by the file name's extension or by its content. */
function storeByName(name: string, source: string, text: string, meta: ArticleMeta, options: IngestOptions): Ingested {
  if (!HTML_EXTENSIONS.includes(extname(name).toLowerCase()) && !looksLikeHtml(text)) return storeText(source, null, text, meta, options);
  const page = extractHtml(text, null);
  // A saved page names its canonical URL: the archive may have it from the web already
  const already = page.url ? findKnownUrl(options.articles, page.url) : null;
  if (already) return already;
  const titled = meta.title ? { ...page, title: meta.title } : page;
  const stored = storeText(source, page.url, articleText(titled), { title: titled.title, date: page.date }, options);
  return { ...stored, byline: page.byline, siteName: page.siteName };
}

/** Imports a local `.txt`, `.md` or `.html` file (`briefing ingest PATH`); the source is the absolute path. */
export async function ingestFile(path: string, options: IngestOptions): Promise<Ingested> {
  const ext = extname(path).toLowerCase();
  if (!FILE_EXTENSIONS.includes(ext)) throw new ArticleReadError(`${path}: only ${FILE_EXTENSIONS.join(', ')} files are read`);
  const bytes = await readFile(path);
  return storeByName(path, resolve(path), decodeFile(path, bytes), {}, options);
}

/** HTML in whatever charset it declares; text files must be UTF-8, as the engine reads them. */
function decodeFile(path: string, bytes: Uint8Array): string {
  if (HTML_EXTENSIONS.includes(extname(path).toLowerCase()) || bytesLookLikeHtml(bytes)) return decode(bytes, declaredCharset('', bytes));
  const read = readBytes(bytes);
  if (!read.ok) throw new ArticleReadError(`${path}: ${read.error.code}: ${read.error.message}`);
  return read.value.text;
}

export interface Attachment {
  url: string;
  name: string;
}

/** `/article add file:` — the attachment is fetched with the same safety as any URL. */
export async function ingestAttachment(attachment: Attachment, sourcePrefix: string, options: IngestOptions & { title?: string | null }): Promise<Ingested> {
  const ext = extname(attachment.name).toLowerCase();
  if (!FILE_EXTENSIONS.includes(ext)) throw new ArticleReadError(`${attachment.name} is not a ${FILE_EXTENSIONS.join(', ')} file`);
  // Discord labels .md files inconsistently; the extension decides how it is read
  const doc = await safeFetch(attachment.url, { ...options.fetch, contentTypes: ['text/plain', 'text/markdown', 'text/html', 'application/xhtml+xml', 'application/octet-stream'] });
  if (doc.notModified) throw new ArticleReadError(`unexpected 304 for ${attachment.name}`);
  const source = `${sourcePrefix}/${contentHash(doc.text).slice(0, 16)}`;
  return storeByName(attachment.name, source, doc.text, options.title ? { title: options.title } : {}, options);
}

/** `/article add text:` — pasted text, with an optional title. */
export function ingestPastedText(text: string, sourcePrefix: string, options: IngestOptions & { title?: string | null }): Ingested {
  const source = `${sourcePrefix}/${contentHash(text).slice(0, 16)}`;
  // A page's source pasted as text is read as the page it is
  return storeByName('pasted.txt', source, text, options.title ? { title: options.title } : {}, options);
}
