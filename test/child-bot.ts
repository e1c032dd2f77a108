/** `briefing start` in a child process, as bin/briefing.js runs it (from source, via tsx), for the kill tests. */
import { main } from '../src/cli.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
