/**
 * A process that opens the SQLite archive at argv[2] at the instant argv[3] (ms since epoch),
 * so several started together open a new file at the same moment; prints the steps it applied.
 */
import { openStores } from '../../src/library/open-stores.js';

const [path, at] = process.argv.slice(2);
if (!path || !at) throw new Error('usage: open-library.ts <file> <at-ms>');
// Spin rather than sleep: the processes must reach the open within a millisecond of each other
while (Date.now() < Number(at));
const stores = openStores(path);
await stores.close();
console.log('opened');
