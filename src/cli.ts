import { readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readArticle } from './article/index.js';
import { toContract } from './article/contract.js';
import { DEFAULT_MAX_BYTES, loadConfig, loadEnvFile, redact, type Config } from './config.js';
import type { Logger } from './discord/command.js';
import type { IngestService } from './ingest/ingest-service.js';
import type { DeliveryOptions } from './main.js';
import { bytesLookLikeHtml } from './ingest/sniff.js';
import { openStoresFor } from './library/open-stores-for.js';
import { redactUrl } from './library/postgres/redact-url.js';
import { formatReading } from './preview.js';
import { runPreview } from './preview/run-preview.js';
import type { Reading, Result } from './article/types.js';

const USAGE = `usage: briefing <command>
  parse [--json] FILE...     read articles (text or web pages; - for standard input) and print their readings (one JSON object per line with --json)
  preview                    print the briefing and every article of the articles folder, as the bot would post them
  deploy [--guild ID | --global]
                             register the slash commands with Discord (one server: instant; global: up to an hour)
  ingest PATH|URL...         add articles to the archive: files (.txt, .md, .html), folders of them, or web pages
  start [--shards auto|N]    run the bot (or, without DISCORD_TOKEN, the offline preview); --shards starts one
                             process per gateway shard, as many as Discord recommends (auto) or N
  migrate --to postgres://…  copy the SQLite archive (BRIEFING_DB) into an empty PostgreSQL database, then compare every table's row count`;

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
  /** Delivery leases, retries and drain; the fault tests shorten them. */
  delivery?: DeliveryOptions;
  /** What `parse -` reads; the process's standard input by default. */
  stdin?: () => Uint8Array;
  /** What each shard process of `start --shards` runs: this very program (`process.argv[1]`, with its Node options) by default. */
  shardScript?: { file: string; execArgv: string[] };
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
    case 'migrate':
    case 'ingest': {
      const config = configFrom(deps, io);
      if (!config) return 2;
      if (command === 'deploy') return deploy(rest, config, io);
      if (command === 'ingest') return ingest(rest, config, io);
      if (command === 'migrate') return migrateTo(rest, config, io);
      if (command === 'start' && config.token) {
        const shards = shardsFlag(rest);
        if (shards === null) {
          io.err('start: --shards needs "auto" or a number of shards (1 or more).\n');
          return 2;
        }
        return shards === undefined ? start(config, deps, io) : startShards({ ...config, token: config.token }, shards, deps, io);
      }
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

/**
 * Resolves with the signal's name on the first SIGINT or SIGTERM. A shard process started by
 * `start --shards` stops when its manager says so (SIGTERM) or is gone: a Ctrl-C reaches every
 * process of the terminal at once, and the manager is the one to stop them, each exactly once.
 */
function signalled(managed: boolean): Promise<string> {
  const shardProcess = managed && typeof process.send === 'function';
  const signals: NodeJS.Signals[] = shardProcess ? ['SIGTERM'] : ['SIGINT', 'SIGTERM'];
  if (shardProcess) process.on('SIGINT', () => undefined);
  return new Promise((resolve) => {
    const on = (signal: string) => {
      for (const name of signals) process.off(name, on);
      process.off('disconnect', gone);
      resolve(signal);
    };
    const gone = (): void => on('the shard manager ended');
    for (const name of signals) process.once(name, on);
    if (shardProcess) process.once('disconnect', gone);
  });
}

/** `--shards auto` or `--shards N`: undefined without the flag, null when its value is neither. */
function shardsFlag(args: string[]): 'auto' | number | null | undefined {
  const at = args.indexOf('--shards');
  if (at < 0) return undefined;
  const value = args[at + 1] ?? '';
  if (value === 'auto') return 'auto';
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/** `briefing start` with a token: runs the bot until SIGINT or SIGTERM, then stops it cleanly. */
async function start(config: Config, deps: CliDeps, io: Io): Promise<number> {
  const log = terminalLog(io, config.token);
  // Listening before the bot starts: a Ctrl-C during login still shuts down cleanly
  const shutdown = deps.shutdown ? deps.shutdown() : signalled(config.shardProcess);
  let running;
  try {
    const { runBot } = await import('./main.js');
    running = await runBot(config, { clock: () => new Date(), log, delivery: deps.delivery });
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

/**
 * `briefing start --shards auto|N`: a manager process that starts one `briefing start` per
 * shard and starts again any that dies; on SIGINT or SIGTERM it stops them all (each drains).
 */
async function startShards(config: Config & { token: string }, shards: 'auto' | number, deps: CliDeps, io: Io): Promise<number> {
  const log = terminalLog(io, config.token);
  const shutdown = deps.shutdown ? deps.shutdown() : signalled(false);
  const script = deps.shardScript ?? { file: process.argv[1] ?? '', execArgv: process.execArgv };
  let fleet;
  try {
    const { startShardProcesses } = await import('./discord/shard-manager.js');
    fleet = await startShardProcesses({ token: config.token, apiUrl: config.apiUrl, shards, file: script.file, args: ['start'], execArgv: script.execArgv, log });
  } catch (error) {
    log.error(`Starting the shard processes failed: ${errorText(error, config.token)}`);
    return 1;
  }
  const signal = await shutdown;
  log.info(`${signal}: stopping ${fleet.count} shard process${fleet.count === 1 ? '' : 'es'}.`);
  await fleet.stop();
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

export interface IngestReport {
  target: string;
  ok: boolean;
  /** `created #3 Title (5 quotes)`, `created 2, updated 0, unchanged 1, failed 0` for a folder, or the reason. */
  line: string;
}

const URL_TARGET = /^https?:\/\//i;

async function isFolder(target: string): Promise<boolean> {
  try {
    return !URL_TARGET.test(target) && (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Brings each target into the archive through the ingest service, one at a time: a URL, a
 * file, or a folder (its .txt, .md and .html files). A failure is reported and the rest go on.
 */
export async function ingestTargets(
  targets: string[],
  ingest: IngestService,
  onCreated: (articleId: number) => Promise<unknown> | void = () => undefined,
): Promise<IngestReport[]> {
  const { SHARED } = await import('./ingest/destination.js');
  const { importFolder } = await import('./ingest/folder.js');
  const reports: IngestReport[] = [];
  for (const target of targets) {
    if (await isFolder(target)) {
      const s = await importFolder(target, { ingest, html: true });
      const failed = s.failed.map((f) => `\n  skipped ${f.file}: ${f.reason}`).join('');
      reports.push({ target, ok: s.failed.length === 0, line: `created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed.length}${failed}` });
      continue;
    }
    const result = URL_TARGET.test(target) ? await ingest.url(target, SHARED) : await ingest.file(target, SHARED);
    if (!result.ok) {
      reports.push({ target, ok: false, line: result.error.message });
      continue;
    }
    const { outcome, article, reading } = result.value;
    // A file or page given by name is news (its quotes alert followers); a folder is a backlog, as at start
    if (outcome === 'created') await onCreated(article.id);
    reports.push({ target, ok: true, line: `${outcome} #${article.id} ${article.title || reading.headline || target} (${reading.quotes.length} quotes)` });
  }
  return reports;
}

/** `briefing ingest PATH|URL...`: into the archive (DATABASE_URL, else BRIEFING_DB), read in the worker pool. Exit 1 when any target failed. */
async function ingest(targets: string[], config: Config, io: Io): Promise<number> {
  if (targets.length === 0) {
    io.err('ingest needs at least one PATH or URL\n');
    return 2;
  }
  const { createReadPool } = await import('./ingest/read-pool.js');
  const { createIngestService } = await import('./ingest/ingest-service.js');
  const stores = await openStoresFor(config);
  const pool = createReadPool(config.read);
  try {
    const { logAlertsFor } = await import('./briefing/alerts.js');
    const alertsOf = { follows: stores.follows, visibility: stores.visibility, clock: () => new Date(), perHour: config.alertsPerHour };
    // Logged as pending jobs in the archive; the bot process posts them on its next alert tick
    const onCreated = (articleId: number): Promise<number> => logAlertsFor(articleId, alertsOf);
    const reports = await ingestTargets(targets, createIngestService({ sink: stores.articles, reader: pool, maxBytes: config.maxBytes }), onCreated);
    for (const { target, ok, line } of reports) {
      if (ok) io.out(`${line}: ${target}\n`);
      else io.err(`${target}: ${line}\n`);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
  } finally {
    await pool.close();
    await stores.close();
  }
}

/**
 * `briefing migrate --to postgres://…`: the SQLite archive at BRIEFING_DB copied into PostgreSQL,
 * then every table counted on both sides. Exit 0 when every count is equal, 1 when one is not
 * or the copy failed (a target that already holds an archive is refused), 2 for bad arguments.
 */
async function migrateTo(args: string[], config: Config, io: Io): Promise<number> {
  const flag = args.indexOf('--to');
  const url = flag >= 0 ? args[flag + 1] : undefined;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    io.err('migrate needs --to postgres://user:password@host:5432/database (an empty database; the schema is made there)\n');
    return 2;
  }
  const { copySqliteToPostgres } = await import('./library/postgres/copy-from-sqlite.js');
  io.out(`Copying ${config.dbPath} into ${redactUrl(url)}\n`);
  const started = Date.now();
  try {
    const report = await copySqliteToPostgres(config.dbPath, url, { log: (line) => io.out(`  ${line}\n`) });
    const width = Math.max(...report.tables.map((t) => t.table.length));
    io.out(`${'table'.padEnd(width)}  ${'SQLite'.padStart(9)}  ${'PostgreSQL'.padStart(10)}\n`);
    for (const t of report.tables) {
      const mark = t.sqlite === t.postgres ? '' : '  MISMATCH';
      io.out(`${t.table.padEnd(width)}  ${String(t.sqlite).padStart(9)}  ${String(t.postgres).padStart(10)}${mark}\n`);
    }
    if (!report.ok) {
      io.err('migrate: the row counts differ (MISMATCH above): do not switch DATABASE_URL to this database\n');
      return 1;
    }
    io.out(`Every table copied, every count equal (${((Date.now() - started) / 1000).toFixed(1)} s). Set DATABASE_URL to use it.\n`);
    return 0;
  } catch (error) {
    io.err(`migrate: ${redactUrl(errorText(error, config.token))}\n`);
    return 1;
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
