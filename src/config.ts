/**
 * Environment -> typed config, validated once at start. The only module that reads
 * `process.env`; everything else receives a `Config`.
 */
import { existsSync } from 'node:fs';

/** Bounds on `/article add`; 0 turns a bound off. The quota store (library/) applies them. */
export interface QuotaLimits {
  /** Articles one member may add in `memberWindowMs`. */
  memberMax: number;
  memberWindowMs: number;
  /** Articles one server may add in any 24 hours. */
  guildPerDay: number;
}

/** The bot's settings. Without a token the app runs the offline preview. */
export interface Config {
  /** Secret: never log it; pass messages through `redact`. */
  token: string | null;
  clientId: string | null;
  /** Deploy commands to this guild only (instant), instead of globally. */
  guildId: string | null;
  /** Discord REST base (the discord.js `rest.api` option); null means Discord's own. */
  apiUrl: string | null;
  /** BRIEFING_DB: the SQLite archive, used when `databaseUrl` is not set. */
  dbPath: string;
  /** DATABASE_URL: a `postgres://` URL selects PostgreSQL (shared by a fleet of processes) instead of SQLite. Secret: its password is never logged. */
  databaseUrl: string | null;
  articlesDir: string;
  /** BRIEFING_MAX_BYTES: the one size limit on an article, whatever its source. */
  maxBytes: number;
  /** How many articles members and servers may add with `/article add`. */
  quota: QuotaLimits;
  /** The most items a daily briefing shows; the rest are counted, not listed. */
  briefingMaxItems: number;
  /** The worker pool that reads articles off the event loop. */
  read: ReadLimits;
  /** BRIEFING_FOLLOWS_MAX: speakers one server may follow. */
  followsMax: number;
  /** BRIEFING_ALERTS_PER_HOUR: quote alerts one channel gets an hour; the rest go in one summary. */
  alertsPerHour: number;
  /** SHARDS and SHARD_COUNT: the gateway shards this process holds; null for all of them (one shard unless SHARD_COUNT says). */
  shards: ShardConfig | null;
  /** DISCORD_REQUESTS_PER_SECOND: Discord's global request limit, one budget for every process of the bot. */
  requestsPerSecond: number;
  /** SHARDING_MANAGER (set by discord.js's ShardingManager): a shard process of `start --shards`, stopped by its manager. */
  shardProcess: boolean;
}

/** The gateway shards of one process: `ids` of `count` in all (discord.js's `shards` and `shardCount`). */
export interface ShardConfig {
  ids: number[];
  count: number;
}

export interface ReadLimits {
  /** BRIEFING_READ_WORKERS: worker threads. */
  workers: number;
  /** BRIEFING_READ_TIMEOUT_MS: one article's time limit. */
  timeoutMs: number;
  /** BRIEFING_READ_MEMORY_MB: one worker's heap limit. */
  memoryMb: number;
}

export type ConfigResult = { ok: true; value: Config } | { ok: false; errors: string[] };

export const DEFAULT_DB_PATH = 'data/briefing.sqlite';
export const DEFAULT_ARTICLES_DIR = 'data/articles';
// Large enough for any news article, small enough that one upload cannot exhaust memory.
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
// Enough for a member sharing the day's news; 150 in a second (a flood) is refused
export const DEFAULT_QUOTA_MEMBER = 10;
export const DEFAULT_QUOTA_MEMBER_MINUTES = 10;
// A busy newsroom's day; far fewer than would push the real news out of a briefing for long
export const DEFAULT_QUOTA_GUILD_DAY = 100;
// Ten items read in a minute; more is a list nobody reads
export const DEFAULT_BRIEFING_MAX_ITEMS = 10;
// Five messages of ten embeds: a briefing beyond that is a flood in the channel
const BRIEFING_MAX_ITEMS_LIMIT = 50;
// A window longer than a week is a ban, not a quota
const QUOTA_WINDOW_MINUTES_MAX = 7 * 24 * 60;
const MINUTE_MS = 60_000;
// One worker leaves the other core of a small machine to the bot; each holds the engine (~100 MB)
export const DEFAULT_READ_WORKERS = 1;
// The engine reads a long article in well under a second; ten times the longest is still an answer
export const DEFAULT_READ_TIMEOUT_MS = 10_000;
// Reading a 2 MB article peaks far below this; a page that needs more is an attack
export const DEFAULT_READ_MEMORY_MB = 256;

// Discord shows 25 choices in a list; more follows than that is a feed, not a watch list
export const DEFAULT_FOLLOWS_MAX = 25;
// Ten alerts an hour is a busy news day; a flood of articles beyond that is one summary
export const DEFAULT_ALERTS_PER_HOUR = 10;
// Discord's global limit for a bot; larger bots are granted more by Discord, on request
export const DEFAULT_REQUESTS_PER_SECOND = 50;
// Discord requires a shard per 2,500 guilds; a count beyond this is a typo
const SHARD_COUNT_MAX = 100_000;

// Discord ids are snowflakes: 64-bit integers written in decimal, 17 to 20 digits today.
const SNOWFLAKE = /^\d{17,20}$/;
// Bot tokens are three dot-separated base64url parts; used to scrub text we did not build.
const TOKEN_SHAPE = /[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g;
const REDACTED = '[redacted]';

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; every problem is reported at once. */
export function loadConfig(env: Env = process.env): ConfigResult {
  const errors: string[] = [];
  const token = optional(env.DISCORD_TOKEN);
  const clientId = snowflake(env, 'DISCORD_CLIENT_ID', errors);
  const guildId = snowflake(env, 'DISCORD_GUILD_ID', errors);
  if (token && !clientId) errors.push('DISCORD_CLIENT_ID is required with DISCORD_TOKEN: copy the Application ID from the Discord developer portal.');
  const apiUrl = httpUrl(env, 'DISCORD_API_URL', errors);
  const databaseUrl = postgresUrl(env, 'DATABASE_URL', errors);
  const maxBytes = wholeNumber(env, 'BRIEFING_MAX_BYTES', { fallback: DEFAULT_MAX_BYTES, min: 1, unit: 'bytes' }, errors);
  const quota: QuotaLimits = {
    memberMax: wholeNumber(env, 'BRIEFING_QUOTA_MEMBER', { fallback: DEFAULT_QUOTA_MEMBER, min: 0, unit: 'articles (0 for no limit)' }, errors),
    memberWindowMs:
      MINUTE_MS * wholeNumber(env, 'BRIEFING_QUOTA_MEMBER_MINUTES', { fallback: DEFAULT_QUOTA_MEMBER_MINUTES, min: 1, max: QUOTA_WINDOW_MINUTES_MAX, unit: 'minutes' }, errors),
    guildPerDay: wholeNumber(env, 'BRIEFING_QUOTA_GUILD_DAY', { fallback: DEFAULT_QUOTA_GUILD_DAY, min: 0, unit: 'articles (0 for no limit)' }, errors),
  };
  const briefingMaxItems = wholeNumber(env, 'BRIEFING_MAX_ITEMS', { fallback: DEFAULT_BRIEFING_MAX_ITEMS, min: 1, max: BRIEFING_MAX_ITEMS_LIMIT, unit: 'items' }, errors);
  const read: ReadLimits = {
    workers: wholeNumber(env, 'BRIEFING_READ_WORKERS', { fallback: DEFAULT_READ_WORKERS, min: 1, unit: 'worker threads' }, errors),
    timeoutMs: wholeNumber(env, 'BRIEFING_READ_TIMEOUT_MS', { fallback: DEFAULT_READ_TIMEOUT_MS, min: 1, unit: 'milliseconds' }, errors),
    memoryMb: wholeNumber(env, 'BRIEFING_READ_MEMORY_MB', { fallback: DEFAULT_READ_MEMORY_MB, min: 1, unit: 'MB' }, errors),
  };
  const followsMax = wholeNumber(env, 'BRIEFING_FOLLOWS_MAX', { fallback: DEFAULT_FOLLOWS_MAX, min: 1, unit: 'follows' }, errors);
  const alertsPerHour = wholeNumber(env, 'BRIEFING_ALERTS_PER_HOUR', { fallback: DEFAULT_ALERTS_PER_HOUR, min: 1, unit: 'alerts' }, errors);
  const shards = shardConfig(env, errors);
  const requestsPerSecond = wholeNumber(env, 'DISCORD_REQUESTS_PER_SECOND', { fallback: DEFAULT_REQUESTS_PER_SECOND, min: 1, unit: 'requests a second' }, errors);
  // A token pasted into the wrong variable must not be echoed back in an error.
  if (errors.length > 0) return { ok: false, errors: errors.map((error) => redact(error, token)) };
  return {
    ok: true,
    value: {
      token,
      clientId,
      guildId,
      apiUrl,
      dbPath: optional(env.BRIEFING_DB) ?? DEFAULT_DB_PATH,
      databaseUrl,
      articlesDir: optional(env.BRIEFING_ARTICLES) ?? DEFAULT_ARTICLES_DIR,
      maxBytes,
      quota,
      briefingMaxItems,
      read,
      followsMax,
      alertsPerHour,
      shards,
      requestsPerSecond,
      shardProcess: optional(env.SHARDING_MANAGER) !== null,
    },
  };
}

/** Loads `path` into `process.env` when it exists; a missing file is normal. */
export function loadEnvFile(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}

/** Removes the token (and anything shaped like a bot token) from text meant for logs. */
export function redact(text: string, token: string | null | undefined): string {
  const scrubbed = token ? text.split(token).join(REDACTED) : text;
  return scrubbed.replace(TOKEN_SHAPE, REDACTED);
}

function optional(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function snowflake(env: Env, name: string, errors: string[]): string | null {
  const value = optional(env[name]);
  if (value !== null && !SNOWFLAKE.test(value)) errors.push(`${name} must be a Discord id (17 to 20 digits), got "${value}".`);
  return value;
}

function httpUrl(env: Env, name: string, errors: string[]): string | null {
  const value = optional(env[name]);
  if (value === null) return null;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    errors.push(`${name} must be an http(s) URL such as https://discord.com/api, got "${value}".`);
    return null;
  }
  // discord.js appends "/v10/..." itself.
  return value.replace(/\/+$/, '');
}

/**
 * SHARDS (a shard id or a JSON array of them, as discord.js reads it: `0`, `[0,1]`) and
 * SHARD_COUNT (the total over every process). SHARD_COUNT alone: this process holds them all.
 */
function shardConfig(env: Env, errors: string[]): ShardConfig | null {
  const shardsText = optional(env.SHARDS);
  if (shardsText === null && optional(env.SHARD_COUNT) === null) return null;
  const count = wholeNumber(env, 'SHARD_COUNT', { fallback: 0, min: 1, max: SHARD_COUNT_MAX, unit: 'shards' }, errors);
  if (count === 0) {
    if (optional(env.SHARD_COUNT) === null) errors.push(`SHARD_COUNT is required with SHARDS: the number of shards over every process (SHARDS=${shardsText} of how many?).`);
    return null;
  }
  if (shardsText === null) return { ids: Array.from({ length: count }, (_, i) => i), count };
  const ids = shardIds(shardsText);
  if (!ids || ids.some((id) => id >= count)) {
    errors.push(`SHARDS must be a shard id or a JSON array of them (such as 0 or [0,1]), each from 0 to SHARD_COUNT - 1 (${count - 1}), got "${shardsText}".`);
    return null;
  }
  return { ids, count };
}

/** `0` or `[0,1]` as ids, distinct and in order; null when it is neither. */
function shardIds(text: string): number[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const list = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  if (list.length === 0 || !list.every((id): id is number => Number.isSafeInteger(id) && (id as number) >= 0)) return null;
  return [...new Set(list)].sort((a, b) => a - b);
}

/** A PostgreSQL connection URL; the error never repeats the value, which holds a password. */
function postgresUrl(env: Env, name: string, errors: string[]): string | null {
  const value = optional(env[name]);
  if (value === null) return null;
  if (!URL.canParse(value) || !/^postgres(ql)?:$/.test(new URL(value).protocol)) {
    errors.push(`${name} must be a PostgreSQL URL such as postgres://briefing:password@localhost:5432/briefing (or empty for the SQLite file at BRIEFING_DB).`);
    return null;
  }
  return value;
}

interface NumberRule {
  fallback: number;
  min: number;
  max?: number;
  /** What the number counts, for the error: "bytes", "minutes". */
  unit: string;
}

function wholeNumber(env: Env, name: string, rule: NumberRule, errors: string[]): number {
  const value = optional(env[name]);
  if (value === null) return rule.fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(parsed) || parsed < rule.min || parsed > max) {
    const range = rule.max === undefined ? `${rule.min} or more` : `from ${rule.min} to ${rule.max}`;
    errors.push(`${name} must be a whole number of ${rule.unit}, ${range}, got "${value}".`);
    return rule.fallback;
  }
  return parsed;
}
