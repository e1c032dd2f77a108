/** The worker-thread side of the read pool: one task in, its outcome out. */
import { runReadTask, type ReadTask } from './read-task.js';

export default function readInWorker(task: ReadTask): ReturnType<typeof runReadTask> {
  return runReadTask(task);
}
