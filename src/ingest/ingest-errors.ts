/** Which failures are the user's to fix (a bad link, a page with no article), said plainly. */
import { FeedParseError } from './feeds.js';
import { NoArticleError } from './html.js';
import { ArticleReadError } from './ingest.js';
import { FetchError, FetchRefusedError, HttpStatusError } from './safe-fetch.js';

/** What to tell the user about `error`, or null when it is a bug that should be logged. */
export function ingestErrorReason(error: unknown): string | null {
  if (error instanceof FetchRefusedError) return `${error.message}. Only public http and https addresses can be fetched.`;
  if (error instanceof HttpStatusError) return `the site answered HTTP ${error.status} for ${error.url}. Check the link and try again.`;
  if (error instanceof FetchError) return `${error.message}.`;
  if (error instanceof NoArticleError) return `${error.message}. Paste the article with /article add text: instead.`;
  if (error instanceof FeedParseError) return `that is not an RSS or Atom feed (${error.message}). Use the feed's own address, often ending in /feed, /rss or .xml.`;
  if (error instanceof ArticleReadError) return `${error.message}.`;
  return null;
}
