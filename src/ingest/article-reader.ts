/**
 * The reader the ingest service hands its heavy work to: in the worker pool (`read-pool.ts`)
 * for the bot, or in this thread for one-shot commands and tests with a stand-in engine.
 */
import type { ArticleMeta, Reading } from '../article/types.js';
import type { ParsedFeed } from './feeds.js';
import type { ExtractedPage } from './html.js';
import type { Outcome } from './ingest-result.js';
import { runReadTask, type ReadTask, type ReadText } from './read-task.js';

export interface ArticleReader {
  /** The engine's reading of a decoded text. */
  read(text: string, meta: ArticleMeta): Promise<Outcome<Reading>>;
  /** The article in an HTML page, refused when its markup is over the limits. */
  extract(html: string, pageUrl: string | null): Promise<Outcome<ExtractedPage>>;
  /** An RSS or Atom document's items. */
  parseFeed(xml: string, base: string | undefined): Promise<Outcome<ParsedFeed>>;
}

/** Turns "run a task" into a reader; the pool and the in-thread reader share it. */
export function readerOf(run: (task: ReadTask) => Promise<Outcome<unknown>>): ArticleReader {
  return {
    read: (text, meta) => run({ kind: 'read', text, meta }) as Promise<Outcome<Reading>>,
    extract: (html, pageUrl) => run({ kind: 'extract', html, pageUrl }) as Promise<Outcome<ExtractedPage>>,
    parseFeed: (xml, base) => run({ kind: 'feed', xml, base }) as Promise<Outcome<ParsedFeed>>,
  };
}

/**
 * Reads in this thread, blocking it while it reads: for `briefing parse`-like one-shot work
 * and for tests that pass a stand-in engine. Limits on markup still apply; time and memory
 * limits need the pool.
 */
export function createInThreadReader(read?: ReadText): ArticleReader {
  return readerOf((task) => Promise.resolve(runReadTask(task, read)));
}
