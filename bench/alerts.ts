/**
 * Quote alerts at scale: 1,000 follows across 100 servers (each follows Putin and Erdogan and
 * eight people the articles do not quote), then the time from an article's ingest to its last
 * alert posted on the fake Discord, beside the same ingest with no alerts, in the same run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import type { Logger } from '../src/discord/command.js';
import { createInThreadReader } from '../src/ingest/article-reader.js';
import { SHARED } from '../src/ingest/destination.js';
import { createIngestService } from '../src/ingest/ingest-service.js';
import { openStores } from '../src/library/open-stores.js';
import { startBot } from '../src/main.js';
import { FakeDiscord } from '../test/fake-discord/fake-discord.js';

const SERVERS = 100;
const FOLLOWS_PER_SERVER = 10;
/** Articles timed each way; each quotes Putin twice and Erdogan once. */
const ROUNDS = 5;
const UNQUOTED = ['Angela Merkel', 'Emmanuel Macron', 'Hassan Rouhani', 'Bashar al-Assad', 'Sergei Lavrov', 'Mike Pompeo', 'Staffan de Mistura', 'Jens Stoltenberg'];
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

export async function benchAlerts(): Promise<string> {
  const sochi = readFileSync(path.resolve(process.cwd(), 'test/fixtures/e2e/sochi-2018-09-18.txt'), 'utf8');
  const fake = await FakeDiscord.start();
  const stores = openStores(':memory:');
  const plain = createIngestService({ sink: stores.articles, reader: createInThreadReader(), maxBytes: DEFAULT_MAX_BYTES });
  // No cap: the bench measures posting, not the rate limit
  const bot = await startBot({ config: { token: TOKEN, apiUrl: fake.apiUrl }, stores, ingest: plain, clock: () => new Date(), log: silent, alertsPerHour: 1_000_000 });
  try {
    for (let s = 0; s < SERVERS; s++) {
      const guildId = String(300_000_000_000_000_000n + BigInt(s));
      const channelId = String(400_000_000_000_000_000n + BigInt(s));
      for (const name of ['Putin', 'Recep Tayyip Erdogan', ...UNQUOTED].slice(0, FOLLOWS_PER_SERVER)) {
        await stores.follows.addFollow({ guildId, name, channelId, roleId: null, now: Date.now() });
      }
    }
    // Warm-up: the engine and the statements, off the clock
    await plain.text(`${sochi}\n\nWarm-up.`, SHARED);
    const alone: number[] = [];
    const ingest: number[] = [];
    const plan: number[] = [];
    const total: number[] = [];
    let posted = 0;
    // Interleaved, so warm-up and cache effects fall on both sides alike
    for (let i = 0; i < ROUNDS; i++) {
      const plainStart = performance.now();
      const single = await plain.text(`${sochi}\n\nPlain round ${i}.`, SHARED);
      alone.push(performance.now() - plainStart);
      if (!single.ok || single.value.outcome !== 'created') throw new Error('the plain ingest did not create an article');
      const before = fake.calls.length;
      const started = performance.now();
      const result = await plain.text(`${sochi}\n\nAlert round ${i}.`, SHARED);
      const stored = performance.now();
      if (!result.ok) throw new Error(result.error.message);
      const logged = await bot.alerts.articleSaved(result.value.article.id);
      const planned = performance.now();
      await bot.alerts.idle();
      const done = performance.now();
      ingest.push(stored - started);
      plan.push(planned - stored);
      total.push(done - started);
      const made = fake.calls.slice(before).filter((c) => c.method === 'POST' && c.path.startsWith('/channels/') && c.status === 200).length;
      if (made !== logged) throw new Error(`${logged} alerts logged but ${made} posted`);
      posted = made;
    }
    return [
      `${SERVERS} servers × ${FOLLOWS_PER_SERVER} follows = ${SERVERS * FOLLOWS_PER_SERVER} follows; each article quotes 2 followed speakers → ${posted} alerts, one per follow; median of ${ROUNDS}`,
      `ingest alone (no follows consulted):         ${ms(median(alone))}`,
      `ingest, same text, in the alert rounds:       ${ms(median(ingest))}`,
      `match follows + write the alert log:          ${ms(median(plan))}`,
      `ingest → last alert posted (fake Discord):    ${ms(median(total))}  (${ms(median(total) / posted)} per alert posted)`,
      "Posting is bound by the 50 requests a second discord.js allows by default (Discord's global limit): 200 alerts take about 4 s however fast the rest is.",
    ].join('\n');
  } finally {
    await bot.stop();
    await stores.close();
    await fake.close();
  }
}
