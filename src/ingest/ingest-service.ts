/**
 * The one way an article enters the archive, whatever its source: a folder file, a path or
 * URL on the command line, `/article add url:|file:|text:`, a feed item. The same article is
 * stored once: it is keyed by canonical URL (tracking parameters stripped) and by content
 * hash. The heavy work goes to the reader (the worker pool in the bot); every failure comes
 * back as a refusal with a code.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { readBytes } from '../article/read.js';
import type { ArticleMeta } from '../article/types.js';
import type { StoredArticle } from '../library/types.js';
import { contentHash } from '../library/content-hash.js';
import type { ArticleReader } from './article-reader.js';
import type { ArticleSink } from './article-sink.js';
import { canonicalUrl } from './canonical-url.js';
import { decode, declaredCharset } from './charset.js';
import { addedSourcePrefix, type Destination } from './destination.js';
import type { FeedItem, ParsedFeed } from './feeds.js';
import { articleText, type ExtractedPage } from './html.js';
import { bytesLookLikeHtml, looksLikeHtml } from './sniff.js';
import { fetchRefusal, refusal, type IngestResult, type Outcome } from './ingest-result.js';
import { safeFetch, type FetchedDocument, type SafeFetchOptions } from './safe-fetch.js';

const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'];
const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown'];
/** The file types the ingest reads, local or attached. */
export const FILE_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS];
// Discord labels .md files inconsistently; the extension decides how an attachment is read
const ATTACHMENT_TYPES = ['text/plain', 'text/markdown', 'text/html', 'application/xhtml+xml', 'application/octet-stream'];

export interface IngestServiceOptions {
  sink: ArticleSink;
  reader: ArticleReader;
  /** BRIEFING_MAX_BYTES: a file, page, attachment or text over it is refused. */
  maxBytes: number;
  /** Transport and safety for anything fetched; tests allow 127.0.0.1 here. */
  fetch?: SafeFetchOptions;
}

export interface Attachment {
  url: string;
  name: string;
}

/** A feed fetched for polling or checking: unchanged since the validators, or its items. */
export type FeedDocument = { notModified: true } | { notModified: false; feed: ParsedFeed; etag: string | null; lastModified: string | null };

export interface IngestService {
  /** A local `.txt`, `.md` or `.html` file; its source is the absolute path. */
  file(path: string, destination: Destination): Promise<IngestResult>;
  /** A web page or plain-text URL; a URL already in the archive is not fetched again. */
  url(url: string, destination: Destination): Promise<IngestResult>;
  /** A Discord attachment, fetched with the same safety as any URL. */
  attachment(attachment: Attachment, destination: Destination, options?: { title?: string | null }): Promise<IngestResult>;
  /** Pasted text, with an optional title. */
  text(text: string, destination: Destination, options?: { title?: string | null }): Promise<IngestResult>;
  /** A feed item: the feed's own text when it has the whole article, else its link. */
  feedItem(item: FeedItem, feedUrl: string, destination: Destination): Promise<IngestResult>;
  /** Fetches and parses a feed (conditionally, given the last answer's validators). */
  feed(url: string, validators?: { etag: string | null; lastModified: string | null }): Promise<Outcome<FeedDocument>>;
}

const megabytes = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
const isHtml = (name: string): boolean => HTML_EXTENSIONS.includes(extname(name).toLowerCase());

export function createIngestService(options: IngestServiceOptions): IngestService {
  const { sink, reader, maxBytes } = options;

  /** An article the archive has already: not read again, only added to the destination's collection. */
  const already = async (article: StoredArticle, destination: Destination): Promise<IngestResult | null> => {
    const reading = await sink.getReading('all', article.id);
    if (!reading) return null;
    const joined = await sink.linkArticle(article.id, destination);
    return { ok: true, value: { outcome: 'unchanged', article, reading, joined } };
  };
  const known = async (source: string | null, destination: Destination): Promise<IngestResult | null> => {
    const article = source ? await sink.findBySource(source) : null;
    return article ? already(article, destination) : null;
  };
  const knownUrl = (url: string, destination: Destination): Promise<IngestResult | null> => known(canonicalUrl(url), destination);

  /** Reads and stores a text, unless the same text is already in the archive. */
  async function storeText(source: string, url: string | null, text: string, meta: ArticleMeta, destination: Destination): Promise<IngestResult> {
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) return refusal('TOO_LARGE', `the text is ${megabytes(bytes)}, over the ${megabytes(maxBytes)} limit`);
    // A shortcut only: the text may arrive twice at once, and saveArticle stores it once either way (by hash, in one transaction)
    const same = await sink.findByHash(contentHash(text));
    const found = same && (await already(same, destination));
    if (found) return found;
    const read = await reader.read(text, { ...meta, maxBytes });
    if (!read.ok) return read;
    const input = { source, url, text, title: meta.title ?? read.value.title, date: meta.date ?? read.value.date };
    return { ok: true, value: { ...(await sink.saveArticle(input, read.value, destination)), reading: read.value } };
  }

  /** Stores an extracted page under `source` (its canonical URL when it came from the web). */
  async function storePage(page: ExtractedPage, source: string, destination: Destination): Promise<IngestResult> {
    const stored = await storeText(source, page.url, articleText(page), { title: page.title, date: page.date }, destination);
    return stored.ok ? { ok: true, value: { ...stored.value, byline: page.byline, siteName: page.siteName } } : stored;
  }

  /** A page or a text, as the name's extension or the content says; a saved page may name a URL the archive has. */
  async function storeByName(name: string, source: string, text: string, title: string | null, destination: Destination): Promise<IngestResult> {
    if (!isHtml(name) && !looksLikeHtml(text)) return storeText(source, null, text, title ? { title } : {}, destination);
    const page = await reader.extract(text, null);
    if (!page.ok) return page;
    const already = page.value.url ? await knownUrl(page.value.url, destination) : null;
    if (already) return already;
    return storePage({ ...page.value, title: title ?? page.value.title }, source, destination);
  }

  async function fetchDocument(url: string, fetchOptions: SafeFetchOptions): Promise<Outcome<FetchedDocument>> {
    try {
      return { ok: true, value: await safeFetch(url, { ...options.fetch, ...fetchOptions }) };
    } catch (error) {
      return fetchRefusal(error);
    }
  }

  async function url(input: string, destination: Destination): Promise<IngestResult> {
    const key = canonicalUrl(input);
    if (!key) return refusal('FETCH_REFUSED', `refused ${input}: only http and https URLs are fetched`);
    const already = await known(key, destination);
    if (already) return already;
    const fetched = await fetchDocument(key, { maxBytes });
    if (!fetched.ok) return fetched;
    const doc = fetched.value;
    if (doc.notModified) return refusal('FETCH_FAILED', `the server answered 304 without a cached copy: ${key}`, false);
    const finalUrl = canonicalUrl(doc.url);
    // A page served as text/plain is still a page
    if ((doc.contentType === 'text/plain' || doc.contentType === 'text/markdown') && !looksLikeHtml(doc.text))
      return storeText(finalUrl ?? key, finalUrl, doc.text, {}, destination);
    const page = await reader.extract(doc.text, doc.url);
    if (!page.ok) return page;
    // A canonical link pointing elsewhere may name an article the archive already has
    return (page.value.url ? await knownUrl(page.value.url, destination) : null) ?? storePage(page.value, page.value.url ?? key, destination);
  }

  async function file(path: string, destination: Destination): Promise<IngestResult> {
    if (!FILE_EXTENSIONS.includes(extname(path).toLowerCase())) return refusal('UNSUPPORTED_TYPE', `${path}: only ${FILE_EXTENSIONS.join(', ')} files are read`);
    let bytes: Buffer;
    try {
      const size = (await stat(path)).size;
      // Refused before a huge file is loaded into memory
      if (size > maxBytes) return refusal('TOO_LARGE', `file is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit`);
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return refusal('NOT_FOUND', 'no such file');
      if (code === 'EISDIR') return refusal('UNSUPPORTED_TYPE', 'is a directory, not a file');
      return refusal('NOT_FOUND', `cannot read (${code ?? String(error)})`);
    }
    const source = resolve(path);
    // HTML in whatever charset it declares; text files must be UTF-8, as the engine reads them
    if (isHtml(path) || bytesLookLikeHtml(bytes)) return storeByName(path, source, decode(bytes, declaredCharset('', bytes)), null, destination);
    const decoded = readBytes(bytes, { maxBytes });
    if (!decoded.ok) return refusal(decoded.error.code, decoded.error.message);
    return storeText(source, null, decoded.value.text, {}, destination);
  }

  return {
    file,
    url,
    async attachment(attachment, destination, extra = {}) {
      if (!FILE_EXTENSIONS.includes(extname(attachment.name).toLowerCase())) {
        return refusal('UNSUPPORTED_TYPE', `${attachment.name} is not a ${FILE_EXTENSIONS.join(', ')} file`);
      }
      const fetched = await fetchDocument(attachment.url, { maxBytes, contentTypes: ATTACHMENT_TYPES });
      if (!fetched.ok) return fetched;
      if (fetched.value.notModified) return refusal('FETCH_FAILED', `unexpected 304 for ${attachment.name}`, false);
      const text = fetched.value.text;
      const source = `${addedSourcePrefix(destination)}/${contentHash(text).slice(0, 16)}`;
      return storeByName(attachment.name, source, text, extra.title ?? null, destination);
    },
    text(text, destination, extra = {}) {
      const source = `${addedSourcePrefix(destination)}/${contentHash(text).slice(0, 16)}`;
      // A page's source pasted as text is read as the page it is
      return storeByName('pasted.txt', source, text, extra.title ?? null, destination);
    },
    async feedItem(item, feedUrl, destination) {
      const already = item.link ? await knownUrl(item.link, destination) : null;
      if (already) return already;
      if (item.paragraphs.length > 0) {
        const page = { title: item.title, date: item.date, byline: null, siteName: null, url: item.link, paragraphs: item.paragraphs };
        return storePage(page, item.link ?? `feed:${feedUrl}#${item.key}`, destination);
      }
      if (item.link) return url(item.link, destination);
      return refusal('NO_ARTICLE', 'the item has neither a link nor the article’s text');
    },
    async feed(feedUrl, validators) {
      // A feed is not an article: safe-fetch's own limit on a document applies, not maxBytes
      const fetched = await fetchDocument(feedUrl, { etag: validators?.etag ?? null, lastModified: validators?.lastModified ?? null });
      if (!fetched.ok) return fetched;
      const doc = fetched.value;
      if (doc.notModified) return { ok: true, value: { notModified: true } };
      const feed = await reader.parseFeed(doc.text, doc.url);
      return feed.ok ? { ok: true, value: { notModified: false, feed: feed.value, etag: doc.etag, lastModified: doc.lastModified } } : feed;
    },
  };
}
