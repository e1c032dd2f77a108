/**
 * What an ingest returns: the stored article, or a refusal with a code and a clear message.
 * Bad input is a value, not an exception; only bugs throw.
 */
import type { Reading } from '../article/types.js';
import type { SaveOutcome, StoredArticle } from '../library/types.js';
import { FetchError, FetchLimitError, FetchRefusedError, HttpStatusError } from './safe-fetch.js';

export type IngestErrorCode =
  // the input itself
  | 'EMPTY_TEXT'
  | 'BINARY'
  | 'INVALID_UTF8'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'NOT_FOUND'
  // over a reader's limit
  | 'TOO_DEEP'
  | 'TOO_MANY_ELEMENTS'
  | 'TIMEOUT'
  | 'OUT_OF_MEMORY'
  // what the reader found
  | 'NO_ARTICLE'
  | 'NOT_A_FEED'
  // the web
  | 'FETCH_REFUSED'
  | 'HTTP_STATUS'
  | 'FETCH_FAILED'
  // a bug, or the reader shut down mid-way
  | 'READ_FAILED';

export interface IngestError {
  code: IngestErrorCode;
  message: string;
  /** Asking again will not help (a feed item refused this way is not fetched again). */
  permanent: boolean;
}

export interface Ingested {
  outcome: SaveOutcome;
  article: StoredArticle;
  reading: Reading;
  /** Already in the archive, and new to the destination's collection (another server had it first). */
  joined?: boolean;
  /** From the page, when it came from the web. */
  byline?: string | null;
  siteName?: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: IngestError };
export type IngestResult = Outcome<Ingested>;

// Limits are limits: the same input is refused the same way next time
const TRANSIENT: ReadonlySet<IngestErrorCode> = new Set(['FETCH_FAILED', 'READ_FAILED', 'NOT_FOUND']);

/** A refusal; permanent unless the code is one that may pass. */
export function refusal(code: IngestErrorCode, message: string, permanent = !TRANSIENT.has(code)): { ok: false; error: IngestError } {
  return { ok: false, error: { code, message, permanent } };
}

/** A fetch failure as a refusal; anything else (a bug) is rethrown. */
export function fetchRefusal(error: unknown): { ok: false; error: IngestError } {
  if (error instanceof FetchRefusedError) return refusal('FETCH_REFUSED', error.message);
  if (error instanceof HttpStatusError) {
    // A page that is gone will not come back; one that was down or throttled may
    const permanent = error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
    return refusal('HTTP_STATUS', error.message, permanent);
  }
  if (error instanceof FetchLimitError) {
    if (error.limit === 'size') return refusal('TOO_LARGE', error.message);
    // A slow server may answer next time
    if (error.limit === 'time') return refusal('TIMEOUT', error.message, false);
    return refusal('FETCH_FAILED', error.message);
  }
  if (error instanceof FetchError) return refusal('FETCH_FAILED', error.message, false);
  throw error;
}

/** What to tell a Discord user about a refusal, with what to do about it. */
export function ingestErrorReason(error: IngestError): string {
  switch (error.code) {
    case 'FETCH_REFUSED':
      return `${error.message}. Only public http and https addresses can be fetched.`;
    case 'HTTP_STATUS':
      return `${error.message}. Check the link and try again.`;
    case 'NO_ARTICLE':
      return `${error.message}. Paste the article with /article add text: instead.`;
    case 'NOT_A_FEED':
      return `that is not an RSS or Atom feed (${error.message}). Use the feed's own address, often ending in /feed, /rss or .xml.`;
    default:
      return `${error.message}.`;
  }
}
