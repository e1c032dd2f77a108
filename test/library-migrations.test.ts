import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Reading } from '../src/article/types.js';
import { MIGRATIONS, SchemaVersionError, migrate, schemaVersion } from '../src/library/migrations.js';
import { LibraryOpenError, openStores, retryWhileBusy } from '../src/library/open-stores.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-library-'));
  file = join(dir, 'library.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quote = {
  text: 'I hope',
  kind: 'direct' as const,
  start: 1,
  end: 7,
  outerStart: 0,
  outerEnd: 8,
  continued: false,
  speaker: { id: 'vladimir-putin', name: 'Vladimir Putin', mention: null },
};
const reading: Reading = {
  title: 'Sochi',
  date: '2018-09-17',
  headline: 'Sochi',
  summary: ['One.'],
  quotes: [quote],
  speakers: [{ id: 'vladimir-putin', name: 'Vladimir Putin', aliases: ['Putin'], roles: [], type: 'person' }],
  facts: { people: [], places: [], organizations: [], dates: [], numbers: [], key: [] },
};
const settings = { guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Istanbul', roleId: null, postWhenEmpty: false, enabled: true };

test('GIVEN an empty file THEN every migration is applied and user_version records them', async () => {
  await openStores(file).close();
  const db = new Database(file, { readonly: true });
  expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((r) => r.name);
  expect(tables).toEqual(expect.arrayContaining(['articles', 'readings', 'speakers', 'speaker_aliases', 'quotes', 'quotes_fts', 'guild_settings', 'deliveries']));
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});

test('GIVEN a file at an older schema version THEN opening applies only the missing steps and keeps the data', async () => {
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 1));
  old.prepare("INSERT INTO articles (source, title, date, text, hash, added_at) VALUES ('old.txt', 'Old', NULL, 'old text', 'abc', 1)").run();
  old.close();

  const db = new Database(file);
  expect(migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
  expect(migrate(db)).toEqual([]);
  db.close();

  const stores = openStores(file);
  expect((await stores.articles.findBySource('old.txt'))?.title).toBe('Old');
  await stores.close();
});

test('GIVEN a migration that fails THEN the file stays at its old version', () => {
  const db = new Database(file);
  const broken = [...MIGRATIONS, { name: 'broken', sql: 'CREATE TABLE articles (x)' }];
  expect(() => migrate(db, broken)).toThrow();
  expect(schemaVersion(db)).toBe(0);
  db.close();
});

test('GIVEN a file from a newer version THEN opening refuses it', () => {
  const db = new Database(file);
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
  expect(() => openStores(file)).toThrow(SchemaVersionError);
});

const LIMITS = { memberMax: 3, memberWindowMs: 600_000, guildPerDay: 0 };
const addition = (now: number) => ({ guildId: 'g1', userId: 'u1', now, limits: LIMITS });

test('GIVEN a library closed and reopened THEN articles, readings, speakers, settings, deliveries and quota slots survive', async () => {
  const first = openStores(file);
  for (let i = 0; i < 3; i++) await first.quotas.claim(addition(1_000));
  const { article } = await first.articles.saveArticle({ source: 'a.txt', text: 'Sochi text', title: 'Sochi', date: '2018-09-17' }, reading, { collection: 'shared' });
  await first.guilds.saveGuildSettings(settings);
  await first.deliveries.createDelivery({ guildId: 'g1', localDate: '2018-09-17', articleIds: [article.id], deadlineAt: 1 });
  await first.close();

  const again = openStores(file);
  expect(await again.articles.getArticle('all', article.id)).toEqual(article);
  expect(await again.articles.getReading('all', article.id)).toEqual(reading);
  expect((await again.speakers.quotesBySpeaker('all', 'vladimir-putin')).total).toBe(1);
  expect((await again.speakers.findSpeakers('all', 'putin')).matches.map((s) => s.name)).toEqual(['Vladimir Putin']);
  expect((await again.articles.listArticles('all', { search: 'sochi' })).total).toBe(1);
  expect(await again.guilds.getGuildSettings('g1')).toEqual(settings);
  expect(await again.deliveries.createDelivery({ guildId: 'g1', localDate: '2018-09-17', articleIds: [], deadlineAt: 1 })).toBe(false);
  expect((await again.deliveries.getDelivery('g1', '2018-09-17'))?.articleIds).toEqual([article.id]);
  expect(await again.quotas.claim(addition(2_000))).toMatchObject({ ok: false, scope: 'member', retryAt: 601_000 });
  await again.close();
});

test('GIVEN a path in a folder that does not exist yet THEN the folder is created', async () => {
  const nested = join(dir, 'data', 'briefing.sqlite');
  await openStores(nested).close();
  expect(existsSync(nested)).toBe(true);
});

test('GIVEN a file that is not a database THEN opening fails with the path in the message', () => {
  writeFileSync(file, 'not a database, just text '.repeat(100));
  expect(() => openStores(file)).toThrow(LibraryOpenError);
  expect(() => openStores(file)).toThrow(file);
});

/** Writes, in plain SQL, what the release before migration 5 stored for one article with one speaker. */
function writeVersion4Archive(path: string): void {
  const old = new Database(path);
  migrate(old, MIGRATIONS.slice(0, 4));
  const insertArticle = old.prepare('INSERT INTO articles (id, source, title, date, text, hash, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // Added in this order: the undated one last, so "latest" changes meaning on upgrade
  insertArticle.run(1, 'sochi.txt', 'Sochi', '2018-09-17', 'Putin said in Sochi', 'h1', 100);
  insertArticle.run(2, 'idlib.txt', 'Idlib', '2018-09-18', 'Putin spoke of Idlib', 'h2', 200);
  insertArticle.run(3, 'note.txt', 'Note', null, 'An undated note', 'h3', 300);
  for (const id of [1, 2, 3]) old.prepare('INSERT INTO readings (article_id, json) VALUES (?, ?)').run(id, JSON.stringify(reading));
  old
    .prepare("INSERT INTO articles_fts (rowid, title, text) VALUES (1, 'Sochi', 'Putin said in Sochi'), (2, 'Idlib', 'Putin spoke of Idlib'), (3, 'Note', 'An undated note')")
    .run();
  old
    .prepare(
      `INSERT INTO speakers (id, name, aliases, roles, search_key, surname, quote_count)
    VALUES ('vladimir-putin', 'Vladimir Putin', '["Putin"]', '["Russian president"]', 'vladimir putin', 'putin', 2)`,
    )
    .run();
  old.prepare("INSERT INTO speaker_aliases (key, speaker_id) VALUES ('vladimir putin', 'vladimir-putin'), ('putin', 'vladimir-putin')").run();
  for (const term of ['vladimir putin', 'putin', 'russian president', 'president'])
    old.prepare("INSERT INTO speaker_terms (term, speaker_id) VALUES (?, 'vladimir-putin')").run(term);
  const insertQuote = old.prepare(`INSERT INTO quotes (id, article_id, position, text, kind, start, end, outer_start, outer_end, continued, speaker_id)
    VALUES (?, ?, 0, ?, 'direct', 0, 1, 0, 1, 0, 'vladimir-putin')`);
  insertQuote.run(1, 1, 'I hope');
  insertQuote.run(2, 2, 'We agreed');
  old.prepare("INSERT INTO quotes_fts (rowid, text, speaker) VALUES (1, 'I hope', 'Vladimir Putin'), (2, 'We agreed', 'Vladimir Putin')").run();
  old.close();
}

test('GIVEN an archive written before migration 5 THEN it upgrades without loss and every command path answers from it', async () => {
  writeVersion4Archive(file);
  const stores = openStores(file);
  try {
    expect((await stores.articles.listArticles('all')).items.map((a) => a.title)).toEqual(['Note', 'Idlib', 'Sochi']);
    expect((await stores.articles.listArticles('all')).total).toBe(3);
    expect((await stores.articles.latestArticle('all'))?.title).toBe('Note');
    expect((await stores.articles.listArticles('all', { search: 'idlib' })).items.map((a) => a.id)).toEqual([2]);
    expect(await stores.articles.getReading('all', 1)).toEqual(reading);
    expect((await stores.speakers.quotesBySpeaker('all', 'vladimir-putin')).items.map((q) => q.quote.text)).toEqual(['We agreed', 'I hope']);
    expect((await stores.speakers.quotesBySpeaker('all', 'vladimir-putin')).total).toBe(2);
    for (const prefix of ['v', 'pu', 'rus', 'presid']) expect((await stores.speakers.suggestSpeakers('all', prefix)).map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect((await stores.speakers.findSpeakers('all', 'Puttin')).suggestions.map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect((await stores.speakers.findSpeakers('all', 'Xputin')).suggestions.map((s) => s.name)).toEqual(['Vladimir Putin']);
    // Saving after the upgrade keeps the counts and the buckets in step
    await stores.articles.saveArticle({ source: 'new.txt', text: 'Putin again', title: 'New', date: null }, reading, { collection: 'shared' });
    expect((await stores.articles.listArticles('all')).total).toBe(4);
    expect((await stores.speakers.suggestSpeakers('all', 'pu')).map((s) => s.quoteCount)).toEqual([3]);
  } finally {
    await stores.close();
  }
});

/** Every migration before collections: what the release before them wrote. */
const BEFORE_COLLECTIONS = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m.name === 'collections'),
);

/** Writes, in plain SQL on the real migrations before collections, an archive of every kind of article that release stored. */
function writePreCollectionsArchive(path: string): void {
  const old = new Database(path);
  expect(BEFORE_COLLECTIONS.length).toBeGreaterThanOrEqual(5);
  migrate(old, BEFORE_COLLECTIONS);
  const insertArticle = old.prepare('INSERT INTO articles (id, source, url, title, date, text, hash, added_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)');
  const rows: [number, string, string | null, string][] = [
    [1, '/srv/briefing/data/articles/sochi.txt', null, 'Sochi'],
    [2, 'discord:111/u1/aaaa', null, 'Pasted in 111'],
    [3, 'discord:222/u2/bbbb', null, 'Attached in 222'],
    [4, 'https://news.example/ferry', 'https://news.example/ferry', 'Feed item of 111'],
    [5, 'feed:https://feeds.example/rss#7', null, 'Feed item of 222 and 333'],
    [6, 'https://news.example/pasted-link', 'https://news.example/pasted-link', 'A link added with /article add'],
    [7, 'discord:dm/u3/cccc', null, 'Added in a DM'],
  ];
  old
    .prepare(
      `INSERT INTO speakers (id, name, aliases, roles, search_key, surname, quote_count)
    VALUES ('vladimir-putin', 'Vladimir Putin', '["Putin"]', '[]', 'vladimir putin', 'putin', ${rows.length})`,
    )
    .run();
  for (const [id, source, url, title] of rows) {
    insertArticle.run(id, source, url, title, `Putin spoke. ${title}`, `h${id}`, id * 100);
    old.prepare('INSERT INTO readings (article_id, json) VALUES (?, ?)').run(id, JSON.stringify(reading));
    old.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)').run(id, title, `Putin spoke. ${title}`);
    old
      .prepare(
        `INSERT INTO quotes (id, article_id, position, text, kind, start, end, outer_start, outer_end, continued, speaker_id)
      VALUES (?, ?, 0, ?, 'direct', 0, 1, 0, 1, 0, 'vladimir-putin')`,
      )
      .run(id, id, `quote ${id}`);
    old.prepare("INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, 'Vladimir Putin')").run(id, `quote ${id}`);
  }
  old.prepare("INSERT INTO speaker_aliases (key, speaker_id) VALUES ('vladimir putin', 'vladimir-putin'), ('putin', 'vladimir-putin')").run();
  for (const term of ['vladimir putin', 'putin']) old.prepare("INSERT INTO speaker_terms (term, speaker_id) VALUES (?, 'vladimir-putin')").run(term);
  for (const key of ['v', 'vl', 'vla', 'p', 'pu', 'put'])
    old.prepare(`INSERT INTO speaker_keys (key, speaker_id, quote_count, name) VALUES (?, 'vladimir-putin', ${rows.length}, 'Vladimir Putin')`).run(key);
  const feed = old.prepare('INSERT INTO feeds (id, guild_id, url, next_poll_at, added_at) VALUES (?, ?, ?, 0, 0)');
  feed.run(1, '111', 'https://news.example/rss');
  feed.run(2, '222', 'https://feeds.example/rss');
  feed.run(3, '333', 'https://feeds.example/rss');
  const item = old.prepare('INSERT INTO feed_items (feed_id, item_key, article_id) VALUES (?, ?, ?)');
  item.run(1, 'ferry', 4);
  item.run(2, '7', 5);
  item.run(3, '7', 5);
  item.run(3, 'gone', null);
  old.close();
}

test('GIVEN buckets written with exact counts THEN the upgrade ranks them by powers of two, and autocomplete still shows the exact count', async () => {
  writePreCollectionsArchive(file);
  const stores = openStores(file);
  try {
    const db = new Database(file, { readonly: true });
    const ranks = db.prepare<[], { rank_count: number }>("SELECT DISTINCT rank_count FROM speaker_keys WHERE speaker_id = 'vladimir-putin'").all();
    const serverRanks = db.prepare<[], { rank_count: number }>("SELECT DISTINCT rank_count FROM collection_speaker_keys WHERE speaker_id = 'vladimir-putin'").all();
    db.close();
    // Seven quotes: ranked 4 in the archive's buckets; each server's bucket ranks its own count
    expect(ranks).toEqual([{ rank_count: 4 }]);
    expect(serverRanks.every((r) => r.rank_count > 0 && (r.rank_count & (r.rank_count - 1)) === 0)).toBe(true);
    expect((await stores.speakers.suggestSpeakers('all', 'pu')).map((s) => [s.name, s.quoteCount])).toEqual([['Vladimir Putin', 7]]);
  } finally {
    await stores.close();
  }
});

test('GIVEN an archive written before collections THEN every article lands in its collection and each server sees its own and the shared ones', async () => {
  writePreCollectionsArchive(file);
  const stores = openStores(file);
  try {
    const db = new Database(file, { readonly: true });
    const links = db
      .prepare<[], { article_id: number; guild_id: string | null; added_by: string | null; added_at: number }>(
        'SELECT ca.article_id, c.guild_id, ca.added_by, ca.added_at FROM collection_articles ca JOIN collections c ON c.id = ca.collection_id ORDER BY ca.article_id, c.guild_id',
      )
      .all();
    db.close();
    expect(links).toEqual([
      { article_id: 1, guild_id: null, added_by: null, added_at: 100 },
      { article_id: 2, guild_id: '111', added_by: 'u1', added_at: 200 },
      { article_id: 3, guild_id: '222', added_by: 'u2', added_at: 300 },
      { article_id: 4, guild_id: '111', added_by: null, added_at: 400 },
      { article_id: 5, guild_id: '222', added_by: null, added_at: 500 },
      { article_id: 5, guild_id: '333', added_by: null, added_at: 500 },
      { article_id: 6, guild_id: null, added_by: null, added_at: 600 },
      { article_id: 7, guild_id: null, added_by: null, added_at: 700 },
    ]);
    // Nothing lost: every article, reading and quote is still there for the operator
    expect((await stores.articles.listArticles('all')).total).toBe(7);
    for (let id = 1; id <= 7; id++) expect(await stores.articles.getReading('all', id)).toEqual(reading);
    expect((await stores.speakers.quotesBySpeaker('all', 'vladimir-putin')).total).toBe(7);
    const seen = async (guildId: string) => (await stores.articles.listArticles({ guildId })).items.map((a) => a.id);
    expect(await seen('111')).toEqual([7, 6, 4, 2, 1]);
    expect(await seen('222')).toEqual([7, 6, 5, 3, 1]);
    expect(await seen('333')).toEqual([7, 6, 5, 1]);
    expect(await seen('444')).toEqual([7, 6, 1]);
    expect((await stores.articles.listArticles({ guildId: '111' })).total).toBe(5);
    expect((await stores.articles.listArticles({ guildId: '111' }, { search: 'feed' })).items.map((a) => a.id)).toEqual([4]);
    expect((await stores.articles.listArticles({ guildId: '444' }, { search: 'feed' })).total).toBe(0);
    expect((await stores.speakers.quotesBySpeaker({ guildId: '222' }, 'vladimir-putin')).items.map((q) => q.quote.text)).toEqual([
      'quote 7',
      'quote 6',
      'quote 5',
      'quote 3',
      'quote 1',
    ]);
    expect((await stores.speakers.quotesBySpeaker({ guildId: '222' }, 'vladimir-putin')).total).toBe(5);
    expect((await stores.speakers.suggestSpeakers({ guildId: '444' }, 'pu')).map((s) => [s.name, s.quoteCount])).toEqual([['Vladimir Putin', 3]]);
    expect((await stores.articles.articlesSince({ guildId: '333' }, 0)).map((a) => a.id)).toEqual([7, 6, 5, 1]);
    // After the upgrade, links and removals keep the counts in step
    expect(await stores.articles.removeArticle('333', 5)).toEqual({ kind: 'unlinked', stillVisible: false });
    expect(await stores.articles.removeArticle('222', 5)).toEqual({ kind: 'deleted' });
    expect((await stores.articles.listArticles('all')).total).toBe(6);
    expect((await stores.speakers.findSpeakers('all', 'Putin')).matches.map((s) => s.quoteCount)).toEqual([6]);
  } finally {
    await stores.close();
  }
});

test('GIVEN an archive written before migration 6 (quotas) THEN it upgrades without loss and starts with no additions counted', async () => {
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 5));
  old.prepare("INSERT INTO articles (id, source, title, date, text, hash, added_at) VALUES (1, 'sochi.txt', 'Sochi', '2018-09-17', 'Putin said in Sochi', 'h1', 100)").run();
  old.prepare('INSERT INTO readings (article_id, json) VALUES (1, ?)').run(JSON.stringify(reading));
  old.prepare("INSERT INTO articles_fts (rowid, title, text) VALUES (1, 'Sochi', 'Putin said in Sochi')").run();
  old
    .prepare(
      `INSERT INTO guild_settings (guild_id, channel_id, time, timezone, role_id, post_when_empty, enabled)
    VALUES ('g1', 'c1', '08:00', 'Europe/Istanbul', NULL, 0, 1)`,
    )
    .run();
  old.prepare("INSERT INTO deliveries (guild_id, local_date, status, updated_at) VALUES ('g1', '2018-09-17', 'sent', 5)").run();
  old.prepare("INSERT INTO feeds (guild_id, url, next_poll_at, added_at) VALUES ('g1', 'https://courier.example/feed.xml', 10, 10)").run();
  expect(schemaVersion(old)).toBe(5);
  old.close();

  const stores = openStores(file);
  try {
    expect((await stores.articles.listArticles('all')).items.map((a) => a.title)).toEqual(['Sochi']);
    expect((await stores.articles.listArticles('all')).total).toBe(1);
    expect((await stores.articles.listArticles('all', { search: 'sochi' })).total).toBe(1);
    expect(await stores.articles.getReading('all', 1)).toEqual(reading);
    expect(await stores.guilds.getGuildSettings('g1')).toEqual(settings);
    expect((await stores.deliveries.getDelivery('g1', '2018-09-17'))?.status).toBe('sent');
    expect((await stores.feeds.listFeeds('g1')).map((f) => f.url)).toEqual(['https://courier.example/feed.xml']);
    for (let i = 0; i < 3; i++) expect((await stores.quotas.claim(addition(1_000))).ok).toBe(true);
    expect((await stores.quotas.claim(addition(1_000))).ok).toBe(false);
  } finally {
    await stores.close();
  }
  const db = new Database(file, { readonly: true });
  expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  db.close();
});

test('GIVEN a delivery log written before deliveries were jobs THEN it upgrades without loss, and a claim left pending is free to be taken over', async () => {
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 5));
  const insert = old.prepare('INSERT INTO deliveries (guild_id, local_date, status, message_ids, error, article_ids, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  insert.run('g1', '2018-09-16', 'sent', '["m1","m2"]', null, '[1]', 1_000);
  insert.run('g1', '2018-09-17', 'pending', '[]', null, '[2]', 2_000);
  old.close();
  const stores = openStores(file, { now: () => 3_000 });
  try {
    expect(await stores.deliveries.getDelivery('g1', '2018-09-16')).toMatchObject({
      status: 'sent',
      messageIds: ['m1', 'm2'],
      articleIds: [1],
      updatedAt: 1_000,
      createdAt: 1_000,
    });
    expect(await stores.deliveries.getDelivery('g1', '2018-09-17')).toMatchObject({ status: 'pending', owner: null, attempts: 0, deadlineAt: 2_000 + 86_400_000 });
    expect((await stores.deliveries.dueDeliveries()).map((d) => d.localDate)).toEqual(['2018-09-17']);
    expect(await stores.deliveries.claimDelivery('g1', '2018-09-17', 'new-process', 30_000)).toMatchObject({ owner: 'new-process', articleIds: [2] });
  } finally {
    await stores.close();
  }
});

test('GIVEN a file from before follows THEN opening adds follows, alerts and filters and keeps its feeds and articles', async () => {
  const old = new Database(file);
  const before = MIGRATIONS.findIndex((m) => m.name === 'follows, quote alerts and filters');
  migrate(old, MIGRATIONS.slice(0, before));
  old.prepare("INSERT INTO articles (source, title, date, text, hash, added_at) VALUES ('old.txt', 'Old', NULL, 'old text', 'abc', 1)").run();
  old.prepare("INSERT INTO feeds (guild_id, url, next_poll_at, added_at) VALUES ('g1', 'https://a.example/feed', 1, 1)").run();
  old.close();

  const stores = openStores(file);
  expect((await stores.articles.findBySource('old.txt'))?.title).toBe('Old');
  expect((await stores.feeds.listFeeds('g1')).map((f) => f.url)).toEqual(['https://a.example/feed']);
  expect((await stores.follows.addFollow({ guildId: 'g1', name: 'Putin', channelId: 'c1', roleId: null, now: 2 }))?.name).toBe('Putin');
  await stores.filters.setFilter('g1', 'briefing', { keywords: ['Idlib'], speakers: [] });
  expect((await stores.filters.getFilter('g1', 'briefing')).keywords).toEqual(['Idlib']);
  await stores.close();
});

test('GIVEN a file whose alerts predate leases THEN a pending alert becomes a free job read back from the channel before posting, and a sent one stays sent', async () => {
  const old = new Database(file);
  const before = MIGRATIONS.findIndex((m) => m.name === 'quote alerts as leased jobs');
  migrate(old, MIGRATIONS.slice(0, before));
  old.prepare("INSERT INTO articles (source, title, date, text, hash, added_at) VALUES ('old.txt', 'Old', NULL, 'old text', 'abc', 1)").run();
  old.prepare("INSERT INTO follows (guild_id, name, key, surname, channel_id, added_at) VALUES ('g1', 'Putin', 'putin', 'putin', 'c1', 1)").run();
  old.prepare("INSERT INTO follows (guild_id, name, key, surname, channel_id, added_at) VALUES ('g2', 'Putin', 'putin', 'putin', 'c2', 1)").run();
  old.prepare("INSERT INTO alerts (follow_id, article_id, channel_id, hour, status, updated_at) VALUES (1, 1, 'c1', 5, 'pending', 4000)").run();
  old.prepare("INSERT INTO alerts (follow_id, article_id, channel_id, hour, status, message_id, updated_at) VALUES (2, 1, 'c2', 5, 'sent', 'm1', 4100)").run();
  old.close();

  const stores = openStores(file);
  try {
    expect(await stores.follows.getAlert(1, 1)).toMatchObject({ status: 'pending', owner: null, leaseUntil: 0, attempts: 1, nextAttemptAt: 0, createdAt: 4000 });
    expect(await stores.follows.getAlert(2, 1)).toMatchObject({ status: 'sent', messageId: 'm1', attempts: 0, createdAt: 4100 });
    expect((await stores.follows.dueAlerts(5000)).map((a) => a.followId)).toEqual([1]);
    expect(await stores.follows.claimAlert(1, 1, 'new-process', { leaseMs: 30_000, now: 5000 })).toMatchObject({ owner: 'new-process', attempts: 2 });
  } finally {
    await stores.close();
  }
});

test('GIVEN six processes opening one new file at the same instant THEN each opens it, and the schema is applied once', async () => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const fault = fileURLToPath(new URL('./fault/', import.meta.url));
  const children = Array.from({ length: 6 }, () => {
    const child = spawn(process.execPath, ['--import', join(fault, 'register-ts.mjs'), join(fault, 'open-library.ts'), file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, output: () => output, exited };
  });
  // Every process loaded (however slow the machine), then all told at once
  while (!children.every((c) => c.output().includes('ready') || c.child.exitCode !== null)) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const c of children) c.child.stdin.end('go\n');
  const codes = await Promise.all(children.map((c) => c.exited));
  expect(children.map((c, i) => [codes[i], c.output().replace('ready', '').trim()])).toEqual(children.map(() => [0, 'opened']));
  const db = new Database(file, { readonly: true });
  expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  db.close();
}, 120_000);

test('GIVEN another process writing a new file as it opens THEN opening waits for the write to end instead of failing at once', async () => {
  const { spawn } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  // A file still in rollback mode with another process's write under way: switching it to WAL is
  // refused at once, without SQLite's busy timeout (as when six processes race to create a file)
  const writer = spawn(
    process.execPath,
    [
      '-e',
      `const Database = require(${JSON.stringify(sqlite)});
       const db = new Database(process.argv[1]);
       db.exec('CREATE TABLE scratch (x)');
       db.exec('BEGIN IMMEDIATE'); db.exec('INSERT INTO scratch VALUES (1)');
       console.log('writing');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
      file,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => writer.once('exit', resolve));
  await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
  const db = new Database(file);
  expect(() => db.pragma('journal_mode = WAL')).toThrow(/database is locked/);
  db.close();

  const stores = openStores(file);
  await stores.close();
  await exited;
  const opened = new Database(file, { readonly: true });
  expect(opened.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(schemaVersion(opened)).toBe(MIGRATIONS.length);
  opened.close();
});

test('GIVEN an error other than a locked file THEN opening does not retry it, and a lock that outlasts the wait is reported', () => {
  let calls = 0;
  const notBusy = () => {
    calls++;
    throw new Error('disk I/O error');
  };
  expect(() => retryWhileBusy(notBusy, 1_000, () => undefined)).toThrow('disk I/O error');
  expect(calls).toBe(1);

  const busy = new Database.SqliteError('database is locked', 'SQLITE_BUSY');
  let pauses = 0;
  const stillBusy = () => {
    throw busy;
  };
  expect(() => retryWhileBusy(stillBusy, 30, () => void pauses++)).toThrow(busy);
  expect(pauses).toBeGreaterThan(0);
});
