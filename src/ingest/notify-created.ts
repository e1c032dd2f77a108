import type { StoredArticle } from '../library/types.js';
import type { IngestResult } from './ingest-result.js';
import type { IngestService } from './ingest-service.js';

/**
 * The same ingest, telling `onCreated` of every article it newly stores (quote alerts listen).
 * A backlog import (a feed's first poll, the folder at start) uses the plain service instead,
 * so old quotes do not alert.
 */
export function notifyCreated(ingest: IngestService, onCreated: (article: StoredArticle) => Promise<unknown> | void): IngestService {
  const tell = async (result: Promise<IngestResult>): Promise<IngestResult> => {
    const done = await result;
    // Awaited: the alerts are logged before the ingest answers, as when the store was synchronous
    if (done.ok && done.value.outcome === 'created') await onCreated(done.value.article);
    return done;
  };
  return {
    file: (path, destination) => tell(ingest.file(path, destination)),
    url: (url, destination) => tell(ingest.url(url, destination)),
    attachment: (attachment, destination, extra) => tell(ingest.attachment(attachment, destination, extra)),
    text: (text, destination, extra) => tell(ingest.text(text, destination, extra)),
    feedItem: (item, feedUrl, destination) => tell(ingest.feedItem(item, feedUrl, destination)),
    feed: (url, validators) => ingest.feed(url, validators),
  };
}
