/** The worker-thread side of the read pool: one task in, its outcome out. */
import type { MessagePort } from 'node:worker_threads';
import { runReadTask, type ReadTask } from './read-task.js';

/** A task as the pool sends it: the work, and the port that hears when it starts (read-pool.ts). */
export interface PooledTask {
  task: ReadTask;
  started: MessagePort;
}

export default function readInWorker({ task, started }: PooledTask): ReturnType<typeof runReadTask> {
  // The engine is loaded by now: the task's time limit counts from here
  started.postMessage('started');
  started.close();
  return runReadTask(task);
}
