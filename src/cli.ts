import { readFileSync, statSync } from 'node:fs';
import { readArticle } from './article/index.js';
import { DEFAULT_MAX_BYTES } from './article/read.js';
import { toContract } from './article/contract.js';
import { formatReading } from './preview.js';
import type { Reading, Result } from './article/types.js';

const USAGE = `usage: briefing <command>
  parse [--json] FILE...   read articles and print their readings (one JSON object per line with --json)
  start                    run the bot (or, without DISCORD_TOKEN, the offline preview)`;

/** The `briefing` command. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parse(rest);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

function parse(args: string[]): number {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length === 0) {
    console.error('parse needs at least one FILE');
    return 2;
  }
  let failures = 0;
  for (const file of files) {
    const result = readFile(file, DEFAULT_MAX_BYTES);
    if (!result.ok) failures++;
    if (json) {
      const line = result.ok ? toContract(file, result.value) : { file, error: result.error.message };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } else if (result.ok) {
      process.stdout.write(`${formatReading(file, result.value)}\n`);
    } else {
      process.stderr.write(`${file}: ${result.error.message}\n`);
    }
  }
  return failures === files.length ? 1 : 0;
}

/** Reads one file without ever loading more than the limit into memory. */
export function readFile(file: string, maxBytes: number): Result<Reading, { code: string; message: string }> {
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      return { ok: false, error: { code: 'TOO_LARGE', message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` } };
    }
    return readArticle(readFileSync(file), { maxBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'READ_FAILED';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read (${code})`;
    return { ok: false, error: { code, message: reason } };
  }
}
