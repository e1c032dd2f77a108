/**
 * The composition root for the bot: config, stores and clock in; a logged-in client that
 * routes interactions out. Signals are the caller's business (the CLI); `stop()` is ours.
 */
import { mkdirSync } from 'node:fs';
import { Events, type Client } from 'discord.js';
import { commands as allCommands } from '../commands/index.js';
import { createAlertService, type AlertService } from './briefing/alerts.js';
import { createBriefingService } from './briefing/briefing-service.js';
import { createDeliverer, processOwner, type Deliverer, type DeliveryTimings } from './briefing/deliver.js';
import { startScheduler } from './briefing/scheduler.js';
import { SettingsEvents } from './briefing/settings-events.js';
import type { Clock } from './clock.js';
import {
  DEFAULT_ALERTS_PER_HOUR,
  DEFAULT_BRIEFING_MAX_ITEMS,
  DEFAULT_FOLLOWS_MAX,
  DEFAULT_MAX_BYTES,
  DEFAULT_QUOTA_GUILD_DAY,
  DEFAULT_QUOTA_MEMBER,
  DEFAULT_QUOTA_MEMBER_MINUTES,
  DEFAULT_REQUESTS_PER_SECOND,
  redact,
  type Config,
} from './config.js';
import { createClient } from './discord/client.js';
import { deployCommands } from './discord/deploy.js';
import type { CommandLimits, SlashCommand } from './discord/command.js';
import { createAlertPoster } from './discord/post-alert.js';
import { createBriefingPoster } from './discord/post-briefing.js';
import { fleetRequestBudget } from './discord/request-budget.js';
import { createRouter } from './discord/router.js';
import { feedAnnouncer } from './discord/announce-feed.js';
import { createInThreadReader } from './ingest/article-reader.js';
import { startFeedPoller } from './ingest/feed-poller.js';
import { importFolder, watchFolder, type FolderWatcher } from './ingest/folder.js';
import { createIngestService, type IngestService } from './ingest/ingest-service.js';
import { notifyCreated } from './ingest/notify-created.js';
import { createReadPool } from './ingest/read-pool.js';
import type { SafeFetchOptions } from './ingest/safe-fetch.js';
import { describeArchive, openStoresFor } from './library/open-stores-for.js';
import { startSearchUpkeep } from './library/search-upkeep.js';
import type { Stores } from './library/types.js';
import type { Logger } from './logger.js';

export interface BotOptions {
  /** Without `shards`, shard 0 of 1; without `requestsPerSecond`, Discord's default limit. */
  config: Pick<Config, 'token' | 'apiUrl'> & Partial<Pick<Config, 'shards' | 'requestsPerSecond'>>;
  stores: Stores;
  /** `/article add` quotas; the config's defaults when absent. */
  limits?: CommandLimits;
  /** The most items a briefing shows (BRIEFING_MAX_ITEMS); the config's default when absent. */
  briefingMaxItems?: number;
  /** Quote alerts a channel gets an hour (BRIEFING_ALERTS_PER_HOUR); the config's default when absent. */
  alertsPerHour?: number;
  /**
   * What `/article add` and `/feed add` ingest through. `runBot` passes one backed by the
   * worker pool; without it, articles are read in this thread (tests of other commands).
   */
  ingest?: IngestService;
  clock: Clock;
  log: Logger;
  /** Defaults to every command in `commands/index.ts`. */
  commands?: readonly SlashCommand[];
  /** When the router defers a slow command; tests shorten it. */
  deferAfterMs?: number;
  /** Where `/briefing setup` and `off` announce changes; `runBot`'s scheduler listens on the same. */
  events?: SettingsEvents;
  /** Leases and retries of deliveries; tests shorten them. */
  delivery?: Partial<DeliveryTimings>;
}

/** The limits when the config gives none (the defaults of `loadConfig`). */
export const DEFAULT_LIMITS: CommandLimits = {
  quota: { memberMax: DEFAULT_QUOTA_MEMBER, memberWindowMs: DEFAULT_QUOTA_MEMBER_MINUTES * 60_000, guildPerDay: DEFAULT_QUOTA_GUILD_DAY },
  followsMax: DEFAULT_FOLLOWS_MAX,
};

/** Logging in failed: a refused token, an unreachable Discord. The message holds no token. */
export class BotLoginError extends Error {
  override readonly name = 'BotLoginError';
}

export interface Bot {
  client: Client;
  /** Posts briefings on this client; `/briefing now` and the scheduler share it, and its claims. */
  deliverer: Deliverer;
  /** Quote alerts on this client; it resumes what a previous run left pending once logged in. */
  alerts: AlertService;
  /** The ingest the commands use: every article it creates is checked for quote alerts. */
  ingest: IngestService;
  /** Logs out and closes the gateway; safe to call twice. */
  stop(): Promise<void>;
}

/** The stores every command and the scheduler are given; the quotas go to the commands alone. */
function storesOf(stores: Stores): Omit<Stores, 'close' | 'quotas' | 'fleet' | 'tidySearch'> {
  const { articles, speakers, guilds, deliveries, feeds, follows, filters, visibility } = stores;
  return { articles, speakers, guilds, deliveries, feeds, follows, filters, visibility };
}

/** Logs in and resolves once the client is ready to answer interactions. */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, log } = options;
  if (!config.token) throw new Error('startBot needs DISCORD_TOKEN; without it run the offline preview.');
  // Every REST call waits for its slot in the fleet's one budget, shared through the database
  const budget = fleetRequestBudget({ store: options.stores.fleet, perSecond: config.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND, log });
  const client = createClient({ token: config.token, apiUrl: config.apiUrl, shards: config.shards, budget });
  const { clock } = options;
  const stores = storesOf(options.stores);
  // One lease owner for the process: its deliveries and its alerts
  const owner = processOwner(process.pid);
  const deliverer = createDeliverer({
    poster: createBriefingPoster(client),
    stores,
    clock,
    log,
    owner,
    timings: options.delivery,
    maxItems: options.briefingMaxItems ?? DEFAULT_BRIEFING_MAX_ITEMS,
  });
  const briefings = createBriefingService({ deliverer, events: options.events ?? new SettingsEvents(), stores, clock });
  const alerts = createAlertService({
    follows: stores.follows,
    visibility: stores.visibility,
    articles: stores.articles,
    poster: createAlertPoster(client),
    clock,
    log,
    perHour: options.alertsPerHour ?? DEFAULT_ALERTS_PER_HOUR,
    owner,
    timings: options.delivery,
  });
  const plain = options.ingest ?? createIngestService({ sink: stores.articles, reader: createInThreadReader(), maxBytes: DEFAULT_MAX_BYTES });
  const ingest = notifyCreated(plain, (article) => alerts.articleSaved(article.id));
  const route = createRouter({
    commands: options.commands ?? allCommands,
    context: { ...stores, quotas: options.stores.quotas, limits: options.limits ?? DEFAULT_LIMITS, ingest, clock, log, briefings },
    token: config.token,
    deferAfterMs: options.deferAfterMs,
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  // Without a listener an 'error' event would throw and end the process.
  client.on(Events.Error, (error) => log.error(redact(`Discord client error: ${error.message}`, config.token)));
  client.on(Events.Warn, (warning) => log.warn(redact(warning, config.token)));
  // Subscribed before login so a fast READY cannot be missed.
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new BotLoginError(redact(`Logging in to Discord failed: ${reason}`, config.token), { cause: error });
  }
  const user = await ready;
  const shards = config.shards ? `, shard${config.shards.ids.length === 1 ? '' : 's'} ${config.shards.ids.join(', ')} of ${config.shards.count}` : '';
  log.info(`Logged in as ${user.user.tag}, in ${user.guilds.cache.size} server(s)${shards}.`);
  // Alerts a killed process logged but did not finish go out now, each with its own nonce
  void alerts.resume();
  const stop = async (): Promise<void> => {
    await alerts.stop();
    await client.destroy();
  };
  return { client, deliverer, alerts, ingest, stop };
}

/**
 * `briefing deploy`: registers every command, in one guild when DISCORD_GUILD_ID is set
 * (instant) or globally. Returns how many were registered.
 */
export async function deployBotCommands(config: Pick<Config, 'token' | 'clientId' | 'guildId' | 'apiUrl'>): Promise<number> {
  if (!config.token || !config.clientId) throw new Error('Deploying needs DISCORD_TOKEN and DISCORD_CLIENT_ID (the Application ID).');
  return deployCommands({ token: config.token, clientId: config.clientId, guildId: config.guildId, apiUrl: config.apiUrl, commands: allCommands });
}

/** What `runBot` needs besides the config; tests pass their own. */
export interface RunBotDeps {
  clock: Clock;
  log: Logger;
  /** Defaults to every command in `commands/index.ts`. */
  commands?: readonly SlashCommand[];
  /** False to skip fs.watch and rely on the periodic rescan. */
  watch?: boolean;
  /** How often the articles folder is rescanned; tests shorten it. */
  rescanMs?: number;
  /** Transport and safety for fetched URLs; tests allow 127.0.0.1 here. */
  fetch?: SafeFetchOptions;
  /** Delivery leases, retries, the sweep and the drain on shutdown; tests shorten them. */
  delivery?: DeliveryOptions;
}

/** How deliveries run in `runBot`: the deliverer's timings, the scheduler's sweep, the drain's deadline. */
export interface DeliveryOptions extends Partial<DeliveryTimings> {
  sweepMs?: number;
  drainMs?: number;
}

/** How long a shutdown waits for posts in flight: inside the 10 s a container manager grants after SIGTERM. */
export const DRAIN_MS = 8_000;

/** The whole bot running: stop() undoes start in reverse order. */
export interface RunningBot {
  bot: Bot;
  stores: Stores;
  /** Stops taking work, drains the deliveries in flight (up to a deadline, then gives their leases back), stops the bot, then closes the archive. */
  stop(): Promise<void>;
}

/**
 * `briefing start` with a token: archive → read pool → ingest service → folder import →
 * client → scheduler and feed poller. The folder is imported before logging in so the first
 * command already answers from it.
 */
export async function runBot(config: Config, deps: RunBotDeps): Promise<RunningBot> {
  const { log } = deps;
  const stores = await openStoresFor(config);
  const pool = createReadPool({ ...config.read, log: (message) => log.warn(message) });
  // The backlog (the folder at start, a feed's first poll) goes through this one: old quotes raise no alerts
  const backlog = createIngestService({ sink: stores.articles, reader: pool, maxBytes: config.maxBytes, fetch: deps.fetch });
  const importOptions = { ingest: backlog, log: (line: string) => log.info(line) };
  let watcher: FolderWatcher | null = null;
  try {
    mkdirSync(config.articlesDir, { recursive: true });
    const summary = await importFolder(config.articlesDir, importOptions);
    log.info(`Archive ${describeArchive(config)}: ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged from ${config.articlesDir}.`);
    const events = new SettingsEvents();
    const { sweepMs, drainMs = DRAIN_MS, ...timings } = deps.delivery ?? {};
    const bot = await startBot({
      config,
      stores,
      ingest: backlog,
      limits: { quota: config.quota, followsMax: config.followsMax },
      briefingMaxItems: config.briefingMaxItems,
      alertsPerHour: config.alertsPerHour,
      clock: deps.clock,
      log,
      commands: deps.commands,
      events,
      delivery: timings,
    });
    const { ingest } = bot;
    bot.alerts.start();
    watcher = watchFolder(config.articlesDir, { ingest, log: importOptions.log, watch: deps.watch, rescanMs: deps.rescanMs });
    const scheduler = startScheduler({ deliverer: bot.deliverer, events, stores: storesOf(stores), clock: deps.clock, log, sweepMs });
    const feeds = startFeedPoller({
      ingest,
      backlog,
      feeds: stores.feeds,
      clock: deps.clock,
      log,
      // New items (never the first poll's) that pass the feed's filter are announced where it was added
      onNewArticles: feedAnnouncer(bot.client, stores),
    });
    const upkeep = startSearchUpkeep(stores, (line) => log.warn(line));
    let stopping: Promise<void> | null = null;
    const stop = async (): Promise<void> => {
      // No new work: no ticks, no sweeps, no claims; then what is in flight finishes or is given back
      scheduler.stop();
      upkeep.stop();
      // An alert in flight finishes or is given back within the same deadline
      const [drained] = await Promise.all([bot.deliverer.drain(drainMs), bot.alerts.stop(drainMs)]);
      if (drained.finished || drained.released) log.info(`Deliveries in flight: ${drained.finished} finished, ${drained.released} given back for the next start.`);
      await feeds.stop();
      await watcher?.close();
      await bot.stop();
      // After everything that reads through it has stopped
      await pool.close();
      await stores.close();
    };
    return { bot, stores, stop: () => (stopping ??= stop()) };
  } catch (error) {
    await watcher?.close();
    await pool.close();
    await stores.close();
    throw error;
  }
}
