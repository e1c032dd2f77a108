/**
 * The fleet (issue 13), two benches:
 *
 * Each runs on PostgreSQL (a throwaway cluster, or BRIEFING_BENCH_DATABASE_URL naming a server
 * whose role may create databases) and on one SQLite file, one after the other
 * (BRIEFING_BENCH_DB=sqlite or =postgres for one of them).
 *
 * - fan-out: 3,000 guilds due in the same minute, three bot processes (`briefing start`, each
 *   holding one of three gateway shards) on one database, against a fake Discord that enforces
 *   50 requests a second with 429s. The floor is 3,000 posts / 50 a second = 60 s; the target is
 *   within 1.1× of it. Timed from the due minute to the last post Discord saw, and checked: every
 *   guild got exactly one briefing.
 * - feed polls: 1,000 due feeds polled by three pollers on one database (three connections, three
 *   lease owners, as three processes), beside one poller alone on the same number of feeds, in
 *   the same run. Every fetch is counted per feed: no feed may be fetched twice in a cycle.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pollDueFeeds, type PollResult } from '../src/ingest/feed-poller.js';
import { openStoresFor } from '../src/library/open-stores-for.js';
import type { Stores } from '../src/library/types.js';
import { FakeDiscord } from '../test/fake-discord/fake-discord.js';
import { manyGuilds } from '../test/fake-discord/gateway.js';
import { seedArticles, startChildBot, until, withLibrary, workspace, type ChildBot } from '../test/fault/child-bot.js';
import { inThreadIngest } from '../test/ingest-harness.js';
import { onEachBackend, type Backend } from './backends.js';

const PROCESSES = 3;
const GUILDS = 3_000;
const REQUESTS_PER_SECOND = 50;
const TARGET = 1.1;
// Deliveries as in production (a sweep every 15 s, 30 s leases); a short drain at the end
const BENCH_DELIVERY = { drainMs: 5_000 };
// The processes start and settle first; the guilds come due at the first minute boundary this far
// ahead, after a sweep of every process has seen their settings and scheduled them
const LEAD_MS = 30_000;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Runs the fan-out on each backend and returns the lines to print. */
export function benchFleetFanout(): Promise<string> {
  return onEachBackend(fanout);
}

async function fanout(backend: Backend): Promise<string> {
  const fake = await FakeDiscord.start({}, { shards: PROCESSES, maxConcurrency: PROCESSES });
  const guilds = manyGuilds(GUILDS);
  fake.addGuilds(guilds);
  const space = workspace(await backend.next());
  const bots: ChildBot[] = [];
  try {
    await withLibrary(space, seedArticles);
    const env = (shard: number) => ({ SHARDS: `[${shard}]`, SHARD_COUNT: String(PROCESSES), DISCORD_REQUESTS_PER_SECOND: String(REQUESTS_PER_SECOND), BRIEFING_MAX_ITEMS: '3' });
    bots.push(...(await Promise.all(Array.from({ length: PROCESSES }, (_, shard) => startChildBot(fake, space, BENCH_DELIVERY, { env: env(shard), readyTimeoutMs: 180_000 })))));
    // Every guild due at the same UTC minute, a little ahead: the processes' schedules fire together
    const dueAt = Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000;
    const time = new Date(dueAt).toISOString().slice(11, 16);
    await withLibrary(space, async (stores) => {
      for (const g of guilds)
        await stores.guilds.saveGuildSettings({ guildId: g.guildId, channelId: g.channelId, time, timezone: 'UTC', roleId: null, postWhenEmpty: false, enabled: true });
    });
    fake.rateLimit({ perSecond: REQUESTS_PER_SECOND, scope: 'global' });
    // When each request reached Discord, for the requests a second
    const postTimes: number[] = [];
    const record = fake.calls.push.bind(fake.calls);
    fake.calls.push = (...calls) => (postTimes.push(...calls.filter((c) => !c.path.startsWith('/interactions/')).map(() => Date.now())), record(...calls));
    // Done when every channel shows its briefing (a post repeated after a takeover is one message)
    await until(() => guilds.every((g) => fake.messagesIn(g.channelId).length > 0), 'every briefing', dueAt - Date.now() + 600_000, 100);
    const lastPost = Date.now();
    const elapsed = lastPost - dueAt;
    const counts = guilds.map((g) => fake.messagesIn(g.channelId).length);
    const once = counts.filter((n) => n === 1).length;
    const day = new Date(dueAt).toISOString().slice(0, 10);
    const sent = await withLibrary(
      space,
      async (stores) => (await Promise.all(guilds.map((g) => stores.deliveries.getDelivery(g.guildId, day)))).filter((d) => d?.status === 'sent').length,
    );
    const shares = bots.map((bot) => (bot.log().match(/: posted 1 message\(s\)\./g) ?? []).length);
    // The fault harness's children cannot start the read worker (no tsx where they run); it plays no part here
    const warnings = bots.flatMap((bot) =>
      bot
        .log()
        .split('\n')
        .filter((line) => / (warn|error) /.test(line) && !line.includes('read worker failed')),
    );
    const perSecond = new Map<number, number>();
    for (const at of postTimes.filter((t) => t >= dueAt)) perSecond.set(Math.floor((at - dueAt) / 1000), (perSecond.get(Math.floor((at - dueAt) / 1000)) ?? 0) + 1);
    const rates = [...perSecond.values()].sort((a, b) => a - b);
    const floor = (GUILDS / REQUESTS_PER_SECOND) * 1000;
    const ratio = elapsed / floor;
    return [
      `fleet fan-out on ${backend.name}: ${GUILDS} guilds due at ${time} UTC, ${PROCESSES} bot processes (one shard each), fake Discord enforcing ${REQUESTS_PER_SECOND} req/s (global, 429 + retry_after)`,
      `  due minute to last post: ${seconds(elapsed)} against a floor of ${seconds(floor)}: ${ratio.toFixed(3)}× the floor (target ≤ ${TARGET}×: ${ratio <= TARGET ? 'met' : 'MISSED'})`,
      `  briefings posted by each process: ${shares.join(' / ')}; 429s answered by Discord: ${fake.rateLimited}; posts folded by nonce: ${fake.history.deduplicated}`,
      `  requests Discord saw a second: median ${rates[Math.floor(rates.length / 2)] ?? 0}, max ${rates.at(-1) ?? 0}, over ${perSecond.size} s; first one ${seconds(Math.min(...postTimes.filter((t) => t >= dueAt)) - dueAt)} after the due minute; warnings logged: ${warnings.length}${warnings[0] ? ` (first: ${warnings[0].slice(25, 200)})` : ''}`,
      `  ${once === GUILDS && sent === GUILDS ? 'OK' : 'FAILED'}: exactly one briefing in ${once}/${GUILDS} channels, ${sent}/${GUILDS} recorded sent`,
    ].join('\n');
  } finally {
    for (const bot of bots) bot.process.kill('SIGTERM');
    await Promise.all(bots.map((bot) => bot.exited));
    await fake.close();
    space.cleanup();
  }
}

const FEEDS = 1_000;
const FEED_GUILDS = 100;

/** A feed server: `/<run>/feed/<n>.xml` is an RSS feed of one whole article; every fetch is counted per path. */
async function feedServer(): Promise<{ base: string; fetches: Map<string, number>; close(): Promise<void> }> {
  const fetches = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    fetches.set(path, (fetches.get(path) ?? 0) + 1);
    const n = path.replace(/\D+/g, '-');
    // Long enough to be the whole article (a shorter one is a summary, and its page would be fetched)
    const paragraphs = [
      `Officials said the harbour plan ${n} would open in the spring, after two years of delays and a vote of the town council on Monday.`,
      `“We are ready to start the work as soon as the weather allows,” said the mayor of town ${n}, who had promised the ferry line in her campaign.`,
      `The plan adds a second quay, a waiting hall and a bus stop, and the regional government pays half of its cost, the council said in a statement.`,
      `Fishermen who use the old quay said they had not been asked. “Nobody told us where our boats will go,” said one of them, who asked not to be named.`,
      `The first ferries are expected to run in the summer of next year, the harbour master said, if the dredging of the channel is finished on time.`,
    ];
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${n}</title>` +
          `<item><guid>item${n}</guid><title>Harbour plan ${n}</title><link>https://news.example/${n}</link>` +
          `<content:encoded><![CDATA[${paragraphs.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item></channel></rss>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, fetches, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** `pollers` pollers on their own connections to one library of `feeds` due feeds; the time and who polled what. */
async function pollCycle(backend: Backend, base: string, run: string, pollers: number, feeds = FEEDS): Promise<{ ms: number; results: PollResult[][]; again: number }> {
  const space = workspace(await backend.next());
  const clock = () => new Date();
  const connections: Stores[] = [];
  try {
    await withLibrary(space, async (stores) => {
      for (let i = 0; i < feeds; i++)
        await stores.feeds.addFeed({ guildId: String(600_000_000_000_000_000n + BigInt(i % FEED_GUILDS)), url: `${base}/${run}/feed/${i}.xml`, channelId: null, now: Date.now() });
    });
    connections.push(...(await Promise.all(Array.from({ length: pollers }, () => openStoresFor(space)))));
    const started = performance.now();
    const results = await Promise.all(connections.map((stores, p) => pollDueFeeds({ ingest: inThreadIngest(stores.articles), feeds: stores.feeds, clock, owner: `poller-${p}` })));
    const ms = performance.now() - started;
    // The cycle is over: nothing is due again, in any poller
    const again = (
      await Promise.all(connections.map((stores, p) => pollDueFeeds({ ingest: inThreadIngest(stores.articles), feeds: stores.feeds, clock, owner: `poller-${p}` })))
    ).flat().length;
    return { ms, results, again };
  } finally {
    for (const stores of connections) await stores.close();
    space.cleanup();
  }
}

/** Runs the feed-poll bench on each backend and returns the lines to print. */
export function benchFleetFeeds(): Promise<string> {
  return onEachBackend(feedPolls);
}

async function feedPolls(backend: Backend): Promise<string> {
  const server = await feedServer();
  try {
    const fetchesOf = (run: string): number[] => Array.from({ length: FEEDS }, (_, i) => server.fetches.get(`/${run}/feed/${i}.xml`) ?? 0);
    // Warm-up: the engine and the statements, off the clock
    await pollCycle(backend, server.base, 'warm', 1, 20);
    const alone = await pollCycle(backend, server.base, 'alone', 1);
    const fleet = await pollCycle(backend, server.base, 'fleet', PROCESSES);
    const lines = [`feed polls on ${backend.name}: ${FEEDS} due feeds (one whole article each, ${FEED_GUILDS} servers)`];
    for (const [name, cycle, run] of [
      ['1 poller (baseline)', alone, 'alone'],
      [`${PROCESSES} pollers`, fleet, 'fleet'],
    ] as const) {
      const fetches = fetchesOf(run);
      const polled = cycle.results.map((r) => r.filter((p) => p.status === 'polled').length);
      const done = cycle.results.flat().flatMap((p) => (p.status === 'polled' ? [p] : []));
      const stored = done.reduce((n, p) => n + p.stored.length, 0);
      const itemErrors = done.reduce((n, p) => n + p.itemErrors.length, 0);
      lines.push(
        `  ${name}: ${(cycle.ms / 1000).toFixed(2)} s (${(cycle.ms / alone.ms).toFixed(2)}× the baseline); polled per poller ${polled.join(' / ')}; ` +
          `fetches per feed: max ${Math.max(...fetches)}, min ${Math.min(...fetches)}, ${fetches.reduce((a, b) => a + b, 0)} in all; articles stored ${stored}, item errors ${itemErrors}; polled again in the same cycle: ${cycle.again}`,
      );
    }
    const ok = [fetchesOf('alone'), fetchesOf('fleet')].every((f) => f.every((n) => n === 1)) && alone.again === 0 && fleet.again === 0;
    lines.push(`  ${ok ? 'OK' : 'FAILED'}: every feed fetched exactly once in its cycle`);
    return lines.join('\n');
  } finally {
    await server.close();
  }
}
