/** `briefing ingest PATH|URL...`: each argument a URL, a file or a folder, in the order given. */
import { stat } from 'node:fs/promises';
import { readArticle } from '../article/index.js';
import { importFolder } from './folder.js';
import { ingestFile, ingestUrl, type IngestOptions } from './ingest.js';
import { ingestErrorReason } from './ingest-errors.js';

export interface InputReport {
  input: string;
  /** `created 3, unchanged 1` for a folder; `created #12 "Title"` for one article. */
  line: string;
  ok: boolean;
}

const isUrl = (input: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

async function ingestOne(input: string, options: IngestOptions): Promise<InputReport> {
  if (!isUrl(input) && (await stat(input)).isDirectory()) {
    const read = (bytes: Uint8Array, meta: Parameters<typeof readArticle>[1]) => readArticle(bytes, meta);
    const s = await importFolder(input, { articles: options.articles, read, html: true });
    const failed = s.failed.map((f) => `\n  skipped ${f.file}: ${f.reason}`).join('');
    return { input, ok: s.failed.length === 0, line: `${input}: created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed.length}${failed}` };
  }
  const done = isUrl(input) ? await ingestUrl(input, options) : await ingestFile(input, options);
  const title = done.article.title ? ` "${done.article.title}"` : '';
  return { input, ok: true, line: `${input}: ${done.outcome} #${done.article.id}${title}, ${done.reading.quotes.length} quotes` };
}

/**
 * Ingests each input; a failing one is reported with its reason and the rest go on.
 * Errors that are not the input's fault (bugs) are reported too, with their message.
 */
export async function ingestInputs(inputs: readonly string[], options: IngestOptions): Promise<InputReport[]> {
  const reports: InputReport[] = [];
  for (const input of inputs) {
    try {
      reports.push(await ingestOne(input, options));
    } catch (error) {
      const reason = ingestErrorReason(error) ?? (error instanceof Error ? error.message : String(error));
      reports.push({ input, ok: false, line: `${input}: error: ${reason}` });
    }
  }
  return reports;
}
