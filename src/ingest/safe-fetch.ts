/**
 * Fetching a URL someone else chose: http and https only, public addresses only (checked
 * again on every redirect hop, and the checked addresses are the only ones connected to),
 * bounded in size, time, redirects and content type, and decoded in the charset the server
 * or the page declares.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { blockedAddressReason } from './address-policy.js';
import { decode, declaredCharset } from './charset.js';
import { ACCEPTED_ENCODINGS, contentCodings, decodedBody } from './decoded-body.js';
import { pinnedRequest, type ResolvedAddress } from './pinned-request.js';

/** A news page is far below this; more is a dump or an attack. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** A slow server must not hold a command or the poller. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Enough for http→https→www→canonical; more is a loop. */
export const MAX_REDIRECTS = 5;
/** What the ingest can read: pages, feeds and plain text. */
export const ALLOWED_CONTENT_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
  'text/plain',
  'text/markdown',
];
const USER_AGENT = 'briefing-bot/0.1 (+https://github.com/briefing)';

/** Base class: anything that went wrong fetching `url`. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
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
  constructor(
    url: string,
    readonly status: number,
  ) {
    super(url, `HTTP ${status}`);
    this.message = `HTTP ${status} from ${url}`;
  }
}

/** Which limit a fetch went over. */
export type FetchLimit = 'time' | 'size' | 'redirects' | 'type' | 'encoding';

/** Over a limit: time, size, redirects or content type. */
export class FetchLimitError extends FetchError {
  override name = 'FetchLimitError';
  constructor(
    url: string,
    reason: string,
    readonly limit: FetchLimit,
    options?: ErrorOptions,
  ) {
    super(url, reason, options);
  }
}

export const isFetchError = (error: unknown): error is FetchError => error instanceof FetchError;

/** May this host (and the address it resolved to) be fetched although it is private? Tests only. */
export type HostAllowance = readonly string[] | ((host: string, address: string) => boolean);

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

export interface SafeFetchOptions {
  /** DNS, resolving all addresses of a host; asked once per hop, and the request connects only to its answer. */
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

/**
 * Throws FetchRefusedError unless `url` is http(s) and every address of its host is public.
 * Returns those addresses: the request must connect to them and to nothing resolved later.
 */
export async function checkUrl(url: URL, options: SafeFetchOptions = {}, signal?: AbortSignal): Promise<ResolvedAddress[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefusedError(url.href, `${url.protocol.replace(':', '')} is not http or https`);
  if (url.username || url.password) throw new FetchRefusedError(url.href, 'URLs with credentials are not fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveHost(url, host, options, signal);
  // Every address counts: a host with one public and one private address could be either
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address);
    if (reason && !allowed(options.allowPrivateHosts, host, address)) {
      throw new FetchRefusedError(url.href, address === host ? reason : `${host} resolves to ${address}, a ${reason}`);
    }
  }
  return addresses;
}

async function resolveHost(url: URL, host: string, options: SafeFetchOptions, signal?: AbortSignal): Promise<ResolvedAddress[]> {
  let addresses: { address: string; family: number }[];
  try {
    addresses = await untilAborted((options.lookup ?? defaultLookup)(host), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FetchError(url.href, `cannot resolve ${host}`, { cause: error });
  }
  if (addresses.length === 0) throw new FetchError(url.href, `cannot resolve ${host}`);
  return addresses.map(({ address, family }) => ({ address, family }));
}

/** A DNS server that never answers must not outlast the timeout. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
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
    if (controller.signal.aborted) throw new FetchLimitError(current.href, `no complete answer within ${timeoutMs} ms`, 'time', { cause: error });
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new FetchError(current.href, `fetch failed (${reason})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

interface Answer {
  url: string;
  response: IncomingMessage;
}

/** Follows redirects by hand, so each hop's host is checked, and pinned, before connecting to it. */
async function followRedirects(start: URL, options: SafeFetchOptions, signal: AbortSignal): Promise<Answer> {
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  let url = start;
  for (let hop = 0; ; hop++) {
    // A second DNS answer (a rebinding attack) is never asked for: the socket gets these
    const addresses = await checkUrl(url, options, signal);
    const response = await pinnedRequest(url, addresses, { headers: requestHeaders(options, hop === 0), signal });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status < 300 || status >= 400 || status === 304 || !location) return { url: url.href, response };
    response.destroy();
    if (hop >= maxRedirects) throw new FetchLimitError(start.href, `more than ${maxRedirects} redirects`, 'redirects');
    url = new URL(location, url);
  }
}

function requestHeaders(options: SafeFetchOptions, first: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8',
    'accept-encoding': ACCEPTED_ENCODINGS,
  };
  // Validators belong to the URL asked for, not to wherever it redirects
  if (first && options.etag) headers['if-none-match'] = options.etag;
  if (first && options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

/** One header as a string; repeated headers are joined as fetch joins them. */
function headerOf(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? null;
}

async function readDocument({ url, response }: Answer, options: SafeFetchOptions, controller: AbortController): Promise<FetchedDocument> {
  const etag = headerOf(response, 'etag');
  const lastModified = headerOf(response, 'last-modified');
  const status = response.statusCode ?? 0;
  if (status === 304) {
    response.destroy();
    return { notModified: true, url, etag, lastModified };
  }
  if (status < 200 || status > 299) {
    response.destroy();
    throw new HttpStatusError(url, status);
  }
  const header = headerOf(response, 'content-type') ?? '';
  const contentType = header.split(';')[0]!.trim().toLowerCase();
  const types = options.contentTypes ?? ALLOWED_CONTENT_TYPES;
  if (!types.includes(contentType)) {
    response.destroy();
    throw new FetchLimitError(url, `content type ${contentType || '(none)'} is not one of ${types.join(', ')}`, 'type');
  }
  const bytes = await readLimited(url, response, options.maxBytes ?? MAX_BODY_BYTES, controller);
  const charset = declaredCharset(header, bytes);
  return { notModified: false, url, contentType, charset, text: decode(bytes, charset), etag, lastModified };
}

/**
 * Reads the body in chunks, decompressed, and aborts as soon as it passes `max`: a 50 MB
 * body, or a small gzip of one, costs 5 MB.
 */
async function readLimited(url: string, response: IncomingMessage, max: number, controller: AbortController): Promise<Uint8Array> {
  const length = Number(headerOf(response, 'content-length') ?? NaN);
  if (length > max) {
    controller.abort();
    throw new FetchLimitError(url, `body of ${length} bytes is over the ${max} byte limit`, 'size');
  }
  let body;
  try {
    body = decodedBody(response, contentCodings(headerOf(response, 'content-encoding') ?? undefined));
  } catch (error) {
    response.destroy();
    throw new FetchLimitError(url, (error as Error).message, 'encoding');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > max) {
      controller.abort();
      body.destroy();
      throw new FetchLimitError(url, `body is over the ${max} byte limit`, 'size');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
