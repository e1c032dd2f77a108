/**
 * Command latency: interactions through the fake Discord to the real discord.js Client, the
 * real archive and the real engine on the seed. Each sample is the time from the fake sending
 * INTERACTION_CREATE to the bot's callback POST arriving at the fake, for `/quotes`,
 * `/headline` and `/articles` beside a no-op command in the same run; on PostgreSQL (a
 * throwaway cluster) and on SQLite, one after the other, with PostgreSQL's p99 against
 * SQLite's for each command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SlashCommandBuilder } from 'discord.js';
import { commands } from '../commands/index.js';
import type { Logger, SlashCommand } from '../src/discord/command.js';
import { renderNotice } from '../src/discord/render.js';
import { createInThreadReader } from '../src/ingest/article-reader.js';
import { importFolder } from '../src/ingest/folder.js';
import { createIngestService } from '../src/ingest/ingest-service.js';
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import { openStores } from '../src/library/open-stores.js';
import { openPostgresStores } from '../src/library/postgres/open.js';
import type { Stores } from '../src/library/types.js';
import { startBot } from '../src/main.js';
import { FakeDiscord } from '../test/fake-discord/fake-discord.js';
import type { OptionInput } from '../test/fake-discord/interactions.js';
import { onEachBackend, type Backend } from './backends.js';

/** Timed interactions per command. */
const INTERACTIONS = 500;
/** Untimed interactions per command first, so JIT and caches are warm for every command alike. */
const WARMUP = 50;
/** The target: p99 of a real command at most this many times the no-op's. */
const TARGET_RATIO = 1.5;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const SEED_DIR = resolve(process.cwd(), 'data/articles');

/** Answers at once without touching the archive: the floor of Client + REST + fake. */
const noop = {
  data: new SlashCommandBuilder().setName('noop').setDescription('Does nothing (benchmark only)'),
  execute: () => renderNotice('ok', false),
} satisfies SlashCommand;

interface Case {
  label: string;
  name: string;
  options: OptionInput[];
}

const CASES: Case[] = [
  { label: '/noop', name: 'noop', options: [] },
  { label: '/quotes', name: 'quotes', options: [] },
  { label: '/headline', name: 'headline', options: [] },
  { label: '/articles', name: 'articles', options: [] },
];

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** One interaction: ms from INTERACTION_CREATE sent to the callback POST received. */
async function time(fake: FakeDiscord, c: Case): Promise<number> {
  const start = performance.now();
  const sent = fake.command(c.name, c.options);
  const call = await fake.waitForResponse(sent);
  const elapsed = performance.now() - start;
  if (!call.path.endsWith('/callback') || call.status >= 400) throw new Error(`${c.label}: unexpected ${call.method} ${call.path} -> ${call.status}`);
  return elapsed;
}

/** Per backend, the samples of each command. */
type Run = { backend: string; samples: Map<string, number[]>; articles: number };

/** Runs the benchmark on each backend and returns the lines to print. */
export async function benchCommands(): Promise<string> {
  const runs: Run[] = [];
  const lines = await onEachBackend(async (backend) => {
    const run = await onBackend(backend);
    if (typeof run === 'string') return run;
    runs.push(run);
    return format(run);
  });
  return [lines, compare(runs)].filter(Boolean).join('\n');
}

async function onBackend(backend: Backend): Promise<Run | string> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-commands-'));
  const fake = await FakeDiscord.start();
  const url = await backend.next();
  const stores: Stores = url ? await openPostgresStores(url) : openStores(join(dir, 'library.sqlite'));
  try {
    const imported = await importFolder(SEED_DIR, { ingest: createIngestService({ sink: stores.articles, reader: createInThreadReader(), maxBytes: DEFAULT_MAX_BYTES }) });
    if (imported.created === 0) return `commands: no articles imported from ${SEED_DIR}; nothing to measure.`;
    const bot = await startBot({ config: { token: TOKEN, apiUrl: fake.apiUrl }, stores, clock: () => new Date(), log: silent, commands: [...commands, noop] });
    const samples = new Map(CASES.map((c) => [c.label, [] as number[]]));
    try {
      for (let i = 0; i < WARMUP; i++) for (const c of CASES) await time(fake, c);
      // Round robin, so that drift (GC, a busy machine) falls on every command alike
      for (let i = 0; i < INTERACTIONS; i++) for (const c of CASES) samples.get(c.label)!.push(await time(fake, c));
    } finally {
      await bot.stop();
    }
    return { backend: backend.name, samples, articles: imported.created };
  } finally {
    await stores.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function statsOf(samples: Map<string, number[]>) {
  return [...samples].map(([label, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { label, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}

/** Each command's p99 on PostgreSQL against SQLite's, measured in this run. */
function compare(runs: Run[]): string {
  const [postgres, sqlite] = [runs.find((r) => r.backend === 'PostgreSQL'), runs.find((r) => r.backend !== 'PostgreSQL')];
  if (!postgres || !sqlite) return '';
  const onSqlite = new Map(statsOf(sqlite.samples).map((s) => [s.label, s]));
  const rows = statsOf(postgres.samples).map((s) => {
    const base = onSqlite.get(s.label)!;
    return [s.label, base.p99.toFixed(2), s.p99.toFixed(2), `${(s.p99 / base.p99).toFixed(2)}×`];
  });
  return table(['command', 'SQLite p99 ms', 'PostgreSQL p99 ms', 'PostgreSQL / SQLite'], rows, 'command p99, PostgreSQL against SQLite (same run):');
}

function table(header: string[], rows: string[][], title: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function format({ backend, samples, articles }: Run): string {
  const stats = statsOf(samples);
  const floor = stats.find((s) => s.label === '/noop')!;
  const header = ['command', 'p50 ms', 'p99 ms', 'p99 / no-op p99', 'target'];
  const rows = stats.map((s) => {
    const ratio = s.p99 / floor.p99;
    const verdict = s === floor ? 'baseline' : `≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`;
    return [s.label, s.p50.toFixed(2), s.p99.toFixed(2), `${ratio.toFixed(2)}×`, verdict];
  });
  return table(
    header,
    rows,
    `commands on ${backend}: ${INTERACTIONS} interactions per command (after ${WARMUP} warm-up), real discord.js Client against the fake Discord, archive of ${articles} article(s); INTERACTION_CREATE sent → callback POST received`,
  );
}
