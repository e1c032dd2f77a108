/**
 * Several processes on one PostgreSQL database, racing: each store below has its own pool, so
 * its statements run on connections of their own, at the same time as the others'.
 */
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { openPostgresStores } from '../src/library/postgres/open.js';
import type { Feed } from '../src/library/feed-store.js';
import type { Stores } from '../src/library/types.js';
import { scratchDatabase } from './postgres/scratch.js';
import { article, reading } from './stores/readings.js';

const server = inject('postgres');
const PROCESSES = 4;
const JOBS = 40;
const LEASE = 30_000;
const NOW = 1_000;

describe.skipIf(!server)('leased jobs claimed by several processes at once on PostgreSQL', () => {
  let fleet: Stores[];
  let release: () => void;
  beforeEach(async () => {
    const db = await scratchDatabase(server!);
    release = () => db.release();
    fleet = await Promise.all(Array.from({ length: PROCESSES }, () => openPostgresStores(db.url, { now: () => NOW, max: 4 })));
  });
  afterEach(async () => {
    await Promise.all(fleet.map((stores) => stores.close()));
    release();
  });
  const first = (): Stores => fleet[0]!;

  test('GIVEN deliveries due THEN every process claiming every one of them at once wins each exactly once', async () => {
    const guilds = Array.from({ length: JOBS }, (_, i) => `g${i}`);
    for (const guildId of guilds) await first().deliveries.createDelivery({ guildId, localDate: '2024-06-01', articleIds: [], deadlineAt: 86_400_000 });
    const claims = await Promise.all(fleet.flatMap((stores, p) => guilds.map((g) => stores.deliveries.claimDelivery(g, '2024-06-01', `p${p}`, LEASE))));
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c.guildId).sort()).toEqual([...guilds].sort());
    expect(await first().deliveries.dueDeliveries()).toEqual([]);
  });

  test('GIVEN feeds due THEN each poll goes to exactly one process', async () => {
    const feeds: Feed[] = [];
    for (let i = 0; i < JOBS; i++) feeds.push((await first().feeds.addFeed({ guildId: 'g1', url: `https://n${i}.example/feed`, channelId: null, now: 10 }))!);
    const claims = await Promise.all(fleet.flatMap((stores, p) => feeds.map((f) => stores.feeds.claimFeed(f.id, `p${p}`, 20, LEASE))));
    expect(
      claims
        .filter((c) => c !== null)
        .map((c) => c.id)
        .sort((a, b) => a - b),
    ).toEqual(feeds.map((f) => f.id));
  });

  test('GIVEN every process following different names in one server at once THEN no more than the limit are added', async () => {
    const adds = await Promise.all(
      fleet.flatMap((stores, p) =>
        Array.from({ length: 5 }, (_, i) => stores.follows.addFollow({ guildId: 'g1', name: `Person ${p}-${i}`, channelId: 'c1', roleId: null, now: 1, max: 7 })),
      ),
    );
    expect(adds.filter((f) => f !== null)).toHaveLength(7);
    expect(await first().follows.countFollows('g1')).toBe(7);
  });

  test("GIVEN pending quote alerts and an hour's held ones THEN each alert, and the hour's summary as a whole, goes to exactly one process", async () => {
    const follow = (await first().follows.addFollow({ guildId: 'g1', name: 'Putin', channelId: 'c1', roleId: null, now: 1 }))!;
    const ids: number[] = [];
    for (let i = 0; i < JOBS; i++) {
      const saved = await first().articles.saveArticle(
        article(`a${i}`, `text ${i}`, `T${i}`, null),
        reading(`T${i}`, null, [['q', 'Vladimir Putin']], [{ name: 'Vladimir Putin' }]),
        {
          collection: 'shared',
        },
      );
      ids.push(saved.article.id);
    }
    const entries = ids.map((articleId) => ({ followId: follow.id, articleId, channelId: 'c1' }));
    // Logged by every process at once: one row each, and the hour's limit counted across all of them
    const logged = (await Promise.all(fleet.map((stores) => stores.follows.logAlerts(entries, { hour: 1, perHour: 10, now: NOW })))).flat();
    expect(logged).toHaveLength(JOBS);
    expect(logged.filter((e) => e.status === 'pending')).toHaveLength(10);
    const pending = logged.filter((e) => e.status === 'pending');
    const claims = await Promise.all(fleet.flatMap((stores, p) => pending.map((e) => stores.follows.claimAlert(e.followId, e.articleId, `p${p}`, { leaseMs: LEASE, now: NOW }))));
    expect(claims.filter((c) => c !== null)).toHaveLength(pending.length);
    const summaries = await Promise.all(fleet.map((stores, p) => stores.follows.claimSummary('c1', 1, `p${p}`, { leaseMs: LEASE, now: NOW })));
    const winners = summaries.filter((rows) => rows.length > 0);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toHaveLength(JOBS - 10);
  });

  test('GIVEN a member adding from every process at once THEN the quota lets exactly its limit through', async () => {
    const limits = { memberMax: 5, memberWindowMs: 60_000, guildPerDay: 100 };
    const claims = await Promise.all(fleet.flatMap((stores) => Array.from({ length: 5 }, () => stores.quotas.claim({ guildId: 'g1', userId: 'u1', now: NOW, limits }))));
    expect(claims.filter((c) => c.ok)).toHaveLength(5);
  });

  test('GIVEN the same new text saved by every process at once THEN it is stored once and counted once', async () => {
    const saves = await Promise.all(
      fleet.map((stores, p) =>
        stores.articles.saveArticle(article(`src${p}`, 'The same text.', 'T', null), reading('T', null, [['We agreed', 'Vladimir Putin']], [{ name: 'Vladimir Putin' }]), {
          collection: 'guild',
          guildId: `g${p}`,
          addedBy: 'u1',
        }),
      ),
    );
    expect(saves.filter((s) => s.outcome === 'created')).toHaveLength(1);
    expect(new Set(saves.map((s) => s.article.id)).size).toBe(1);
    expect((await first().articles.listArticles('all')).total).toBe(1);
    expect((await first().speakers.findSpeakers('all', 'Putin')).matches.map((s) => s.quoteCount)).toEqual([1]);
    for (let p = 0; p < PROCESSES; p++) expect((await first().speakers.quotesBySpeaker({ guildId: `g${p}` }, 'vladimir-putin')).total).toBe(1);
  });
});
