/**
 * `briefing start --shards auto`: a manager process starts one bot process per shard Discord
 * recommends (discord.js's ShardingManager), each answering the commands of its shard's guilds;
 * a shard process killed with kill -9 is started again, and SIGTERM to the manager stops them all.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FakeDiscord, type SentInteraction } from '../fake-discord/fake-discord.js';
import { manyGuilds, shardOf } from '../fake-discord/gateway.js';
import { startChildBot, until, workspace, type ChildBot, type Workspace } from './child-bot.js';

const RECOMMENDED = 2;
let fake: FakeDiscord;
let space: Workspace;
let manager: ChildBot | null = null;
const guilds = manyGuilds(4);

beforeAll(async () => {
  // Enough identifies at once that the shard processes start without the 5-second wait between them
  fake = await FakeDiscord.start({}, { shards: RECOMMENDED, maxConcurrency: 16 });
  fake.addGuilds(guilds);
  space = workspace();
});
afterAll(async () => {
  if (manager && manager.process.exitCode === null) {
    manager.process.kill('SIGTERM');
    await manager.exited;
  }
  await fake.close();
  space.cleanup();
});

/** The pids of the manager's children: its shard processes. */
function shardPids(managerPid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(managerPid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
}

/** A /briefing status in every guild; resolves with how many answers each got. */
async function askEveryGuild(): Promise<number[]> {
  const sent: SentInteraction[] = guilds.map((guild) => fake.command('briefing', [{ name: 'status', options: [] }], { guild }));
  await Promise.all(sent.map((interaction) => fake.waitForResponse(interaction)));
  // A moment for a second answer, were two processes to hold the same shard
  await new Promise((resolve) => setTimeout(resolve, 200));
  return sent.map((interaction) => fake.calls.filter((c) => c.token === interaction.token && c.path.endsWith('/callback')).length);
}

test('GIVEN start --shards auto THEN one process per recommended shard connects, each holding its own shard, and every guild is answered once', { timeout: 240_000 }, async () => {
  manager = await startChildBot(fake, space, undefined, {
    args: ['start', '--shards', 'auto'],
    readyWhen: `All ${RECOMMENDED} shard processes logged in`,
    readyTimeoutMs: 120_000,
  });
  // Both opened the new archive file at once: neither failed nor was restarted, and each read worker ran
  expect(manager.log()).not.toMatch(/cannot open the library|its process ended|read worker failed/);
  expect(shardPids(manager.process.pid!)).toHaveLength(RECOMMENDED);
  expect(fake.gateway.shards.map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/2', '1/2']);
  // The guilds fall on both shards
  expect(new Set(guilds.map((g) => shardOf(g.guildId, RECOMMENDED))).size).toBe(RECOMMENDED);
  expect(await askEveryGuild()).toEqual(guilds.map(() => 1));

  // kill -9 one shard process: the manager starts it again, and its guilds are answered again
  const [victim] = shardPids(manager.process.pid!);
  process.kill(victim!, 'SIGKILL');
  await until(() => fake.gateway.identifiedShards.length === RECOMMENDED + 1 && fake.gateway.shards.length === RECOMMENDED, 'the killed shard to connect again', 90_000);
  expect(manager.log()).toContain('its process ended');
  expect(await askEveryGuild()).toEqual(guilds.map(() => 1));

  // SIGTERM to the manager: every shard process stops, and the manager exits cleanly
  const pids = shardPids(manager.process.pid!);
  manager.process.kill('SIGTERM');
  expect(await manager.exited).toEqual({ code: 0, signal: null });
  await fake.gateway.disconnected();
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
});
