import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { openStores } from '../src/library/open-stores.js';
import { copySqliteToPostgres, TargetNotEmptyError } from '../src/library/postgres/copy-from-sqlite.js';
import { openPostgresStores } from '../src/library/postgres/open.js';
import { read } from './read-article.js';
import { scratchDatabase } from './postgres/scratch.js';
import { article, reading } from './stores/readings.js';

const server = inject('postgres');
const SEED_DIR = join(import.meta.dirname, '..', 'data', 'articles');
const GUILD = { collection: 'guild', guildId: 'g1', addedBy: 'u1' } as const;

/** An SQLite archive as a running bot leaves it: the seed articles, and a row in every table. */
async function archive(file: string): Promise<void> {
  const stores = openStores(file, { now: () => 5_000 });
  for (const name of readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(SEED_DIR, name), 'utf8');
    const value = read(text);
    await stores.articles.saveArticle({ source: join(SEED_DIR, name), text, title: value.title, date: value.date }, value, { collection: 'shared' });
  }
  // A server's own article, and a short name that a fuller one later renames (a redirect)
  const own = await stores.articles.saveArticle(
    article('discord:g1/u1/a', 'Zorba spoke.', 'Zorba', null),
    reading('Zorba', null, [['We agreed', 'Zorba']], [{ name: 'Zorba' }]),
    GUILD,
  );
  await stores.articles.saveArticle(
    article('discord:g1/u1/b', 'Alexis Zorba spoke.', 'Alexis Zorba', null),
    reading('AZ', null, [['Again', 'Alexis Zorba']], [{ name: 'Alexis Zorba' }]),
    GUILD,
  );
  await stores.guilds.saveGuildSettings({ guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Istanbul', roleId: null, postWhenEmpty: false, enabled: true });
  await stores.deliveries.createDelivery({ guildId: 'g1', localDate: '2024-06-01', articleIds: [own.article.id], deadlineAt: 9_000 });
  await stores.deliveries.claimDelivery('g1', '2024-06-01', 'p1', 1_000);
  const feed = (await stores.feeds.addFeed({ guildId: 'g1', url: 'https://courier.example/feed.xml', channelId: 'c1', now: 5_000 }))!;
  await stores.feeds.markSeen(feed.id, 'item-1', own.article.id);
  await stores.quotas.claim({ guildId: 'g1', userId: 'u1', now: 5_000, limits: { memberMax: 10, memberWindowMs: 60_000, guildPerDay: 100 } });
  const follow = (await stores.follows.addFollow({ guildId: 'g1', name: 'Zorba', channelId: 'c1', roleId: null, now: 5_000 }))!;
  await stores.follows.logAlerts([{ followId: follow.id, articleId: own.article.id, channelId: 'c1' }], { hour: 1, perHour: 10, now: 5_000 });
  await stores.filters.setFilter('g1', 'briefing', { keywords: ['Idlib'], speakers: [] });
  await stores.fleet.takeRequestSlot({ name: 'discord', now: 5_000_000, interval: 20_400, horizon: 1_000_000 });
  await stores.close();
  // Written by no code today, still part of the archive
  const db = new Database(file);
  db.prepare("INSERT INTO alert_summaries (channel_id, hour, status) VALUES ('c1', 1, 'sent')").run();
  db.close();
}

describe.skipIf(!server)('briefing migrate: an SQLite archive copied into PostgreSQL', () => {
  let dir: string;
  let file: string;
  let target: { url: string; release(): void };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefing-copy-'));
    file = join(dir, 'library.sqlite');
    await archive(file);
    target = await scratchDatabase(server!);
  });
  afterEach(() => {
    target.release();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GIVEN the seed archive with a row in every table THEN every table is copied and its count is equal on both sides', async () => {
    const report = await copySqliteToPostgres(file, target.url);
    expect(report.ok).toBe(true);
    expect(report.tables.map((t) => t.table).sort()).toEqual(
      expect.arrayContaining(['articles', 'readings', 'speakers', 'speaker_redirects', 'quotes', 'collections', 'collection_articles', 'guild_settings', 'deliveries']),
    );
    expect(report.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['feeds', 'feed_items', 'additions', 'follows', 'alerts', 'alert_summaries', 'filters']));
    for (const t of report.tables) expect([t.table, t.postgres]).toEqual([t.table, t.sqlite]);
    expect(report.tables.filter((t) => t.sqlite === 0).map((t) => t.table)).toEqual([]);
  });

  test('GIVEN a copied archive THEN PostgreSQL answers every read as SQLite did, and new ids follow the copied ones', async () => {
    await copySqliteToPostgres(file, target.url);
    const before = openStores(file);
    const after = await openPostgresStores(target.url, { now: () => 6_000 });
    try {
      for (const scope of ['all', { guildId: 'g1' }, { guildId: 'g2' }] as const) {
        expect(await after.articles.listArticles(scope)).toEqual(await before.articles.listArticles(scope));
        expect(await after.articles.listArticles(scope, { search: 'idlib' })).toEqual(await before.articles.listArticles(scope, { search: 'idlib' }));
        expect(await after.speakers.findSpeakers(scope, 'Zorba')).toEqual(await before.speakers.findSpeakers(scope, 'Zorba'));
        expect(await after.speakers.quotesBySpeaker(scope, 'zorba')).toEqual(await before.speakers.quotesBySpeaker(scope, 'zorba'));
        expect(await after.speakers.suggestSpeakers(scope, 'er')).toEqual(await before.speakers.suggestSpeakers(scope, 'er'));
        expect(await after.speakers.findSpeakers(scope, 'Erdgoan')).toEqual(await before.speakers.findSpeakers(scope, 'Erdgoan'));
        expect(await after.speakers.searchQuotes(scope, 'agreed')).toEqual(await before.speakers.searchQuotes(scope, 'agreed'));
      }
      const latest = (await before.articles.latestArticle('all'))!;
      expect(await after.articles.getReading('all', latest.id)).toEqual(await before.articles.getReading('all', latest.id));
      expect(await after.guilds.listGuildSettings()).toEqual(await before.guilds.listGuildSettings());
      expect(await after.deliveries.getDelivery('g1', '2024-06-01')).toEqual(await before.deliveries.getDelivery('g1', '2024-06-01'));
      expect(await after.feeds.listFeeds('g1')).toEqual(await before.feeds.listFeeds('g1'));
      expect(await after.follows.pendingAlerts()).toEqual(await before.follows.pendingAlerts());
      expect(await after.filters.getFilter('g1', 'briefing')).toEqual(await before.filters.getFilter('g1', 'briefing'));
      const added = await after.articles.saveArticle(article('new.txt', 'A new text.', 'New', null), reading('New', null, []), { collection: 'shared' });
      expect(added.article.id).toBe(latest.id + 1);
    } finally {
      await before.close();
      await after.close();
    }
  });

  test('GIVEN a target that already holds an archive THEN the copy is refused and nothing is added', async () => {
    const first = await copySqliteToPostgres(file, target.url);
    await expect(copySqliteToPostgres(file, target.url)).rejects.toThrow(TargetNotEmptyError);
    const again = await openPostgresStores(target.url);
    try {
      expect((await again.articles.listArticles('all')).total).toBe(first.tables.find((t) => t.table === 'articles')!.sqlite);
    } finally {
      await again.close();
    }
  });

  test('GIVEN no archive at BRIEFING_DB THEN the copy fails without creating one', async () => {
    const missing = join(dir, 'none.sqlite');
    await expect(copySqliteToPostgres(missing, target.url)).rejects.toThrow(/none\.sqlite/);
    expect(readdirSync(dir)).not.toContain('none.sqlite');
  });
});
