/**
 * A process that opens the SQLite archive at argv[2] when told: it says "ready" once its modules
 * are loaded, then opens the file on the line "go" on stdin, so several started together open a
 * new file at the same moment whatever each took to start. Prints "opened" or the error.
 */
import { createInterface } from 'node:readline';
import { openStores } from '../../src/library/open-stores.js';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: open-library.ts <file>');
const lines = createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  await openStores(path).close();
  console.log('opened');
  break;
}
lines.close();
