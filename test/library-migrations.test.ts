import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Reading } from '../src/article/types.js';
import { MIGRATIONS, SchemaVersionError, migrate, schemaVersion } from '../src/library/migrations.js';
import { LibraryOpenError, openStores } from '../src/library/open-stores.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-library-'));
  file = join(dir, 'library.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quote = { text: 'I hope', kind: 'direct' as const, start: 1, end: 7, outerStart: 0, outerEnd: 8, continued: false, speaker: { id: 'vladimir-putin', name: 'Vladimir Putin', mention: null } };
const reading: Reading = {
  title: 'Sochi', date: '2018-09-17', headline: 'Sochi', summary: ['One.'], quotes: [quote],
  speakers: [{ id: 'vladimir-putin', name: 'Vladimir Putin', aliases: ['Putin'], roles: [], type: 'person' }],
  facts: { people: [], places: [], organizations: [], dates: [], numbers: [], key: [] },
};
const settings = { guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Istanbul', roleId: null, postWhenEmpty: false, enabled: true };

test('GIVEN an empty file THEN every migration is applied and user_version records them', () => {
  openStores(file).close();
  const db = new Database(file, { readonly: true });
  expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
  expect(tables).toEqual(expect.arrayContaining(['articles', 'readings', 'speakers', 'speaker_aliases', 'quotes', 'quotes_fts', 'guild_settings', 'deliveries']));
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});

test('GIVEN a file at an older schema version THEN opening applies only the missing steps and keeps the data', () => {
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 1));
  old.prepare("INSERT INTO articles (source, title, date, text, hash, added_at) VALUES ('old.txt', 'Old', NULL, 'old text', 'abc', 1)").run();
  old.close();

  const db = new Database(file);
  expect(migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
  expect(migrate(db)).toEqual([]);
  db.close();

  const stores = openStores(file);
  expect(stores.articles.findBySource('old.txt')?.title).toBe('Old');
  stores.close();
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

test('GIVEN a library closed and reopened THEN articles, readings, speakers, settings, deliveries and quota slots survive', () => {
  const first = openStores(file);
  for (let i = 0; i < 3; i++) first.quotas.claim(addition(1_000));
  const { article } = first.articles.saveArticle({ source: 'a.txt', text: 'Sochi text', title: 'Sochi', date: '2018-09-17' }, reading);
  first.guilds.saveGuildSettings(settings);
  first.deliveries.beginDelivery('g1', '2018-09-17', [article.id]);
  first.close();

  const again = openStores(file);
  expect(again.articles.getArticle(article.id)).toEqual(article);
  expect(again.articles.getReading(article.id)).toEqual(reading);
  expect(again.speakers.quotesBySpeaker('vladimir-putin').total).toBe(1);
  expect(again.speakers.findSpeakers('putin').matches.map((s) => s.name)).toEqual(['Vladimir Putin']);
  expect(again.articles.listArticles({ search: 'sochi' }).total).toBe(1);
  expect(again.guilds.getGuildSettings('g1')).toEqual(settings);
  expect(again.deliveries.beginDelivery('g1', '2018-09-17', [])).toBe(false);
  expect(again.quotas.claim(addition(2_000))).toMatchObject({ ok: false, scope: 'member', retryAt: 601_000 });
  again.close();
});

test('GIVEN a path in a folder that does not exist yet THEN the folder is created', () => {
  const nested = join(dir, 'data', 'briefing.sqlite');
  openStores(nested).close();
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
  old.prepare("INSERT INTO articles_fts (rowid, title, text) VALUES (1, 'Sochi', 'Putin said in Sochi'), (2, 'Idlib', 'Putin spoke of Idlib'), (3, 'Note', 'An undated note')").run();
  old.prepare(`INSERT INTO speakers (id, name, aliases, roles, search_key, surname, quote_count)
    VALUES ('vladimir-putin', 'Vladimir Putin', '["Putin"]', '["Russian president"]', 'vladimir putin', 'putin', 2)`).run();
  old.prepare("INSERT INTO speaker_aliases (key, speaker_id) VALUES ('vladimir putin', 'vladimir-putin'), ('putin', 'vladimir-putin')").run();
  for (const term of ['vladimir putin', 'putin', 'russian president', 'president']) old.prepare("INSERT INTO speaker_terms (term, speaker_id) VALUES (?, 'vladimir-putin')").run(term);
  const insertQuote = old.prepare(`INSERT INTO quotes (id, article_id, position, text, kind, start, end, outer_start, outer_end, continued, speaker_id)
    VALUES (?, ?, 0, ?, 'direct', 0, 1, 0, 1, 0, 'vladimir-putin')`);
  insertQuote.run(1, 1, 'I hope');
  insertQuote.run(2, 2, 'We agreed');
  old.prepare("INSERT INTO quotes_fts (rowid, text, speaker) VALUES (1, 'I hope', 'Vladimir Putin'), (2, 'We agreed', 'Vladimir Putin')").run();
  old.close();
}

test('GIVEN an archive written before migration 5 THEN it upgrades without loss and every command path answers from it', () => {
  writeVersion4Archive(file);
  const stores = openStores(file);
  try {
    expect(stores.articles.listArticles().items.map((a) => a.title)).toEqual(['Note', 'Idlib', 'Sochi']);
    expect(stores.articles.listArticles().total).toBe(3);
    expect(stores.articles.latestArticle()?.title).toBe('Note');
    expect(stores.articles.listArticles({ search: 'idlib' }).items.map((a) => a.id)).toEqual([2]);
    expect(stores.articles.getReading(1)).toEqual(reading);
    expect(stores.speakers.quotesBySpeaker('vladimir-putin').items.map((q) => q.quote.text)).toEqual(['We agreed', 'I hope']);
    expect(stores.speakers.quotesBySpeaker('vladimir-putin').total).toBe(2);
    for (const prefix of ['v', 'pu', 'rus', 'presid']) expect(stores.speakers.suggestSpeakers(prefix).map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(stores.speakers.findSpeakers('Puttin').suggestions.map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(stores.speakers.findSpeakers('Xputin').suggestions.map((s) => s.name)).toEqual(['Vladimir Putin']);
    // Saving after the upgrade keeps the counts and the buckets in step
    stores.articles.saveArticle({ source: 'new.txt', text: 'Putin again', title: 'New', date: null }, reading);
    expect(stores.articles.listArticles().total).toBe(4);
    expect(stores.speakers.suggestSpeakers('pu').map((s) => s.quoteCount)).toEqual([3]);
  } finally {
    stores.close();
  }
});

test('GIVEN an archive written before migration 6 (quotas) THEN it upgrades without loss and starts with no additions counted', () => {
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 5));
  old.prepare("INSERT INTO articles (id, source, title, date, text, hash, added_at) VALUES (1, 'sochi.txt', 'Sochi', '2018-09-17', 'Putin said in Sochi', 'h1', 100)").run();
  old.prepare('INSERT INTO readings (article_id, json) VALUES (1, ?)').run(JSON.stringify(reading));
  old.prepare("INSERT INTO articles_fts (rowid, title, text) VALUES (1, 'Sochi', 'Putin said in Sochi')").run();
  old.prepare(`INSERT INTO guild_settings (guild_id, channel_id, time, timezone, role_id, post_when_empty, enabled)
    VALUES ('g1', 'c1', '08:00', 'Europe/Istanbul', NULL, 0, 1)`).run();
  old.prepare("INSERT INTO deliveries (guild_id, local_date, status, updated_at) VALUES ('g1', '2018-09-17', 'sent', 5)").run();
  old.prepare("INSERT INTO feeds (guild_id, url, next_poll_at, added_at) VALUES ('g1', 'https://courier.example/feed.xml', 10, 10)").run();
  expect(schemaVersion(old)).toBe(5);
  old.close();

  const stores = openStores(file);
  try {
    expect(stores.articles.listArticles().items.map((a) => a.title)).toEqual(['Sochi']);
    expect(stores.articles.listArticles().total).toBe(1);
    expect(stores.articles.listArticles({ search: 'sochi' }).total).toBe(1);
    expect(stores.articles.getReading(1)).toEqual(reading);
    expect(stores.guilds.getGuildSettings('g1')).toEqual(settings);
    expect(stores.deliveries.getDelivery('g1', '2018-09-17')?.status).toBe('sent');
    expect(stores.feeds.listFeeds('g1').map((f) => f.url)).toEqual(['https://courier.example/feed.xml']);
    for (let i = 0; i < 3; i++) expect(stores.quotas.claim(addition(1_000)).ok).toBe(true);
    expect(stores.quotas.claim(addition(1_000)).ok).toBe(false);
  } finally {
    stores.close();
  }
  const db = new Database(file, { readonly: true });
  expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  db.close();
});

test('GIVEN a file from before follows THEN opening adds follows, alerts and filters and keeps its feeds and articles', () => {
  const old = new Database(file);
  const before = MIGRATIONS.findIndex((m) => m.name === 'follows, quote alerts and filters');
  migrate(old, MIGRATIONS.slice(0, before));
  old.prepare("INSERT INTO articles (source, title, date, text, hash, added_at) VALUES ('old.txt', 'Old', NULL, 'old text', 'abc', 1)").run();
  old.prepare("INSERT INTO feeds (guild_id, url, next_poll_at, added_at) VALUES ('g1', 'https://a.example/feed', 1, 1)").run();
  old.close();

  const stores = openStores(file);
  expect(stores.articles.findBySource('old.txt')?.title).toBe('Old');
  expect(stores.feeds.listFeeds('g1').map((f) => f.url)).toEqual(['https://a.example/feed']);
  expect(stores.follows.addFollow({ guildId: 'g1', name: 'Putin', channelId: 'c1', roleId: null, now: 2 })?.name).toBe('Putin');
  stores.filters.setFilter('g1', 'briefing', { keywords: ['Idlib'], speakers: [] });
  expect(stores.filters.getFilter('g1', 'briefing').keywords).toEqual(['Idlib']);
  stores.close();
});
