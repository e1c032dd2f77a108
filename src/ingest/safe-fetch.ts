/**
 * Fetching a URL someone else chose: http and https only, public addresses only (checked
 * again on every redirect hop), bounded in size, time, redirects and content type, and
 * decoded in the charset the server or the page declares.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedAddressReason } from './address-policy.js';

/** A news page is far below this; more is a dump or an attack. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** A slow server must not hold a command or the poller. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Enough for http→https→www→canonical; more is a loop. */
export const MAX_REDIRECTS = 5;
/** What the ingest can read: pages, feeds and plain text. */
export const ALLOWED_CONTENT_TYPES: readonly string[] = [
  'text/html', 'application/xhtml+xml', 'application/rss+xml', 'application/atom+xml',
  'application/xml', 'text/xml', 'text/plain', 'text/markdown',
];
/** Browsers look for a `<meta charset>` in the first 1024 bytes; so do we. */
const CHARSET_SNIFF_BYTES = 1024;
const USER_AGENT = 'briefing-bot/0.1 (+https://github.com/briefing)';

/** Base class: anything that went wrong fetching `url`. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(readonly url: string, readonly reason: string, options?: ErrorOptions) {
    super(`${reason}: ${url}`, options);
  }
}

/** The URL may not be fetched: its scheme, or its host resolves to a private address. */
export class FetchRefusedError extends FetchError {
  override name = 'FetchRefusedError';
  constructor(url: string, reason: string) {
    super(url, reason);
    this.message = `refused ${url}: ${reason}`;
  }
}

/** The server answered with an error status. */
export class HttpStatusError extends FetchError {
  override name = 'HttpStatusError';
  constructor(url: string, readonly status: number) {
    super(url, `HTTP ${status}`);
    this.message = `HTTP ${status} from ${url}`;
  }
}

/** Over a limit: time, size, redirects or content type. */
export class FetchLimitError extends FetchError {
  override name = 'FetchLimitError';
}

export const isFetchError = (error: unknown): error is FetchError => error instanceof FetchError;

/** May this host (and the address it resolved to) be fetched although it is private? Tests only. */
export type HostAllowance = readonly string[] | ((host: string, address: string) => boolean);

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

export interface SafeFetchOptions {
  /** The transport; Node's global fetch by default. */
  fetch?: typeof globalThis.fetch;
  /** DNS, resolving all addresses of a host. */
  lookup?: Lookup;
  /** For tests against a local server: `['127.0.0.1']`. Never set in production. */
  allowPrivateHosts?: HostAllowance;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  contentTypes?: readonly string[];
  /** Conditional request: the ETag and Last-Modified of the previous answer. */
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchedDocument =
  | { notModified: true; url: string; etag: string | null; lastModified: string | null }
  | {
      notModified: false;
      /** Where the body came from, after redirects. */
      url: string;
      contentType: string;
      charset: string;
      text: string;
      etag: string | null;
      lastModified: string | null;
    };

const defaultLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

function allowed(allowance: HostAllowance | undefined, host: string, address: string): boolean {
  if (!allowance) return false;
  if (typeof allowance === 'function') return allowance(host, address);
  return allowance.includes(host) || allowance.includes(address);
}

/** Throws FetchRefusedError unless `url` is http(s) and every address of its host is public. */
export async function checkUrl(url: URL, options: SafeFetchOptions = {}): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefusedError(url.href, `${url.protocol.replace(':', '')} is not http or https`);
  if (url.username || url.password) throw new FetchRefusedError(url.href, 'URLs with credentials are not fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await (options.lookup ?? defaultLookup)(host)).map((a) => a.address);
    } catch (error) {
      throw new FetchError(url.href, `cannot resolve ${host}`, { cause: error });
    }
  }
  if (addresses.length === 0) throw new FetchError(url.href, `cannot resolve ${host}`);
  // Every address counts: a host with one public and one private address could be either
  for (const address of addresses) {
    const reason = blockedAddressReason(address);
    if (reason && !allowed(options.allowPrivateHosts, host, address)) {
      throw new FetchRefusedError(url.href, address === host ? reason : `${host} resolves to ${address}, a ${reason}`);
    }
  }
}

/**
 * Fetches `input` safely and decodes its body. A 304 answer to a conditional request is
 * `{ notModified: true }`; other failures are FetchError subclasses with the URL in the message.
 */
export async function safeFetch(input: string | URL, options: SafeFetchOptions = {}): Promise<FetchedDocument> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let current: URL;
  try {
    current = new URL(input);
  } catch {
    clearTimeout(timer);
    throw new FetchRefusedError(String(input), 'not a valid URL');
  }
  try {
    const answer = await followRedirects(current, options, controller.signal);
    current = new URL(answer.url);
    return await readDocument(answer, options, controller);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (controller.signal.aborted) throw new FetchLimitError(current.href, `no complete answer within ${timeoutMs} ms`, { cause: error });
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new FetchError(current.href, `fetch failed (${reason})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

interface Answer {
  url: string;
  response: Response;
}

/** Follows redirects by hand, so each hop's host is checked before connecting to it. */
async function followRedirects(start: URL, options: SafeFetchOptions, signal: AbortSignal): Promise<Answer> {
  const fetch = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  let url = start;
  for (let hop = 0; ; hop++) {
    await checkUrl(url, options);
    const response = await fetch(url, { redirect: 'manual', signal, headers: requestHeaders(options, hop === 0) });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return { url: url.href, response };
    await response.body?.cancel().catch(() => undefined);
    if (hop >= maxRedirects) throw new FetchLimitError(start.href, `more than ${maxRedirects} redirects`);
    url = new URL(location, url);
  }
}

function requestHeaders(options: SafeFetchOptions, first: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8',
  };
  // Validators belong to the URL asked for, not to wherever it redirects
  if (first && options.etag) headers['if-none-match'] = options.etag;
  if (first && options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

async function readDocument({ url, response }: Answer, options: SafeFetchOptions, controller: AbortController): Promise<FetchedDocument> {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (response.status === 304) return { notModified: true, url, etag, lastModified };
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new HttpStatusError(url, response.status);
  }
  const header = response.headers.get('content-type') ?? '';
  const contentType = header.split(';')[0]!.trim().toLowerCase();
  const types = options.contentTypes ?? ALLOWED_CONTENT_TYPES;
  if (!types.includes(contentType)) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchLimitError(url, `content type ${contentType || '(none)'} is not one of ${types.join(', ')}`);
  }
  const bytes = await readLimited(url, response, options.maxBytes ?? MAX_BODY_BYTES, controller);
  const charset = declaredCharset(header, bytes);
  return { notModified: false, url, contentType, charset, text: decode(bytes, charset), etag, lastModified };
}

/** Reads the body in chunks and aborts as soon as it passes `max`: a 50 MB body costs 5 MB. */
async function readLimited(url: string, response: Response, max: number, controller: AbortController): Promise<Uint8Array> {
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (length > max) {
    controller.abort();
    throw new FetchLimitError(url, `body of ${length} bytes is over the ${max} byte limit`);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw new FetchLimitError(url, `body is over the ${max} byte limit`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i;

/** The charset: a BOM, then the Content-Type header, then `<meta charset>` or `<?xml encoding?>`, else UTF-8. */
export function declaredCharset(contentType: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader && isKnownCharset(fromHeader)) return fromHeader.toLowerCase();
  // ASCII-compatible sniffing: latin1 keeps each byte one character
  const head = Buffer.from(bytes.subarray(0, CHARSET_SNIFF_BYTES)).toString('latin1');
  const fromMarkup = XML_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
  if (fromMarkup && isKnownCharset(fromMarkup)) return fromMarkup.toLowerCase();
  return 'utf-8';
}

function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

// windows-1252 bytes 0x80–0x9F; Node 20's TextDecoder reads them as latin1 C1 controls
const WINDOWS_1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes the body; a BOM is dropped, bad bytes become U+FFFD rather than an error. */
export function decode(bytes: Uint8Array, charset: string): string {
  const decoder = new TextDecoder(charset);
  const text = decoder.decode(bytes);
  // "iso-8859-1" and "ascii" are windows-1252 by the Encoding Standard, as browsers read them
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}
