/**
 * The bot as a process of its own (`briefing start` through `bot-process.ts`), against a fake
 * Discord in the test process, on a SQLite file the test also opens: so a test can kill it
 * with SIGKILL or SIGTERM at any moment and start another on the same file.
 */
import { SHARED } from '../../src/ingest/destination.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localTime } from '../../src/briefing/local-time.js';
import { openStoresFor } from '../../src/library/open-stores-for.js';
import { isStorageTransient } from '../../src/library/storage-errors.js';
import type { Stores } from '../../src/library/types.js';
import type { DeliveryOptions } from '../../src/main.js';
import { parseBriefingMarker } from '../../src/discord/render-briefing.js';
import type { FakeDiscord } from '../fake-discord/fake-discord.js';
import { TEST_TOKEN } from '../fake-discord/harness.js';
import { distinctStoryReading } from '../fake-discord/readings.js';

// The TypeScript sources, also when this file runs compiled (the benches run from dist/)
const here = dirname(fileURLToPath(import.meta.url)).replace(/([/\\])dist([/\\]test[/\\]fault)$/, '$2');
const CLIENT_ID = '100000000000000001';
// Leases and sweeps in real time, short: a killed owner's job is free a second later
export const FAST_DELIVERY: DeliveryOptions = { leaseMs: 1_000, heartbeatMs: 300, retryBaseMs: 200, retryMaxMs: 1_000, sweepMs: 300, drainMs: 5_000 };
// Enough articles for a briefing of three messages (ten embeds each at most)
export const ARTICLES = 25;
export const PARTS = 3;

export interface ChildBot {
  process: ChildProcess;
  /** Everything it logged so far. */
  log(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A scratch folder with the library file (or a PostgreSQL database) and an empty articles folder. */
export interface Workspace {
  dir: string;
  dbPath: string;
  /** The library on PostgreSQL instead of the file (DATABASE_URL). */
  databaseUrl: string | null;
  articlesDir: string;
  cleanup(): void;
}

export function workspace(databaseUrl: string | null = null): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-fault-'));
  const articlesDir = join(dir, 'articles');
  mkdirSync(articlesDir);
  return { dir, dbPath: join(dir, 'library.sqlite'), databaseUrl, articlesDir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What else a child bot is started with. */
export interface ChildBotOptions {
  /** More environment: SHARDS and SHARD_COUNT, DATABASE_URL. */
  env?: Record<string, string>;
  /** The CLI's arguments; `start` by default. */
  args?: string[];
  /** What its log says once it is up; `Logged in as` by default. */
  readyWhen?: string;
  /** How long it may take to say so: 30 s by default. */
  readyTimeoutMs?: number;
}

/** Starts `briefing start` in a child process; resolves once it has logged in. */
export async function startChildBot(fake: FakeDiscord, space: Workspace, delivery: DeliveryOptions = FAST_DELIVERY, options: ChildBotOptions = {}): Promise<ChildBot> {
  const env = {
    PATH: process.env.PATH ?? '',
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: CLIENT_ID,
    DISCORD_API_URL: fake.apiUrl,
    BRIEFING_DB: space.dbPath,
    ...(space.databaseUrl ? { DATABASE_URL: space.databaseUrl } : {}),
    BRIEFING_ARTICLES: space.articlesDir,
    BRIEFING_TEST_DELIVERY: JSON.stringify(delivery),
    // Every seeded story in the briefing, so it spans three messages
    BRIEFING_MAX_ITEMS: String(ARTICLES),
    ...options.env,
  };
  const script = [process.execPath, '--import', join(here, 'register-ts.mjs'), join(here, 'bot-process.ts'), ...(options.args ?? [])];
  const child = spawn(script[0]!, script.slice(1), { env, cwd: space.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const bot = { process: child, log: () => output, exited };
  const ready = options.readyWhen ?? 'Logged in as';
  await until(() => output.includes(ready) || child.exitCode !== null, 'the child bot to log in', options.readyTimeoutMs ?? 30_000).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}; its log:\n${output}`);
  });
  if (!output.includes(ready)) throw new Error(`the child bot did not start:\n${output}`);
  return bot;
}

export async function until(check: () => boolean, what: string, timeoutMs = 15_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Runs `work` on the library, again when the child holds the write lock for a moment. */
export async function withLibrary<T>(space: Workspace, work: (stores: Stores) => Promise<T> | T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const stores = await openStoresFor(space);
    try {
      return await work(stores);
    } catch (error) {
      if (!isStorageTransient(error) || attempt > 50) throw error;
    } finally {
      await stores.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Saves `ARTICLES` distinct articles, added now. */
export async function seedArticles(stores: Stores): Promise<void> {
  for (let i = 0; i < ARTICLES; i++) {
    await stores.articles.saveArticle(
      { source: `wire-${i}.txt`, url: `https://example.com/${i}`, text: `Erdogan said Idlib… (${i})`, title: `Idlib, part ${i}`, date: null },
      distinctStoryReading(i),
      SHARED,
    );
  }
}

/** An IANA zone where it is around noon now, so a briefing due at 00:00 is due, and its day lasts hours yet. */
export function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export interface FaultGuild {
  guildId: string;
  channelId: string;
  timezone: string;
  /** The local date its briefing is for. */
  day: string;
}

/** Guild `n` (and its channel), set up with a briefing that is due now. */
export function dueGuild(n: number, now = new Date()): FaultGuild {
  const timezone = noonZone(now);
  return { guildId: String(710000000000000000n + BigInt(n)), channelId: String(810000000000000000n + BigInt(n)), timezone, day: localTime(now, timezone).date };
}

export async function saveGuilds(stores: Stores, guilds: FaultGuild[]): Promise<void> {
  for (const g of guilds)
    await stores.guilds.saveGuildSettings({ guildId: g.guildId, channelId: g.channelId, time: '00:00', timezone: g.timezone, roleId: null, postWhenEmpty: false, enabled: true });
}

/** Per part number, how many messages in the channel are that part of the guild's briefing. */
export function partCounts(fake: FakeDiscord, guild: FaultGuild): Map<number, number> {
  const counts = new Map<number, number>();
  for (const message of fake.messagesIn(guild.channelId) as { author: { id: string }; embeds: { footer?: { text: string } }[] }[]) {
    if (message.author.id !== fake.ids.botUserId) continue;
    const marker = message.embeds.map((e) => parseBriefingMarker(e.footer?.text ?? '')).find((m) => m?.key === guild.day);
    if (marker) counts.set(marker.part, (counts.get(marker.part) ?? 0) + 1);
  }
  return counts;
}
