/**
 * The worker pool that reads articles off the event loop: page extraction, the engine and
 * feed parsing run in worker threads, each task under a time limit (the worker is stopped
 * when it is over) and each worker under a memory limit. The bot keeps answering while a
 * hostile page is read, and the page is refused with a reason.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { readerOf, type ArticleReader } from './article-reader.js';
import { refusal, type Outcome } from './ingest-result.js';
import type { ReadTask } from './read-task.js';
import type { PooledTask } from './read-worker.js';

export interface ReadPoolOptions {
  /** Worker threads; each holds the engine's lexicon (about 100 MB). */
  workers: number;
  /** One task's time limit; a worker over it is stopped and replaced. */
  timeoutMs: number;
  /** One worker's heap limit; a worker over it dies and is replaced. */
  memoryMb: number;
  /** Where a worker's failure outside any task is reported. */
  log?: (message: string) => void;
}

export interface ReadPool extends ArticleReader {
  /** Stops the workers; tasks still running are refused. */
  close(): Promise<void>;
}

// Compiled, the worker sits beside this file as .js; under vitest the sources are TypeScript
// and tsx compiles the worker's imports as it loads them (tsx is a dev dependency only)
const COMPILED_WORKER = new URL('./read-worker.js', import.meta.url);
const SOURCE_WORKER = new URL('./read-worker.ts', import.meta.url);

function workerFile(): { filename: string; execArgv: string[] } {
  if (existsSync(fileURLToPath(COMPILED_WORKER))) return { filename: COMPILED_WORKER.href, execArgv: [] };
  // Resolved from this package, not from the process's working folder (a bot may run elsewhere)
  return { filename: SOURCE_WORKER.href, execArgv: ['--import', import.meta.resolve('tsx')] };
}

/** Runs at most `size` tasks at once, so a task's time limit counts from its start, not its wait. */
function limitConcurrency(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * How long a new worker may take to load the engine before its first task starts (a few hundred
 * ms when compiled, seconds when vitest compiles the sources on a busy machine): a worker that
 * never gets there is stopped all the same.
 */
export const WORKER_START_MS = 60_000;

/**
 * Runs `task` with a time limit that counts from when the task starts: `task` is handed a port
 * and the worker posts on it as it begins. Loading the engine into a new worker is not the
 * article's fault, and counting it once refused a short article under load ("took longer than
 * the 10 s limit"). Before the start, the limit is `startMs` more.
 */
export async function withLimitFromStart<T>(task: (started: MessagePort, signal: AbortSignal) => Promise<T>, limitMs: number, startMs = WORKER_START_MS): Promise<T> {
  const controller = new AbortController();
  const { port1, port2 } = new MessageChannel();
  const stop = (): void => controller.abort(new DOMException(`over the ${limitMs} ms limit`, 'TimeoutError'));
  let timer = setTimeout(stop, startMs + limitMs);
  port1.once('message', () => {
    clearTimeout(timer);
    timer = setTimeout(stop, limitMs);
  });
  try {
    return await task(port2, controller.signal);
  } finally {
    clearTimeout(timer);
    port1.close();
  }
}

/** What a task that did not come back means: over a limit, or the pool was closed under it. */
function lost(error: unknown, options: ReadPoolOptions, closed: boolean): Outcome<never> {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return refusal('OUT_OF_MEMORY', `reading it needed more than the ${options.memoryMb} MB a reader may use`);
  if (closed) return refusal('READ_FAILED', 'the reader was shut down before it finished', false);
  if ((error as Error).name === 'AbortError') return refusal('TIMEOUT', `reading it took longer than the ${options.timeoutMs / 1000} s limit`);
  return refusal('READ_FAILED', `the reader failed: ${error instanceof Error ? error.message : String(error)}`, false);
}

/** Starts the pool; one worker starts at once, the rest when there is work for them. */
export function createReadPool(options: ReadPoolOptions): ReadPool {
  const { filename, execArgv } = workerFile();
  const pool = new Piscina({
    filename,
    execArgv,
    minThreads: 1,
    maxThreads: options.workers,
    // Starting a worker loads the engine (a few hundred ms): keep an idle one a while
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
  });
  // Without a listener an 'error' event (a worker failing between tasks) would end the process
  pool.on('error', (error: unknown) => options.log?.(`read worker failed: ${error instanceof Error ? error.message : String(error)}`));
  let closed = false;
  const limit = limitConcurrency(options.workers);
  const run = (task: ReadTask): Promise<Outcome<unknown>> =>
    limit(async () => {
      if (closed) return refusal('READ_FAILED', 'the reader was shut down', false);
      try {
        return await withLimitFromStart(
          (started, signal) => pool.run({ task, started } satisfies PooledTask, { signal, transferList: [started] }) as Promise<Outcome<unknown>>,
          options.timeoutMs,
        );
      } catch (error) {
        return lost(error, options, closed);
      }
    });
  return {
    ...readerOf(run),
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}
