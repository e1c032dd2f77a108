import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readArticle } from './article/index.js';
import { DEFAULT_MAX_BYTES } from './article/read.js';
import { toContract } from './article/contract.js';
import type { ArticleMeta } from './article/types.js';
import { loadConfig, loadEnvFile, redact, type Config } from './config.js';
import type { Logger } from './discord/command.js';
import type { Ingested } from './ingest/ingest.js';
import { bytesLookLikeHtml } from './ingest/sniff.js';
import { openStores } from './library/open-stores.js';
import type { ArticleStore } from './library/types.js';
import { formatReading } from './preview.js';
import { runPreview } from './preview/run-preview.js';
import type { Reading, Result } from './article/types.js';

const USAGE = `usage: briefing <command>
  parse [--json] FILE...     read articles (text or web pages; - for standard input) and print their readings (one JSON object per line with --json)
  preview                    print the briefing and every article of the articles folder, as the bot would post them
  deploy [--guild ID | --global]
                             register the slash commands with Discord (one server: instant; global: up to an hour)
  ingest PATH...             add article files (.txt, .md, .html) to the archive
  start                      run the bot (or, without DISCORD_TOKEN, the offline preview)`;

/** What the CLI reads from the world; tests pass their own. */
export interface CliDeps {
  /** The environment; when given, no `.env` file is loaded. */
  env?: Record<string, string | undefined>;
  /** Where the preview and reports go. */
  stdout?: (text: string) => void;
  /** Where errors and the bot's log go. */
  stderr?: (text: string) => void;
  /** Relative paths in the config resolve against it. */
  cwd?: string;
  /** Resolves when the bot should shut down; SIGINT or SIGTERM by default. */
  shutdown?: () => Promise<string>;
  /** What `parse -` reads; the process's standard input by default. */
  stdin?: () => Uint8Array;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

// discord.js and the web ingest (linkedom, Readability) load only in the commands that use them: parse and preview start faster

/** The `briefing` command. Returns the exit code. */
export async function main(argv: string[], deps: CliDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  const io: Io = { out: deps.stdout ?? ((t) => process.stdout.write(t)), err: deps.stderr ?? ((t) => process.stderr.write(t)) };
  switch (command) {
    case 'parse':
      return parse(rest, deps.stdin ?? (() => readFileSync(0)));
    case 'preview':
    case 'start':
    case 'deploy':
    case 'ingest': {
      const config = configFrom(deps, io);
      if (!config) return 2;
      if (command === 'deploy') return deploy(rest, config, io);
      if (command === 'ingest') return ingest(rest, config, io);
      if (command === 'start' && config.token) return start(config, deps, io);
      return runPreview({ articlesDir: config.articlesDir, maxBytes: config.maxBytes, now: new Date(), write: io.out });
    }
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

/** `.env` (unless the environment is given), validated; paths made absolute. Null after printing why. */
function configFrom(deps: CliDeps, io: Io): Config | null {
  const cwd = deps.cwd ?? process.cwd();
  if (!deps.env) loadEnvFile(resolve(cwd, '.env'));
  const result = loadConfig(deps.env);
  if (!result.ok) {
    io.err(`briefing: the configuration has ${result.errors.length === 1 ? 'a problem' : `${result.errors.length} problems`} (see .env.example):\n`);
    for (const error of result.errors) io.err(`  - ${error}\n`);
    return null;
  }
  const config = result.value;
  return { ...config, dbPath: resolve(cwd, config.dbPath), articlesDir: resolve(cwd, config.articlesDir) };
}

/** A logger for the terminal that never lets the token through. */
function terminalLog(io: Io, token: string | null): Logger {
  const line = (level: string) => (message: string) => io.err(`${new Date().toISOString()} ${level} ${redact(message, token)}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

function errorText(error: unknown, token: string | null): string {
  return redact(error instanceof Error ? error.message : String(error), token);
}

/** Resolves with the signal's name on the first SIGINT or SIGTERM. */
function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

/** `briefing start` with a token: runs the bot until SIGINT or SIGTERM, then stops it cleanly. */
async function start(config: Config, deps: CliDeps, io: Io): Promise<number> {
  const log = terminalLog(io, config.token);
  // Listening before the bot starts: a Ctrl-C during login still shuts down cleanly
  const shutdown = (deps.shutdown ?? signalled)();
  let running;
  try {
    const { runBot } = await import('./main.js');
    running = await runBot(config, { clock: () => new Date(), log });
  } catch (error) {
    log.error(errorText(error, config.token));
    return 1;
  }
  const signal = await shutdown;
  log.info(`${signal}: shutting down.`);
  await running.stop();
  log.info('Stopped.');
  return 0;
}

/** `briefing deploy [--guild ID | --global]`: the guild from the flag, else DISCORD_GUILD_ID, else global. */
async function deploy(args: string[], config: Config, io: Io): Promise<number> {
  const flag = args.indexOf('--guild');
  const guildArg = flag >= 0 ? args[flag + 1] : undefined;
  if (flag >= 0 && !/^\d{17,20}$/.test(guildArg ?? '')) {
    io.err('deploy: --guild needs a server id (17 to 20 digits; Developer Mode → right-click the server → Copy Server ID).\n');
    return 2;
  }
  if (!config.token || !config.clientId) {
    io.err('deploy needs DISCORD_TOKEN and DISCORD_CLIENT_ID (the Application ID): put them in .env (see .env.example).\n');
    return 2;
  }
  const guildId = args.includes('--global') ? null : (guildArg ?? config.guildId);
  try {
    const { deployBotCommands } = await import('./main.js');
    const count = await deployBotCommands({ ...config, guildId });
    io.out(`Registered ${count} commands ${guildId ? `in server ${guildId} (available now)` : 'globally (may take up to an hour to appear)'}.\n`);
    return 0;
  } catch (error) {
    io.err(`${errorText(error, config.token)}\n`);
    return 1;
  }
}

/** What `ingestTargets` works with. */
export interface IngestDeps {
  articles: ArticleStore;
  /** The engine; `readArticle` by default. */
  read?: typeof readArticle;
}

export interface IngestReport {
  target: string;
  result: { ok: true; value: Ingested } | { ok: false; error: string };
}

const URL_TARGET = /^https?:\/\//i;

/**
 * Brings each target into the archive, one at a time; a failure is reported and the rest go
 * on. Local files go through `ingestFile`, web pages through `ingestUrl` (safe fetch).
 */
export async function ingestTargets(targets: string[], deps: IngestDeps): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  const { ingestFile, ingestUrl } = await import('./ingest/ingest.js');
  const { ingestErrorReason } = await import('./ingest/ingest-errors.js');
  const options = { articles: deps.articles, read: (text: string | Uint8Array, meta: ArticleMeta) => (deps.read ?? readArticle)(text, meta) };
  for (const target of targets) {
    try {
      const value = URL_TARGET.test(target) ? await ingestUrl(target, options) : await ingestFile(target, options);
      reports.push({ target, result: { ok: true, value } });
    } catch (error) {
      const known = ingestErrorReason(error);
      if (known) {
        reports.push({ target, result: { ok: false, error: known } });
        continue;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : error instanceof Error ? error.message : String(error);
      reports.push({ target, result: { ok: false, error: reason } });
    }
  }
  return reports;
}

/** `briefing ingest PATH...`: into the archive at BRIEFING_DB. Exit 1 when any target failed. */
async function ingest(targets: string[], config: Config, io: Io): Promise<number> {
  if (targets.length === 0) {
    io.err('ingest needs at least one PATH\n');
    return 2;
  }
  const stores = openStores(config.dbPath);
  try {
    const reports = await ingestTargets(targets, { articles: stores.articles, read: (text, meta) => readArticle(text, { maxBytes: config.maxBytes, ...meta }) });
    for (const { target, result } of reports) {
      if (!result.ok) {
        io.err(`${target}: ${result.error}\n`);
        continue;
      }
      const { outcome, article, reading } = result.value;
      io.out(`${outcome} #${article.id} ${article.title || reading.headline || target} (${reading.quotes.length} quotes): ${target}\n`);
    }
    return reports.every((r) => r.result.ok) ? 0 : 1;
  } finally {
    stores.close();
  }
}

async function parse(args: string[], stdin: () => Uint8Array): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length === 0) {
    console.error('parse needs at least one FILE (- for standard input)');
    return 2;
  }
  let failures = 0;
  for (const file of files) {
    const result = await readFile(file, DEFAULT_MAX_BYTES, stdin);
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

/** Standard input is read once, by the first `-`; a second `-` finds it empty. */
const STDIN = '-';

/**
 * Reads one file (`-`: standard input); a file over the limit is refused before it is read.
 * A web page is recognised by its content, whatever the file is called, and read through
 * the same extraction as a `.html` file; anything else is read as text.
 */
export async function readFile(file: string, maxBytes: number, stdin: () => Uint8Array = () => readFileSync(0)): Promise<Result<Reading, { code: string; message: string }>> {
  let bytes: Uint8Array;
  try {
    const size = file === STDIN ? 0 : statSync(file).size;
    if (size > maxBytes) return { ok: false, error: tooLarge(size, maxBytes) };
    bytes = file === STDIN ? stdin() : readFileSync(file);
    if (bytes.length > maxBytes) return { ok: false, error: tooLarge(bytes.length, maxBytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'READ_FAILED';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read (${code})`;
    return { ok: false, error: { code, message: reason } };
  }
  if (!bytesLookLikeHtml(bytes)) return readArticle(bytes, { maxBytes });
  const { readPage } = await import('./ingest/html.js');
  const page = readPage(bytes);
  if (!page.ok) return { ok: false, error: { code: 'NO_ARTICLE', message: page.error } };
  return readArticle(page.value.text, { maxBytes, title: page.value.title, date: page.value.date });
}

function tooLarge(size: number, maxBytes: number): { code: string; message: string } {
  return { code: 'TOO_LARGE', message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
}
