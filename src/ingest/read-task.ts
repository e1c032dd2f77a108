/**
 * The heavy work of an ingest, as plain data in and out so a worker thread can run it:
 * reading a text with the engine, extracting the article from a page, parsing a feed.
 * Every failure comes back as a refusal; a stack overflow on nested input is one too.
 */
import { readArticle } from '../article/index.js';
import type { ArticleMeta, Reading, Result } from '../article/types.js';
import { DomLimitError } from './dom-limits.js';
import { FeedParseError, parseFeed, type ParsedFeed } from './feeds.js';
import { extractHtml, NoArticleError, type ExtractedPage } from './html.js';
import { refusal, type IngestError, type Outcome } from './ingest-result.js';

/** The engine: `readArticle`, or a stand-in in tests. */
export type ReadText = (text: string, meta: ArticleMeta) => Result<Reading>;

export type ReadTask =
  { kind: 'read'; text: string; meta: ArticleMeta } | { kind: 'extract'; html: string; pageUrl: string | null } | { kind: 'feed'; xml: string; base: string | undefined };

export type TaskOutcome<K extends ReadTask['kind']> = Outcome<K extends 'read' ? Reading : K extends 'extract' ? ExtractedPage : ParsedFeed>;

/** V8's message when the call stack runs out, as deeply nested input can make it. */
const STACK_OVERFLOW = /maximum call stack size exceeded/i;

function failure(error: unknown): { ok: false; error: IngestError } {
  if (error instanceof DomLimitError) return refusal(error.code, error.message);
  if (error instanceof NoArticleError) return refusal('NO_ARTICLE', error.message);
  if (error instanceof FeedParseError) return refusal('NOT_A_FEED', error.message);
  if (error instanceof RangeError && STACK_OVERFLOW.test(error.message)) return refusal('TOO_DEEP', 'the text is nested too deeply to read (the reader ran out of stack)');
  // A bug in the engine: reported with its message, and another try may go better after a fix
  return refusal('READ_FAILED', `the reader failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Runs one task; never throws. */
export function runReadTask(task: ReadTask, read: ReadText = readArticle): Outcome<Reading | ExtractedPage | ParsedFeed> {
  try {
    if (task.kind === 'extract') return { ok: true, value: extractHtml(task.html, task.pageUrl) };
    if (task.kind === 'feed') return { ok: true, value: parseFeed(task.xml, task.base) };
    const reading = read(task.text, task.meta);
    return reading.ok ? reading : refusal(reading.error.code, reading.error.message);
  } catch (error) {
    return failure(error);
  }
}
