/**
 * The read pool's time limit counts from when a task starts in a worker, not from when it was
 * asked for: loading the engine into a new worker (seconds on a busy machine) is not the article's
 * fault. Exercised with tasks that stand for a worker, through the same port the worker posts on.
 */
import type { MessagePort } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { withLimitFromStart } from '../src/ingest/read-pool.js';

const after = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });

/** A worker that loads for `loadMs`, says it started, then works for `workMs`. */
const worker =
  (loadMs: number, workMs: number) =>
  async (started: MessagePort, signal: AbortSignal): Promise<string> => {
    await after(loadMs, signal);
    started.postMessage('started');
    started.close();
    await after(workMs, signal);
    return 'read';
  };

test('GIVEN a worker that loads for longer than the limit THEN its task is still given the whole limit once it starts', async () => {
  await expect(withLimitFromStart(worker(400, 50), 200)).resolves.toBe('read');
});

test('GIVEN a task that runs past the limit once started THEN it is stopped as over the limit', async () => {
  await expect(withLimitFromStart(worker(0, 1_000), 100)).rejects.toMatchObject({ name: 'TimeoutError', message: 'over the 100 ms limit' });
});

test('GIVEN a worker that never starts the task THEN it is stopped once the start allowance and the limit are spent', async () => {
  const began = performance.now();
  await expect(withLimitFromStart(worker(60_000, 0), 100, 200)).rejects.toMatchObject({ name: 'TimeoutError' });
  expect(performance.now() - began).toBeLessThan(5_000);
});
