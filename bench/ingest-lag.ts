/**
 * Event-loop lag while the bot ingests hostile and heavy pages: p99 of
 * perf_hooks.monitorEventLoopDelay over each phase, beside the same bot idle in the same run.
 * The hostile page is the 20,000 nested `<div>`s (≈100 KB) sent through `/article add
 * url:` via the fake Discord; the heavy page is a long real-looking article, read in the worker
 * pool and, for comparison, in the event loop's own thread.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { commands } from '../commands/index.js';
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import type { Logger } from '../src/discord/command.js';
import { createInThreadReader, type ArticleReader } from '../src/ingest/article-reader.js';
import { SHARED } from '../src/ingest/destination.js';
import { createIngestService } from '../src/ingest/ingest-service.js';
import { createReadPool } from '../src/ingest/read-pool.js';
import { openStores } from '../src/library/open-stores.js';
import { startBot } from '../src/main.js';
import { FakeDiscord } from '../test/fake-discord/fake-discord.js';
import { startFixtureServer, type FixtureServer } from '../test/http-fixture-server.js';

/** The target for p99 lag while a hostile page is ingested. */
const TARGET_P99_MS = 100;
/** How long the idle phase is watched. */
const IDLE_MS = 3_000;
/** Times the heavy page is ingested in its phase. */
const ROUNDS = 5;
/** Times the nested page is sent: its refusal is quick, so more rounds give the histogram samples. */
const NESTED_ROUNDS = 30;
/** monitorEventLoopDelay's sampling resolution. */
const RESOLUTION_MS = 10;
const NESTED_DIVS = 20_000;
/** Paragraphs in the heavy page: ≈120 KB of article text, a long feature. */
const HEAVY_PARAGRAPHS = 400;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const nestedPage = (): string => `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(NESTED_DIVS)}<p>The council voted on Tuesday.</p></body></html>`;

/** A long article, different on every request so the archive never answers from its copy. */
function heavyPage(round: number): string {
  const paragraphs = Array.from(
    { length: HEAVY_PARAGRAPHS },
    (_, i) =>
      `<p>“We will have the first boats running by the summer of ${2030 + (i % 7)},” council chair Anders Holm said on Tuesday in round ${round}, paragraph ${i}, after the harbour council voted to approve the ferry line. Opposition leader Lena Berg said the plan would cost 12 million crowns more than promised.</p>`,
  );
  return `<!doctype html><html><head><title>Ferry line, round ${round}</title></head><body><article><h1>Ferry line, round ${round}</h1>${paragraphs.join('')}</article></body></html>`;
}

interface Lag {
  label: string;
  p50: number;
  p99: number;
  max: number;
  ms: number;
}

async function watch(label: string, work: () => Promise<void>): Promise<Lag> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const started = performance.now();
  histogram.enable();
  await work();
  histogram.disable();
  const ms = (ns: number) => ns / 1e6;
  return { label, p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), ms: performance.now() - started };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function routes(server: FixtureServer): void {
  server.route('/nested.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(nestedPage()));
  let round = 0;
  server.route('/heavy.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(heavyPage(round++)));
}

/** Ingests the heavy page ROUNDS times with `reader`, straight through the service. */
async function heavyRounds(reader: ArticleReader, server: FixtureServer): Promise<void> {
  const stores = openStores(':memory:');
  const ingest = createIngestService({ sink: stores.articles, reader, maxBytes: DEFAULT_MAX_BYTES, fetch: { allowPrivateHosts: ['127.0.0.1'] } });
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const result = await ingest.url(`${server.base}/heavy.html?round=${i}`, SHARED);
      if (!result.ok) throw new Error(`heavy page refused: ${result.error.code}: ${result.error.message}`);
    }
  } finally {
    await stores.close();
  }
}

export async function benchIngestLag(): Promise<string> {
  const server = await startFixtureServer();
  routes(server);
  const fake = await FakeDiscord.start();
  const stores = openStores(':memory:');
  const pool = createReadPool({ workers: 1, timeoutMs: 30_000, memoryMb: 256 });
  const ingest = createIngestService({ sink: stores.articles, reader: pool, maxBytes: DEFAULT_MAX_BYTES, fetch: { allowPrivateHosts: ['127.0.0.1'] } });
  const bot = await startBot({ config: { token: TOKEN, apiUrl: fake.apiUrl }, stores, ingest, clock: () => new Date(), log: silent, commands });
  try {
    await pool.read('warm-up: the worker loads the engine', {});
    const phases: Lag[] = [];
    phases.push(await watch('idle bot', () => sleep(IDLE_MS)));
    let refusal = '';
    phases.push(
      await watch(`/article add url: ${NESTED_DIVS.toLocaleString('en')} nested divs ×${NESTED_ROUNDS} (pool)`, async () => {
        for (let i = 0; i < NESTED_ROUNDS; i++) {
          const sent = fake.command('article', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/nested.html?round=${i}` }] }]);
          const answer = await fake.waitForResponse(sent, (c) => c.method === 'PATCH' || (c.method === 'POST' && c.path.startsWith('/webhooks/')));
          refusal = String(answer.body.content);
        }
      }),
    );
    phases.push(await watch(`heavy page (${HEAVY_PARAGRAPHS} paragraphs) ×${ROUNDS}, pool`, () => heavyRounds(pool, server)));
    phases.push(await watch(`heavy page (${HEAVY_PARAGRAPHS} paragraphs) ×${ROUNDS}, in the event loop's thread`, () => heavyRounds(createInThreadReader(), server)));
    return format(phases, refusal);
  } finally {
    await bot.stop();
    await pool.close();
    await stores.close();
    await fake.close();
    await server.close();
  }
}

function format(phases: Lag[], refusal: string): string {
  const header = ['phase', 'p50 ms', 'p99 ms', 'max ms', 'took s', 'target'];
  const rows = phases.map((p, i) => [
    p.label,
    p.p50.toFixed(1),
    p.p99.toFixed(1),
    p.max.toFixed(1),
    (p.ms / 1000).toFixed(1),
    i === 0 ? 'baseline' : i === 1 ? `p99 < ${TARGET_P99_MS} ms: ${p.p99 < TARGET_P99_MS ? 'met' : 'MISSED'}` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `ingest-lag: event-loop delay (monitorEventLoopDelay, ${RESOLUTION_MS} ms resolution) in one bot process, real discord.js Client against the fake Discord, 1 read worker`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    `the nested page's answer: ${refusal}`,
  ].join('\n');
}
