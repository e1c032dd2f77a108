/**
 * `briefing migrate` at scale: an SQLite archive of 10,000 articles, built through the store as
 * the bot builds it (PolNeAR train texts read once by the engine, saved again and again with
 * their speakers renamed per round, so there are speakers, quotes and collections in proportion;
 * the seed article when the texts are missing), spread over 100 servers with their settings,
 * deliveries, feeds, follows and quotas; then copied into PostgreSQL by the CLI command, timed,
 * with every table's count on both sides. The server is a throwaway cluster (initdb, pg_ctl), or
 * BRIEFING_BENCH_DATABASE_URL (an empty database).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readArticle } from '../src/article/index.js';
import type { Reading } from '../src/article/types.js';
import { main } from '../src/cli.js';
import { openStores } from '../src/library/open-stores.js';
import { speakerId } from '../src/library/speakers.js';
import type { Destination, Stores } from '../src/library/types.js';
import { findPostgresBin, startCluster, type Cluster } from '../test/postgres/cluster.js';
import { databaseUrl, withClient } from '../test/postgres/scratch.js';

const ARTICLES = 10_000;
/** PolNeAR texts read by the engine: the archive saves each of them ARTICLES / BASE times. */
const BASE = 100;
const SERVERS = 100;
/** Every SHARED_EVERY-th article is the shared collection's, the rest a server's. */
const SHARED_EVERY = 50;
/** Every LINKED_EVERY-th article was added in a second server too. */
const LINKED_EVERY = 25;
const TEXT_DIR = resolve(process.cwd(), '../shared/eval/data/polnear/train/text');
const SEED = resolve(process.cwd(), 'data/articles/idlib-2018-09-17.txt');
const DAY_MS = 86_400_000;

const progress = (line: string): void => void process.stderr.write(`migrate: ${line}\n`);
const destinationOf = (i: number): Destination => (i % SHARED_EVERY === 0 ? { collection: 'shared' } : { collection: 'guild', guildId: `g${i % SERVERS}`, addedBy: 'u1' });

function readBase(): { source: string; texts: { text: string; reading: Reading }[] } {
  const files = existsSync(TEXT_DIR)
    ? readdirSync(TEXT_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .slice(0, BASE)
        .map((f) => join(TEXT_DIR, f))
    : [SEED];
  const texts = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const read = readArticle(text);
    return read.ok ? [{ text, reading: read.value }] : [];
  });
  return { source: files.length > 1 ? `${texts.length} PolNeAR train texts` : 'the seed article (PolNeAR texts missing)', texts };
}

/** Round `n` of the same texts quotes other people: "Vladimir Putin" becomes "Vladimir Putinqz3". */
function vary(reading: Reading, n: number): Reading {
  if (n === 0) return reading;
  const tag = (name: string): string => `${name.trimEnd()}qz${n}`;
  return {
    ...reading,
    speakers: reading.speakers.map((s) => ({ ...s, id: speakerId(tag(s.name)), name: tag(s.name), aliases: s.aliases.map(tag), roles: s.roles })),
    quotes: reading.quotes.map((q) => (q.speaker ? { ...q, speaker: { ...q.speaker, id: speakerId(tag(q.speaker.name)), name: tag(q.speaker.name) } } : q)),
  };
}

/** The archive as 100 servers leave it after a while: articles, and a row in every other table. */
async function buildArchive(stores: Stores, base: { text: string; reading: Reading }[]): Promise<void> {
  for (let i = 0; i < ARTICLES; i++) {
    const { text, reading } = base[i % base.length]!;
    const { article } = await stores.articles.saveArticle(
      { source: `bench/${i}.txt`, text: `${text}\n${i}`, title: reading.title, date: reading.date },
      vary(reading, Math.floor(i / base.length)),
      destinationOf(i),
    );
    if (i % LINKED_EVERY === 1) await stores.articles.linkArticle(article.id, { collection: 'guild', guildId: `g${(i + 1) % SERVERS}`, addedBy: 'u2' });
    if ((i + 1) % 1000 === 0) progress(`${i + 1} articles saved`);
  }
  for (let g = 0; g < SERVERS; g++) {
    const guildId = `g${g}`;
    await stores.guilds.saveGuildSettings({ guildId, channelId: `c${g}`, time: '08:00', timezone: 'UTC', roleId: null, postWhenEmpty: false, enabled: true });
    for (let day = 1; day <= 3; day++) {
      const localDate = `2024-06-0${day}`;
      await stores.deliveries.createDelivery({ guildId, localDate, articleIds: [g + 1], deadlineAt: day * DAY_MS });
      const claimed = await stores.deliveries.claimDelivery(guildId, localDate, 'bench', 1_000);
      if (claimed) await stores.deliveries.finishDelivery(guildId, localDate, 'bench', { status: 'sent', messageIds: [`m${g}-${day}`] });
    }
    const feed = await stores.feeds.addFeed({ guildId, url: `https://news${g}.example/feed.xml`, channelId: `c${g}`, now: 1 });
    if (feed) for (let item = 0; item < 20; item++) await stores.feeds.markSeen(feed.id, `item-${item}`, null);
    await stores.quotas.claim({ guildId, userId: 'u1', now: Date.now(), limits: { memberMax: 0, memberWindowMs: 60_000, guildPerDay: 0 } });
    const follow = await stores.follows.addFollow({ guildId, name: 'Putin', channelId: `c${g}`, roleId: null, now: 1 });
    if (follow) await stores.follows.logAlerts([{ followId: follow.id, articleId: g + 1, channelId: `c${g}` }], { hour: 1, perHour: 10, now: 1 });
    await stores.filters.setFilter(guildId, 'briefing', { keywords: ['Idlib'], speakers: [] });
  }
}

/** An empty database to copy into: BRIEFING_BENCH_DATABASE_URL, or one on a cluster of its own. */
async function target(): Promise<{ url: string; cluster: Cluster | null }> {
  const external = process.env.BRIEFING_BENCH_DATABASE_URL?.trim();
  if (external) return { url: external, cluster: null };
  const bin = findPostgresBin();
  if (!bin) throw new Error('MISSING POSTGRESQL: initdb and pg_ctl not found; install postgresql or set BRIEFING_BENCH_DATABASE_URL to an empty database');
  const cluster = await startCluster(bin);
  await withClient(cluster.url, (client) => client.query('CREATE DATABASE briefing_bench'));
  return { url: databaseUrl(cluster.url, 'briefing_bench'), cluster };
}

/**
 * The SQLite archive to copy: built in a temporary folder, or at BRIEFING_BENCH_MIGRATE_ARCHIVE,
 * where it is kept, and reused by the next run when it is there.
 */
async function sqliteArchive(dir: string): Promise<{ file: string; built: string }> {
  const kept = process.env.BRIEFING_BENCH_MIGRATE_ARCHIVE?.trim();
  const file = kept || join(dir, 'library.sqlite');
  if (kept && existsSync(kept)) return { file, built: `reused ${kept}` };
  const base = readBase();
  progress(`${base.source} read; saving ${ARTICLES} articles`);
  const started = performance.now();
  const stores = openStores(file);
  await buildArchive(stores, base.texts);
  await stores.close();
  return { file, built: `${ARTICLES} articles from ${base.source}, ${SERVERS} servers, built in ${((performance.now() - started) / 1000).toFixed(0)} s` };
}

export async function benchMigrate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-migrate-'));
  let cluster: Cluster | null = null;
  try {
    const { file, built } = await sqliteArchive(dir);
    const server = await target();
    cluster = server.cluster;
    let out = '';
    let err = '';
    const started = performance.now();
    const code = await main(['migrate', '--to', server.url], { env: { BRIEFING_DB: file }, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
    const copySeconds = (performance.now() - started) / 1000;
    const counts = out.split('\n').filter((line) => /^\w+ +\d+ +\d+( +MISMATCH)?$/.test(line) || /^table /.test(line) || /^ {2}(copied|built)/.test(line));
    return [
      `SQLite archive: ${built}; ${(statSync(file).size / 1e6).toFixed(0)} MB`,
      `briefing migrate --to postgres://…: exit ${code}, ${copySeconds.toFixed(1)} s (copy, search index, counts)${code === 0 ? '' : ` FAILED: ${err.trim()}`}`,
      ...counts.map((line) => `  ${line}`),
    ].join('\n');
  } finally {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
