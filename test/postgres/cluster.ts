/**
 * A throwaway PostgreSQL cluster for the tests and the bench: `initdb` in a temporary folder,
 * `pg_ctl start` on a free port with its socket in that folder, and `stop()` to shut it down and
 * remove the folder. Run as root (CI), the server runs as the `postgres` user, which initdb requires.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Where Debian and Ubuntu put the server's binaries, one folder per major version. */
const DEBIAN_BINS = '/usr/lib/postgresql';
/** initdb and the first start take a few seconds on a loaded machine; more is a broken install. */
const START_TIMEOUT_MS = 60_000;
/** Test stores open and close many pools at once over the run. */
const MAX_CONNECTIONS = 300;

export interface Cluster {
  /** The superuser's URL on the `postgres` database. */
  url: string;
  /** Where the cluster lives (removed by `stop`). */
  dir: string;
  stop(): Promise<void>;
}

/** The folder holding `initdb` and `pg_ctl`: from PATH, else the newest Debian install; null when neither has them. */
export function findPostgresBin(path: string = process.env.PATH ?? '', debianBins: string = DEBIAN_BINS): string | null {
  const has = (dir: string): boolean => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  for (const dir of path.split(delimiter)) if (dir && has(dir)) return dir;
  if (!existsSync(debianBins)) return null;
  const versions = readdirSync(debianBins)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (has(join(debianBins, v, 'bin'))) return join(debianBins, v, 'bin');
  return null;
}

/** A port nobody listens on now: the kernel's choice for a socket bound to port 0. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root (initdb and the server refuse to run as root). */
async function runAs(bin: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(file, argv, { timeout: START_TIMEOUT_MS });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${[bin, ...args].join(' ')} failed: ${e.stderr?.trim() || e.message}`, { cause: error });
  }
}

/** Hands the folder to `postgres` when we are root, so the server it runs can write there. */
function ownForPostgres(dir: string): void {
  if (!isRoot()) return;
  let ids: number[];
  try {
    ids = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()));
  } catch (error) {
    throw new Error(
      'running as root, the test cluster needs a "postgres" user to run the server as (initdb refuses root): create one, run the tests as another user, or set BRIEFING_TEST_DATABASE_URL',
      { cause: error },
    );
  }
  chownSync(dir, ids[0]!, ids[1]!);
}

/** initdb with a UTF-8 locale when the system has one (the text search folds case by it), else the plain C locale. */
async function initdb(bin: string, data: string): Promise<void> {
  const base = ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'];
  try {
    await runAs(join(bin, 'initdb'), [...base, '--locale=C.UTF-8']);
  } catch {
    rmSync(data, { recursive: true, force: true });
    await runAs(join(bin, 'initdb'), [...base, '--no-locale']);
  }
}

/** Starts a cluster of its own; the caller must `stop()` it. */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-pg-'));
  const data = join(dir, 'data');
  const pgCtl = join(bin, 'pg_ctl');
  const port = await freePort();
  try {
    ownForPostgres(dir);
    await initdb(bin, data);
    // Durability off: a test cluster is thrown away, and fsyncs would cost most of its time
    const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
    await runAs(pgCtl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', [...options, `-c max_connections=${MAX_CONNECTIONS}`].join(' '), 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  // A process that dies before stop() (an uncaught error, its output closed) still takes the
  // server down: pg_ctl starts it detached, so nothing else would
  const stopAtExit = (): void => {
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', pgCtl]] : [pgCtl, []];
    try {
      execFileSync(file, [...argv, '-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: START_TIMEOUT_MS });
    } catch {
      // Already down
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopAtExit);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopAtExit);
      try {
        await runAs(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
