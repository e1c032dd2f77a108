import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { readBytes } from '../article/read.js';
import type { ArticleMeta, Reading, Result } from '../article/types.js';
import { contentHash } from '../library/content-hash.js';
import type { ArticleStore, SaveOutcome, StoredArticle } from '../library/types.js';
import { articleText, extractHtml } from './html.js';
import { bytesLookLikeHtml } from './sniff.js';
import { decode, declaredCharset } from './charset.js';

/**
 * Text files; `.html` ones only when asked (`html`). A text file that holds a page (recognised
 * by its content) is read through the HTML extractor all the same.
 */
export const FOLDER_EXTENSIONS: readonly string[] = ['.txt', '.md'];
/** Saved web pages, read through the HTML extractor when `html` is set. */
export const FOLDER_HTML_EXTENSIONS: readonly string[] = ['.html', '.htm'];
/** Same as the engine's default: a news article is far below this; a bigger file is a dump. */
export const FOLDER_MAX_BYTES = 2 * 1024 * 1024;
/** Editors write a file in several steps; wait for them to settle before reading. */
const WATCH_DEBOUNCE_MS = 300;
/** fs.watch misses events on network drives and some containers; a rescan catches them. */
const RESCAN_MS = 60_000;

/** The engine's `readArticle`, passed in so the ingest needs no particular engine. */
export type ReadArticle = (input: Uint8Array, meta: ArticleMeta) => Result<Reading>;

export interface ImportOptions {
  articles: ArticleStore;
  read: ReadArticle;
  maxBytes?: number;
  log?: (message: string) => void;
  /** Also import `.html` and `.htm` files, the article found by Readability. */
  html?: boolean;
}

export interface ImportFailure {
  file: string;
  reason: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  failed: ImportFailure[];
  /** The articles created or updated by this import. */
  changed: StoredArticle[];
}

type FileOutcome = { outcome: SaveOutcome; article: StoredArticle | null } | { outcome: 'failed'; reason: string };

/** Article files under `dir`, sorted, hidden files and folders skipped. */
export async function listArticleFiles(dir: string, extensions: readonly string[] = FOLDER_EXTENSIONS): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listArticleFiles(path, extensions)));
    else if (entry.isFile() && extensions.includes(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files.sort();
}

/** Imports one file; the hash is checked before reading, so an unchanged file is not parsed again. */
async function importFile(file: string, options: ImportOptions): Promise<FileOutcome> {
  const maxBytes = options.maxBytes ?? FOLDER_MAX_BYTES;
  const size = (await stat(file)).size;
  // Refuse before loading a huge file into memory
  if (size > maxBytes) return { outcome: 'failed', reason: `TOO_LARGE: file is ${size} bytes, over the ${maxBytes} byte limit` };
  const bytes = await readFile(file);
  if (FOLDER_HTML_EXTENSIONS.includes(extname(file).toLowerCase()) || bytesLookLikeHtml(bytes)) return importHtml(file, bytes, options);
  const decoded = readBytes(bytes, { maxBytes });
  if (!decoded.ok) return { outcome: 'failed', reason: `${decoded.error.code}: ${decoded.error.message}` };
  const text = decoded.value.text;
  const known = options.articles.findByHash(contentHash(text));
  if (known) return { outcome: 'unchanged', article: known };
  const reading = options.read(bytes, { maxBytes });
  if (!reading.ok) return { outcome: 'failed', reason: `${reading.error.code}: ${reading.error.message}` };
  const { title, date } = reading.value;
  return options.articles.saveArticle({ source: file, text, title, date }, reading.value);
}

/** A saved page: the article text as the URL ingest stores it, so the same page is the same hash. */
function importHtml(file: string, bytes: Uint8Array, options: ImportOptions): FileOutcome {
  const page = extractHtml(decode(bytes, declaredCharset('', bytes)), null);
  const text = articleText(page);
  const known = options.articles.findByHash(contentHash(text));
  if (known) return { outcome: 'unchanged', article: known };
  const reading = options.read(new TextEncoder().encode(text), { title: page.title, date: page.date });
  if (!reading.ok) return { outcome: 'failed', reason: `${reading.error.code}: ${reading.error.message}` };
  return options.articles.saveArticle({ source: file, url: page.url, text, title: page.title ?? reading.value.title, date: page.date ?? reading.value.date }, reading.value);
}

/**
 * Imports every `.txt` and `.md` file under `dir` into the library. The source is the
 * absolute path. A bad file is reported with its reason and the others go on.
 */
export async function importFolder(dir: string, options: ImportOptions): Promise<ImportSummary> {
  const log = options.log ?? (() => {});
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed: [], changed: [] };
  const extensions = options.html ? [...FOLDER_EXTENSIONS, ...FOLDER_HTML_EXTENSIONS] : FOLDER_EXTENSIONS;
  for (const file of await listArticleFiles(resolve(dir), extensions)) {
    let result: FileOutcome;
    try {
      result = await importFile(file, options);
    } catch (error) {
      // A file deleted mid-scan or an engine bug must not stop the rest of the folder
      result = { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    if (result.outcome === 'failed') {
      summary.failed.push({ file, reason: result.reason });
      log(`skipped ${file}: ${result.reason}`);
      continue;
    }
    summary[result.outcome] += 1;
    if (result.outcome !== 'unchanged' && result.article) {
      summary.changed.push(result.article);
      log(`${result.outcome} ${file}`);
    }
  }
  return summary;
}

export interface WatchOptions extends ImportOptions {
  debounceMs?: number;
  rescanMs?: number;
  /** False to rely on the periodic rescan alone. */
  watch?: boolean;
  /** Called after an import that created, updated or newly failed something. */
  onImport?: (summary: ImportSummary) => void;
}

export interface FolderWatcher {
  /** Stops watching; resolves once an import in progress has finished. */
  close(): Promise<void>;
}

/** Runs one import at a time; a request during a run queues exactly one more. */
function serialImports(dir: string, options: WatchOptions, report: (summary: ImportSummary) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  function run(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = importFolder(dir, options)
      .then(report, (error: unknown) => options.log?.(`import of ${dir} failed: ${String(error)}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  }
  const stop = async (): Promise<void> => {
    closed = true;
    await running;
  };
  return { run, stop };
}

/**
 * Imports `dir` now and again whenever files change (fs.watch, debounced), with a
 * periodic rescan as the fallback for file systems that do not report changes.
 */
export function watchFolder(dir: string, options: WatchOptions): FolderWatcher {
  const reported = new Set<string>();
  const report = (summary: ImportSummary): void => {
    // A bad file stays bad until it changes: say so once, not on every rescan
    const failed = summary.failed.filter((f) => !reported.has(`${f.file}\0${f.reason}`));
    for (const f of failed) reported.add(`${f.file}\0${f.reason}`);
    if (summary.created + summary.updated + failed.length > 0) options.onImport?.({ ...summary, failed });
  };
  const imports = serialImports(dir, options, report);
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(imports.run, options.debounceMs ?? WATCH_DEBOUNCE_MS);
  };
  let watcher: FSWatcher | null = null;
  if (options.watch !== false) {
    try {
      watcher = watch(dir, { persistent: false }, schedule);
      watcher.on('error', (error) => options.log?.(`watching ${dir} stopped (${error.message}); rescanning only`));
    } catch (error) {
      options.log?.(`cannot watch ${dir} (${String(error)}); rescanning only`);
    }
  }
  const rescan = setInterval(imports.run, options.rescanMs ?? RESCAN_MS);
  rescan.unref();
  imports.run();
  return {
    async close() {
      clearTimeout(timer);
      clearInterval(rescan);
      watcher?.close();
      await imports.stop();
    },
  };
}
