import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { measure, RUNNERS, toSamples, type Measure } from './engine.js';

/**
 * `npm run bench [engine|commands|fanout|archive|ingest-lag|alerts|migrate|fleet-fanout|fleet-feeds ...]`: the
 * engine's KB/s per core on the PolNeAR train texts beside two baselines, then the command-latency,
 * fan-out, archive and ingest event-loop-lag benches, the migration, and the fleet's (three processes)
 * fan-out and feed polls. No section named runs them all. Data missing from ../shared fails its
 * section, saying what is missing.
 */
const TEXT_DIR = path.resolve(process.cwd(), '../shared/eval/data/polnear/train/text');
/** Timed passes per runner; the median is reported. */
const RUNS = 3;

type Section = () => Promise<string>;

const SECTIONS: Record<string, Section> = {
  engine: async () => benchEngine(),
  // Loaded only when run, so a failure there never stops the engine bench.
  commands: async () => (await import('./commands.js')).benchCommands(),
  fanout: async () => (await import('./fanout.js')).benchFanout(),
  archive: async () => (await import('./archive.js')).benchArchive(),
  'ingest-lag': async () => (await import('./ingest-lag.js')).benchIngestLag(),
  alerts: async () => (await import('./alerts.js')).benchAlerts(),
  migrate: async () => (await import('./migrate.js')).benchMigrate(),
  'fleet-fanout': async () => (await import('./fleet.js')).benchFleetFanout(),
  'fleet-feeds': async () => (await import('./fleet.js')).benchFleetFeeds(),
};

async function main(argv: string[]): Promise<number> {
  const names = argv.length ? argv : Object.keys(SECTIONS);
  let failed = 0;
  for (const name of names) {
    const section = SECTIONS[name];
    if (!section) {
      console.error(`bench: unknown section "${name}" (known: ${Object.keys(SECTIONS).join(', ')})`);
      return 2;
    }
    console.log(`\n== ${name}`);
    try {
      console.log(await section());
    } catch (error) {
      failed++;
      console.error(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

function benchEngine(): string {
  if (!existsSync(TEXT_DIR)) throw new Error(`MISSING DATA: no PolNeAR train texts at ${TEXT_DIR} (the shared eval data sits beside the repository): the engine bench cannot run.`);
  const files = readdirSync(TEXT_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(path.join(TEXT_DIR, f), 'utf8') }));
  const { samples, refused } = toSamples(files);
  const kb = samples.reduce((n, s) => n + s.bytes, 0) / 1024;
  const lines = [`${samples.length} PolNeAR train texts, ${kb.toFixed(0)} KB, Node ${process.version}, one thread (KB/s per core), median of ${RUNS} after a warm-up`];
  if (refused.length) lines.push(`refused by readText and left out: ${refused.join(', ')}`);
  lines.push(formatTable(RUNNERS.map((runner) => measure(runner, samples, RUNS))));
  lines.push(`heap used after gc: ${heapAfterGc()}`);
  return lines.join('\n');
}

function formatTable(results: Measure[]): string {
  const split = results.find((r) => r.name.includes('sentence split'));
  const compromise = results.find((r) => r.name.includes('compromise'));
  const header = ['step', 'KB/s', '× sentence split', '× compromise', 'runs (ms)', 'target'];
  const rows = results.map((r) => [
    r.name,
    r.kbPerSecond.toFixed(0),
    split ? (r.kbPerSecond / split.kbPerSecond).toFixed(3) : '-',
    compromise ? (r.kbPerSecond / compromise.kbPerSecond).toFixed(2) : '-',
    r.runs.map((ms) => ms.toFixed(0)).join(' / '),
    r.target ? `≥ ${r.target} KB/s: ${r.kbPerSecond >= r.target ? 'met' : 'MISSED'}` : r.baseline ? 'baseline' : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function heapAfterGc(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return `${mb(process.memoryUsage().heapUsed)} (no gc: run node with --expose-gc)`;
  gc();
  return mb(process.memoryUsage().heapUsed);
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

process.exitCode = await main(process.argv.slice(2));
