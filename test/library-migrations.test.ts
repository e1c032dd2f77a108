import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Reading } from '../src/article/types.js';
import { MIGRATIONS, SchemaVersionError, migrate, schemaVersion } from '../src/library/migrations.js';
import { LibraryOpenError, openLibrary } from '../src/library/sqlite.js';

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
  openLibrary(file).close();
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

  const library = openLibrary(file);
  expect(library.findBySource('old.txt')?.title).toBe('Old');
  library.close();
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
  expect(() => openLibrary(file)).toThrow(SchemaVersionError);
});

test('GIVEN a library closed and reopened THEN articles, readings, speakers, settings and deliveries survive', () => {
  const first = openLibrary(file);
  const { article } = first.saveArticle({ source: 'a.txt', text: 'Sochi text', title: 'Sochi', date: '2018-09-17' }, reading);
  first.saveGuildSettings(settings);
  first.beginDelivery('g1', '2018-09-17', [article.id]);
  first.close();

  const again = openLibrary(file);
  expect(again.getArticle(article.id)).toEqual(article);
  expect(again.getReading(article.id)).toEqual(reading);
  expect(again.quotesBySpeaker('vladimir-putin').total).toBe(1);
  expect(again.findSpeakers('putin').matches.map((s) => s.name)).toEqual(['Vladimir Putin']);
  expect(again.listArticles({ search: 'sochi' }).total).toBe(1);
  expect(again.getGuildSettings('g1')).toEqual(settings);
  expect(again.beginDelivery('g1', '2018-09-17', [])).toBe(false);
  again.close();
});

test('GIVEN a path in a folder that does not exist yet THEN the folder is created', () => {
  const nested = join(dir, 'data', 'briefing.sqlite');
  openLibrary(nested).close();
  expect(existsSync(nested)).toBe(true);
});

test('GIVEN a file that is not a database THEN opening fails with the path in the message', () => {
  writeFileSync(file, 'not a database, just text '.repeat(100));
  expect(() => openLibrary(file)).toThrow(LibraryOpenError);
  expect(() => openLibrary(file)).toThrow(file);
});
