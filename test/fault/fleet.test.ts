/**
 * The fleet of issue 13: three bot processes, each holding one of three gateway shards
 * (SHARDS=[i], SHARD_COUNT=3), on one shared database, against a fake Discord whose gateway
 * sends each guild to shard (id >> 22) % 3 and which enforces Discord's 50 requests a second.
 * 300 guilds come due in the same minute; one process is killed with kill -9 while the fleet
 * delivers, then started again. Every guild gets exactly one briefing, and slash commands in
 * guilds of every shard are answered, the killed process's shard included once it is back.
 * It runs on PostgreSQL (the test server of test/postgres/global-setup.ts, skipped with a notice
 * when there is none), and on one SQLite file shared by the three processes.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { localTime } from '../../src/briefing/local-time.js';
import { FakeDiscord, type SentInteraction } from '../fake-discord/fake-discord.js';
import { manyGuilds, shardOf, type FakeGuild } from '../fake-discord/gateway.js';
import { scratchDatabase } from '../postgres/scratch.js';
import { FAST_DELIVERY, noonZone, partCounts, seedArticles, startChildBot, until, withLibrary, workspace, type ChildBot, type FaultGuild, type Workspace } from './child-bot.js';

const SHARDS = 3;
const GUILDS = 300;
// Discord's global limit, enforced by the fake and budgeted by the fleet
const REQUESTS_PER_SECOND = 50;
// Each post answered this late: a delivery is in flight long enough for the kill to land inside one
const POST_LATENCY_MS = 20;
// The kill lands once this many briefings are out: the fleet is mid-delivery
const KILL_AFTER_POSTS = 100;

const server = inject('postgres');

describe.skipIf(!server)('the fleet on PostgreSQL', () => fleet(server));
describe('the fleet on one SQLite file', () => fleet(null));

function fleet(postgres: typeof server): void {
  let fake: FakeDiscord;
  let space: Workspace;
  const bots = new Map<number, ChildBot>();
  const guilds: FakeGuild[] = manyGuilds(GUILDS);
  let due: FaultGuild[];

  let database: { url: string; release(): void } | null = null;
  beforeAll(async () => {
    fake = await FakeDiscord.start({}, { shards: SHARDS });
    fake.addGuilds(guilds);
    fake.postLatencyMs = POST_LATENCY_MS;
    database = postgres ? await scratchDatabase(postgres) : null;
    space = workspace(database?.url ?? null);
    await withLibrary(space, (stores) => seedArticles(stores));
  });
  afterAll(async () => {
    for (const bot of bots.values()) bot.process.kill('SIGKILL');
    await Promise.all([...bots.values()].map((bot) => bot.exited));
    await fake.close();
    database?.release();
    space.cleanup();
  });

  /** The bot process holding shard `shard` of three; three stories a briefing, so each is one message. */
  function startShard(shard: number): Promise<ChildBot> {
    const env = { SHARDS: `[${shard}]`, SHARD_COUNT: String(SHARDS), DISCORD_REQUESTS_PER_SECOND: String(REQUESTS_PER_SECOND), BRIEFING_MAX_ITEMS: '3' };
    return startChildBot(fake, space, FAST_DELIVERY, { env, readyTimeoutMs: 120_000 }).then((bot) => (bots.set(shard, bot), bot));
  }

  /** `/briefing status` in two guilds of each shard in `shards`; how many answers each got. */
  async function askStatus(shards: number[]): Promise<{ shard: number; answers: number }[]> {
    const asked = shards.flatMap((shard) =>
      guilds
        .filter((g) => shardOf(g.guildId, SHARDS) === shard)
        .slice(0, 2)
        .map((guild) => ({ shard, guild })),
    );
    const sent: SentInteraction[] = asked.map(({ guild }) => fake.command('briefing', [{ name: 'status', options: [] }], { guild }));
    await Promise.all(sent.map((interaction) => fake.waitFor((c) => c.token === interaction.token, 30_000)));
    // Time for a second answer, were two processes to hold one shard
    await new Promise((resolve) => setTimeout(resolve, 200));
    return asked.map(({ shard }, i) => ({ shard, answers: fake.calls.filter((c) => c.token === sent[i]!.token && c.path.endsWith('/callback')).length }));
  }

  const briefingPosts = (): number => fake.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200).length;

  test(
    `GIVEN ${SHARDS} processes on ${SHARDS} shards and ${GUILDS} guilds due at once, one killed with kill -9 mid-delivery and started again, THEN every guild gets exactly one briefing and every shard answers commands`,
    { timeout: 300_000 },
    async () => {
      await Promise.all([0, 1, 2].map(startShard));
      // All three on the one database
      for (const bot of bots.values()) expect(bot.log()).toMatch(postgres ? /Archive PostgreSQL postgres:\/\// : /Archive \/\S+\/library\.sqlite:/);
      expect(fake.gateway.shards.map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/3', '1/3', '2/3']);
      expect(await askStatus([0, 1, 2])).toEqual([0, 0, 1, 1, 2, 2].map((shard) => ({ shard, answers: 1 })));

      // 300 guilds set up in one go, due now (their briefing time is midnight in a zone where it is noon)
      fake.rateLimit({ perSecond: REQUESTS_PER_SECOND, scope: 'global' });
      const now = new Date();
      const timezone = noonZone(now);
      due = guilds.map((g) => ({ ...g, timezone, day: localTime(now, timezone).date }));
      await withLibrary(space, async (stores) => {
        for (const g of due)
          await stores.guilds.saveGuildSettings({
            guildId: g.guildId,
            channelId: g.channelId,
            time: '00:00',
            timezone: g.timezone,
            roleId: null,
            postWhenEmpty: false,
            enabled: true,
          });
      });

      // The fleet delivers; the process holding the most deliveries dies mid-way, and comes back
      await until(() => briefingPosts() >= KILL_AFTER_POSTS, 'the fleet to be mid-delivery', 120_000, 100);
      const owners = await withLibrary(space, (s) => Promise.all(due.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))?.owner ?? null)));
      const held = (shard: number): number => owners.filter((owner) => owner?.startsWith(`${bots.get(shard)!.process.pid}-`)).length;
      const victimShard = [0, 1, 2].reduce((a, b) => (held(b) > held(a) ? b : a));
      const victim = bots.get(victimShard)!;
      victim.process.kill('SIGKILL');
      await victim.exited;
      const postsAtKill = briefingPosts();
      const heldAtKill = held(victimShard);
      await startShard(victimShard);

      // Polled gently: the fake Discord shares this process, and a busy loop here would bunch the requests it counts
      await until(() => briefingPosts() >= GUILDS, 'a briefing in every guild', 180_000, 250);
      await expect
        .poll(() => withLibrary(space, async (s) => (await Promise.all(due.map((g) => s.deliveries.getDelivery(g.guildId, g.day)))).filter((d) => d?.status !== 'sent').length), {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(0);
      // Exactly one: one message per guild, and no part posted twice
      expect(due.filter((g) => fake.messagesIn(g.channelId).length !== 1).map((g) => g.guildId)).toEqual([]);
      for (const g of due) expect(Object.fromEntries(partCounts(fake, g))).toEqual({ 1: 1 });
      // The kill was mid-delivery: some of the dead process's jobs were taken over by another claim
      const attempts = await withLibrary(space, (s) => Promise.all(due.map(async (g) => (await s.deliveries.getDelivery(g.guildId, g.day))!.attempts)));
      expect(postsAtKill).toBeLessThan(GUILDS);
      expect(heldAtKill).toBeGreaterThan(0);
      expect(attempts.filter((n) => n > 1).length).toBeGreaterThan(0);

      console.info(
        `fleet: ${heldAtKill} deliveries held by the killed process (shard ${victimShard}) after ${postsAtKill} posts; ${attempts.filter((n) => n > 1).length} taken over; Discord's 429s: ${fake.rateLimited}; posts folded by nonce: ${fake.history.deduplicated}`,
      );
      // Commands in guilds of every shard, the restarted one's included, are answered once
      expect(await askStatus([0, 1, 2])).toEqual([0, 0, 1, 1, 2, 2].map((shard) => ({ shard, answers: 1 })));
    },
  );
}
