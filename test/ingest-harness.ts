/** Ingest services for tests: the real service over an in-memory archive, read in this thread or in the pool. */
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import { createInThreadReader } from '../src/ingest/article-reader.js';
import { createIngestService, type IngestService } from '../src/ingest/ingest-service.js';
import type { ReadText } from '../src/ingest/read-task.js';
import type { ArticleSink } from '../src/ingest/article-sink.js';

/** The fixture server is on 127.0.0.1, which the safe fetcher refuses unless told. */
export const LOCAL_FETCH = { allowPrivateHosts: ['127.0.0.1'] };

/** The service reading in this thread, with the real engine or a stand-in. */
export function inThreadIngest(sink: ArticleSink, read?: ReadText, maxBytes = DEFAULT_MAX_BYTES): IngestService {
  return createIngestService({ sink, reader: createInThreadReader(read), maxBytes, fetch: LOCAL_FETCH });
}
