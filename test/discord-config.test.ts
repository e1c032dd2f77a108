import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ALERTS_PER_HOUR, DEFAULT_BRIEFING_MAX_ITEMS, DEFAULT_FOLLOWS_MAX, DEFAULT_MAX_BYTES, loadConfig, loadEnvFile, redact } from '../src/config.js';

const DEFAULT_QUOTA = { memberMax: 10, memberWindowMs: 10 * 60_000, guildPerDay: 100 };

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('loadConfig', () => {
  test('GIVEN an empty environment THEN it is the offline preview with the defaults', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      value: {
        token: null,
        clientId: null,
        guildId: null,
        apiUrl: null,
        dbPath: 'data/briefing.sqlite',
        databaseUrl: null,
        articlesDir: 'data/articles',
        maxBytes: DEFAULT_MAX_BYTES,
        quota: DEFAULT_QUOTA,
        briefingMaxItems: DEFAULT_BRIEFING_MAX_ITEMS,
        read: { workers: 1, timeoutMs: 10_000, memoryMb: 256 },
        followsMax: DEFAULT_FOLLOWS_MAX,
        alertsPerHour: DEFAULT_ALERTS_PER_HOUR,
        shards: null,
        requestsPerSecond: 50,
        shardProcess: false,
      },
    });
    expect(DEFAULT_MAX_BYTES).toBe(2 * 1024 * 1024);
  });

  test('GIVEN every variable THEN each lands in its typed field', () => {
    const result = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: '100000000000000001',
      DISCORD_GUILD_ID: '300000000000000003',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      BRIEFING_DB: '/tmp/b.sqlite',
      DATABASE_URL: 'postgres://briefing:pw@db.internal:5432/briefing',
      BRIEFING_ARTICLES: '/tmp/articles',
      BRIEFING_MAX_BYTES: '1000',
      BRIEFING_QUOTA_MEMBER: '3',
      BRIEFING_QUOTA_MEMBER_MINUTES: '60',
      BRIEFING_QUOTA_GUILD_DAY: '0',
      BRIEFING_MAX_ITEMS: '5',
      BRIEFING_READ_WORKERS: '2',
      BRIEFING_READ_TIMEOUT_MS: '5000',
      BRIEFING_READ_MEMORY_MB: '128',
      BRIEFING_FOLLOWS_MAX: '5',
      BRIEFING_ALERTS_PER_HOUR: '3',
      SHARDS: '[2,0]',
      SHARD_COUNT: '3',
      DISCORD_REQUESTS_PER_SECOND: '500',
      SHARDING_MANAGER: 'true',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        token: TOKEN,
        clientId: '100000000000000001',
        guildId: '300000000000000003',
        apiUrl: 'http://127.0.0.1:9999/api',
        dbPath: '/tmp/b.sqlite',
        databaseUrl: 'postgres://briefing:pw@db.internal:5432/briefing',
        articlesDir: '/tmp/articles',
        maxBytes: 1000,
        quota: { memberMax: 3, memberWindowMs: 60 * 60_000, guildPerDay: 0 },
        briefingMaxItems: 5,
        read: { workers: 2, timeoutMs: 5000, memoryMb: 128 },
        followsMax: 5,
        alertsPerHour: 3,
        shards: { ids: [0, 2], count: 3 },
        requestsPerSecond: 500,
        shardProcess: true,
      },
    });
  });

  test('GIVEN a DATABASE_URL that is not PostgreSQL THEN it is refused without repeating the value, which may hold a password', () => {
    for (const url of ['mysql://root:hunter2@db/briefing', 'hunter2', 'data/briefing.sqlite']) {
      const result = loadConfig({ DATABASE_URL: url });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.errors).toEqual([expect.stringMatching(/^DATABASE_URL must be a PostgreSQL URL/)]);
      expect(result.errors.join('\n')).not.toContain('hunter2');
    }
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/briefing' })).toMatchObject({ ok: true, value: { databaseUrl: 'postgresql://localhost/briefing' } });
    expect(loadConfig({ DATABASE_URL: '  ' })).toMatchObject({ ok: true, value: { databaseUrl: null } });
  });

  test('GIVEN several bad values THEN every error is listed at once and none shows the token', () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'my-server', DISCORD_API_URL: 'ftp://x', BRIEFING_MAX_BYTES: '-3' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(4);
    for (const name of ['DISCORD_GUILD_ID', 'DISCORD_CLIENT_ID', 'DISCORD_API_URL', 'BRIEFING_MAX_BYTES']) {
      expect(result.errors.some((error) => error.startsWith(name))).toBe(true);
    }
    expect(result.errors.join('\n')).not.toContain(TOKEN);
  });

  test.each([
    ['BRIEFING_QUOTA_MEMBER', '-1', 'BRIEFING_QUOTA_MEMBER must be a whole number of articles (0 for no limit), 0 or more, got "-1".'],
    ['BRIEFING_QUOTA_MEMBER_MINUTES', '0', 'BRIEFING_QUOTA_MEMBER_MINUTES must be a whole number of minutes, from 1 to 10080, got "0".'],
    ['BRIEFING_QUOTA_GUILD_DAY', 'lots', 'BRIEFING_QUOTA_GUILD_DAY must be a whole number of articles (0 for no limit), 0 or more, got "lots".'],
    ['BRIEFING_MAX_ITEMS', '500', 'BRIEFING_MAX_ITEMS must be a whole number of items, from 1 to 50, got "500".'],
    ['BRIEFING_READ_WORKERS', '0', 'BRIEFING_READ_WORKERS must be a whole number of worker threads, 1 or more, got "0".'],
    ['BRIEFING_READ_TIMEOUT_MS', 'soon', 'BRIEFING_READ_TIMEOUT_MS must be a whole number of milliseconds, 1 or more, got "soon".'],
    ['BRIEFING_READ_MEMORY_MB', '1.5', 'BRIEFING_READ_MEMORY_MB must be a whole number of MB, 1 or more, got "1.5".'],
    ['BRIEFING_FOLLOWS_MAX', '0', 'BRIEFING_FOLLOWS_MAX must be a whole number of follows, 1 or more, got "0".'],
    ['BRIEFING_ALERTS_PER_HOUR', 'ten', 'BRIEFING_ALERTS_PER_HOUR must be a whole number of alerts, 1 or more, got "ten".'],
    ['BRIEFING_MAX_ITEMS', '2.5', 'BRIEFING_MAX_ITEMS must be a whole number of items, from 1 to 50, got "2.5".'],
    ['DISCORD_REQUESTS_PER_SECOND', '0', 'DISCORD_REQUESTS_PER_SECOND must be a whole number of requests a second, 1 or more, got "0".'],
    ['SHARDS', '1', 'SHARD_COUNT is required with SHARDS: the number of shards over every process (SHARDS=1 of how many?).'],
    ['SHARD_COUNT', '0', 'SHARD_COUNT must be a whole number of shards, from 1 to 100000, got "0".'],
  ])('GIVEN %s=%s THEN the error says what is allowed', (name, value, error) => {
    expect(loadConfig({ [name]: value })).toEqual({ ok: false, errors: [error] });
  });

  test.each([
    [
      { SHARDS: '1', SHARD_COUNT: '3' },
      { ids: [1], count: 3 },
    ],
    [
      { SHARDS: '[0, 1]', SHARD_COUNT: '2' },
      { ids: [0, 1], count: 2 },
    ],
    // What the ShardingManager sets in each process it spawns
    [
      { SHARDS: '4', SHARD_COUNT: '5' },
      { ids: [4], count: 5 },
    ],
    [{ SHARD_COUNT: '2' }, { ids: [0, 1], count: 2 }],
  ])('GIVEN %j THEN the process holds those shards', (env, shards) => {
    const result = loadConfig(env);
    expect(result.ok && result.value.shards).toEqual(shards);
  });

  test.each(['3', '[0,3]', 'auto', '0,1', '[]', '[-1]', '[1.5]'])('GIVEN SHARDS=%s of 3 THEN the error says what is allowed', (value) => {
    expect(loadConfig({ SHARDS: value, SHARD_COUNT: '3' })).toEqual({
      ok: false,
      errors: [`SHARDS must be a shard id or a JSON array of them (such as 0 or [0,1]), each from 0 to SHARD_COUNT - 1 (2), got "${value}".`],
    });
  });

  test('GIVEN the token pasted into another variable THEN the error does not echo it', () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: TOKEN });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).not.toContain(TOKEN);
  });
});

describe('redact', () => {
  test('GIVEN a message holding the token THEN the token is replaced', () => {
    expect(redact(`401 for Bot ${TOKEN}`, TOKEN)).toBe('401 for Bot [redacted]');
  });

  test('GIVEN a token-shaped string that is not ours THEN it is scrubbed too', () => {
    expect(redact(`leaked ${TOKEN}`, null)).toBe('leaked [redacted]');
  });
});

describe('loadEnvFile', () => {
  test('GIVEN no .env file THEN nothing fails', () => {
    expect(loadEnvFile(join(mkdtempSync(join(tmpdir(), 'briefing-')), '.env'))).toBe(false);
  });

  test('GIVEN a .env file THEN its variables reach the environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'briefing-')), '.env');
    writeFileSync(file, 'BRIEFING_TEST_ONLY_VARIABLE=from-dotenv\n');
    expect(loadEnvFile(file)).toBe(true);
    expect(loadConfig().ok).toBe(true);
    expect(process.env.BRIEFING_TEST_ONLY_VARIABLE).toBe('from-dotenv');
    delete process.env.BRIEFING_TEST_ONLY_VARIABLE;
  });
});
