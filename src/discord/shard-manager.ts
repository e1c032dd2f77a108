/**
 * `briefing start --shards auto`: one bot process per gateway shard, as many as Discord
 * recommends, through discord.js's ShardingManager. Each process is a whole `briefing start`
 * holding one shard (SHARDS and SHARD_COUNT set by the manager); they share the database, so
 * any of them delivers any guild's briefing, and each answers the commands of its shard's
 * guilds. A process that dies is started again, after a pause that grows while it keeps dying.
 * The manager holds no shard and does no work of its own.
 */
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Logger } from '../logger.js';

/** Discord lets `max_concurrency` shards identify in each 5-second window; a little more, for clocks that differ. */
const IDENTIFY_WINDOW_MS = 5_500;
/** How long a shard process may take to log in before its start counts as failed. */
const SPAWN_TIMEOUT_MS = 60_000;
/** A shard that dies is started again after this, doubling while it keeps dying, up to the maximum. */
const RESPAWN_BASE_MS = 1_000;
const RESPAWN_MAX_MS = 60_000;
/** A shard up this long is healthy again: its next death waits the base pause. */
const HEALTHY_AFTER_MS = 60_000;

export interface GatewayRecommendation {
  shards: number;
  /** Shards that may identify at once (`session_start_limit.max_concurrency`). */
  maxConcurrency: number;
}

/** GET /gateway/bot: the shard count Discord recommends for this bot (through `apiUrl` when set). */
export async function recommendedShards(token: string, apiUrl: string | null): Promise<GatewayRecommendation> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: Math.max(1, info.shards), maxConcurrency: Math.max(1, info.session_start_limit.max_concurrency) };
}

export interface ShardProcessesOptions {
  token: string;
  apiUrl: string | null;
  /** `auto` for Discord's recommendation, or a count. */
  shards: 'auto' | number;
  /** The script every shard process runs, with its arguments and Node options (the CLI itself: `briefing start`). */
  file: string;
  args: string[];
  execArgv: string[];
  log: Logger;
}

export interface ShardProcesses {
  /** Shards in all, one process each. */
  count: number;
  manager: ShardingManager;
  /** SIGTERM to every shard process (each drains its deliveries), resolved once all have exited. */
  stop(): Promise<void>;
}

/** Starts a process per shard, one after another as Discord's identify limit allows; resolves once every shard is logged in. */
export async function startShardProcesses(options: ShardProcessesOptions): Promise<ShardProcesses> {
  const { log } = options;
  const recommended = await recommendedShards(options.token, options.apiUrl);
  const count = options.shards === 'auto' ? recommended.shards : options.shards;
  // Respawns are ours, with a growing pause: the manager's own would loop on a process that cannot start
  const manager = new ShardingManager(options.file, {
    totalShards: count,
    token: options.token,
    shardArgs: options.args,
    execArgv: options.execArgv,
    respawn: false,
    mode: 'process',
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => watch(shard));

  function watch(shard: Shard): void {
    let startedAt = Date.now();
    let pauseMs = RESPAWN_BASE_MS;
    shard.on('spawn', () => void (startedAt = Date.now()));
    shard.on('death', (child) => {
      if (stopping) return;
      const exit = 'exitCode' in child ? `exit code ${child.exitCode ?? child.signalCode}` : 'exited';
      if (Date.now() - startedAt >= HEALTHY_AFTER_MS) pauseMs = RESPAWN_BASE_MS;
      log.warn(`Shard ${shard.id} of ${count}: its process ended (${exit}); starting it again in ${pauseMs / 1000} s.`);
      const wait = pauseMs;
      pauseMs = Math.min(RESPAWN_MAX_MS, pauseMs * 2);
      setTimeout(() => {
        if (stopping) return;
        shard
          .spawn(SPAWN_TIMEOUT_MS)
          .catch((error: unknown) => log.error(`Shard ${shard.id} of ${count} did not start again: ${error instanceof Error ? error.message : String(error)}`));
      }, wait).unref();
    });
  }

  const why = options.shards === 'auto' ? 'as Discord recommends' : 'as asked';
  log.info(`Starting ${count} shard process${count === 1 ? '' : 'es'} (${why}; Discord recommends ${recommended.shards}).`);
  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all(
      manager.shards.map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    // Discord's identify limit: `max_concurrency` shards at once, then a pause before the next ones
    for (let first = 0; first < count; first += recommended.maxConcurrency) {
      if (first > 0) await new Promise((resolve) => setTimeout(resolve, IDENTIFY_WINDOW_MS));
      const ids = Array.from({ length: Math.min(recommended.maxConcurrency, count - first) }, (_, i) => first + i);
      await Promise.all(ids.map((id) => manager.createShard(id).spawn(SPAWN_TIMEOUT_MS)));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  log.info(`All ${count} shard process${count === 1 ? '' : 'es'} logged in.`);
  return { count, manager, stop };
}
