import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AlertEntry } from '../../src/library/follow-store.js';
import type { Destination, Stores } from '../../src/library/types.js';
import { article, reading } from './readings.js';
import { STORE_FACTORIES } from './store-factories.js';

const PUTIN = { name: 'Vladimir Putin', aliases: ['Putin'], roles: ['Russian president'] };
const ERDOGAN = { name: 'Recep Tayyip Erdogan', aliases: ['Erdogan'], roles: ['Turkish president'] };

describe.each(STORE_FACTORIES)('the follow store ($name)', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.open(() => 1_000);
  });
  afterEach(async () => await stores.close());

  const save = async (source: string, quotes: [string, string | null][], speakers = [PUTIN, ERDOGAN]) =>
    (
      await stores.articles.saveArticle(article(source, `text of ${source}`, `Title ${source}`, '2018-09-17'), reading(`Title ${source}`, '2018-09-17', quotes, speakers), {
        collection: 'shared',
      })
    ).article;
  const follow = async (guildId: string, name: string, channelId = 'c1') => await stores.follows.addFollow({ guildId, name, channelId, roleId: null, now: 5 });

  test('GIVEN a name followed twice in one guild, in any case or accents THEN the second is refused and another guild may follow it', async () => {
    expect(await follow('g1', 'Vladimir Putin')).toMatchObject({ guildId: 'g1', name: 'Vladimir Putin', channelId: 'c1', roleId: null, addedAt: 5 });
    expect(await follow('g1', 'VLADÍMIR putin')).toBeNull();
    expect(await follow('g2', 'Vladimir Putin')).not.toBeNull();
    expect((await stores.follows.listFollows('g1')).map((f) => f.name)).toEqual(['Vladimir Putin']);
    expect(await stores.follows.countFollows('g1')).toBe(1);
  });

  test('GIVEN a limit THEN adds stop at it, in that guild only, also when asked at the same moment', async () => {
    const add = (guildId: string, name: string) => stores.follows.addFollow({ guildId, name, channelId: 'c1', roleId: null, now: 5, max: 3 });
    const added = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((name) => add('g1', name)));
    expect(added.filter((f) => f !== null)).toHaveLength(3);
    expect(await stores.follows.countFollows('g1')).toBe(3);
    expect(await add('g2', 'A')).not.toBeNull();
  });

  test('GIVEN a follow removed by name or by #id THEN it is gone, and another guild cannot remove it', async () => {
    const a = (await follow('g1', 'Putin'))!;
    const b = (await follow('g1', 'Erdogan'))!;
    expect(await stores.follows.removeFollow('g2', `#${a.id}`)).toBeNull();
    expect((await stores.follows.removeFollow('g1', 'putin'))?.id).toBe(a.id);
    expect((await stores.follows.removeFollow('g1', `#${b.id}`))?.id).toBe(b.id);
    expect(await stores.follows.listFollows('g1')).toEqual([]);
  });

  test('GIVEN "Putin" and "Recep Erdogan" followed THEN an article quoting Vladimir Putin and Recep Tayyip Erdogan matches both, with their quotes in order', async () => {
    const putin = (await follow('g1', 'Putin'))!;
    const erdogan = (await follow('g2', 'Recep Erdogan'))!;
    const a = await save('a.txt', [
      ['We agreed on a zone.', 'Vladimir Putin'],
      ['Ankara will act.', 'Recep Tayyip Erdogan'],
      ['It will hold.', 'Vladimir Putin'],
    ]);
    const matches = await stores.follows.matchArticle(a.id);
    expect(matches.map((m) => [m.follow.id, m.speaker.name, m.quotes])).toEqual([
      [putin.id, 'Vladimir Putin', ['We agreed on a zone.', 'It will hold.']],
      [erdogan.id, 'Recep Tayyip Erdogan', ['Ankara will act.']],
    ]);
    expect(matches[0]!.speaker.roles).toEqual(['Russian president']);
  });

  test('GIVEN a role or another person of the same surname followed THEN they do not match', async () => {
    await follow('g1', 'Russian president');
    await follow('g1', 'Lyudmila Putin');
    const a = await save('a.txt', [['We agreed on a zone.', 'Vladimir Putin']]);
    expect(await stores.follows.matchArticle(a.id)).toEqual([]);
  });

  test('GIVEN alerts logged twice for one (follow, article) THEN one row exists, pending until finished', async () => {
    const f = (await follow('g1', 'Putin'))!;
    const a = await save('a.txt', [['We agreed on a zone.', 'Vladimir Putin']]);
    const window = { hour: 100, perHour: 10, now: 7 };
    expect(await stores.follows.logAlerts([{ followId: f.id, articleId: a.id, channelId: 'c1' }], window)).toHaveLength(1);
    expect(await stores.follows.logAlerts([{ followId: f.id, articleId: a.id, channelId: 'c1' }], window)).toEqual([]);
    expect(await stores.follows.pendingAlerts()).toMatchObject([{ followId: f.id, articleId: a.id, status: 'pending', hour: 100 }]);
    expect(await stores.follows.claimAlert(f.id, a.id, 'p1', { leaseMs: 100, now: 8 })).toMatchObject({ owner: 'p1', leaseUntil: 108, attempts: 1, createdAt: 7 });
    expect(await stores.follows.finishAlert(f.id, a.id, 'p1', { status: 'sent', messageId: 'm1', now: 8 })).toBe(true);
    expect(await stores.follows.getAlert(f.id, a.id)).toMatchObject({ status: 'sent', messageId: 'm1', owner: null });
    expect(await stores.follows.pendingAlerts()).toEqual([]);
  });

  const logOne = async () => {
    const f = (await follow('g1', 'Putin'))!;
    const a = await save('a.txt', [['We agreed on a zone.', 'Vladimir Putin']]);
    await stores.follows.logAlerts([{ followId: f.id, articleId: a.id, channelId: 'c1' }], { hour: 1, perHour: 10, now: 1_000 });
    return { f, a };
  };

  test('GIVEN two owners racing for one pending alert THEN exactly one claim wins, and only the winner may renew, settle or release it', async () => {
    const { f, a } = await logOne();
    const claims: (AlertEntry | null)[] = [];
    for (const owner of ['p1', 'p2']) claims.push(await stores.follows.claimAlert(f.id, a.id, owner, { leaseMs: 30_000, now: 1_000 }));
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect(claims[0]).toMatchObject({ owner: 'p1', attempts: 1 });
    expect(claims[1]).toBeNull();
    expect(await stores.follows.dueAlerts(1_000)).toEqual([]);
    expect(await stores.follows.renewAlertLease(f.id, a.id, 'p2', { leaseMs: 30_000, now: 2_000 })).toBe(false);
    expect(await stores.follows.finishAlert(f.id, a.id, 'p2', { status: 'sent', messageId: 'm2', now: 2_000 })).toBe(false);
    expect(await stores.follows.releaseAlert(f.id, a.id, 'p2', { now: 2_000 })).toBe(false);
    expect(await stores.follows.getAlert(f.id, a.id)).toMatchObject({ status: 'pending', owner: 'p1', messageId: null });
    expect(await stores.follows.nextAlertAt(2_000)).toBe(31_000);
  });

  test('GIVEN an owner that died holding an alert THEN another takes it over once the lease runs out, and the dead one can no longer settle it', async () => {
    const { f, a } = await logOne();
    await stores.follows.claimAlert(f.id, a.id, 'dead', { leaseMs: 30_000, now: 1_000 });
    expect(await stores.follows.claimAlert(f.id, a.id, 'p2', { leaseMs: 30_000, now: 30_999 })).toBeNull();
    expect(await stores.follows.dueAlerts(31_000)).toMatchObject([{ followId: f.id, owner: 'dead' }]);
    expect(await stores.follows.claimAlert(f.id, a.id, 'p2', { leaseMs: 30_000, now: 31_000 })).toMatchObject({ owner: 'p2', attempts: 2, createdAt: 1_000 });
    expect(await stores.follows.finishAlert(f.id, a.id, 'dead', { status: 'sent', messageId: 'm1', now: 31_001 })).toBe(false);
    expect(await stores.follows.finishAlert(f.id, a.id, 'p2', { status: 'sent', messageId: 'm2', now: 31_002 })).toBe(true);
    expect(await stores.follows.getAlert(f.id, a.id)).toMatchObject({ status: 'sent', messageId: 'm2' });
  });

  test('GIVEN an alert given back with a backoff THEN nobody claims it before its next attempt, and anybody may after', async () => {
    const { f, a } = await logOne();
    await stores.follows.claimAlert(f.id, a.id, 'p1', { leaseMs: 30_000, now: 1_000 });
    expect(await stores.follows.releaseAlert(f.id, a.id, 'p1', { now: 2_000, at: 7_000, error: 'Discord 503' })).toBe(true);
    expect(await stores.follows.getAlert(f.id, a.id)).toMatchObject({ owner: null, leaseUntil: 0, nextAttemptAt: 7_000, error: 'Discord 503' });
    expect(await stores.follows.dueAlerts(6_999)).toEqual([]);
    expect(await stores.follows.claimAlert(f.id, a.id, 'p1', { leaseMs: 30_000, now: 6_999 })).toBeNull();
    expect(await stores.follows.claimAlert(f.id, a.id, 'p2', { leaseMs: 30_000, now: 7_000 })).toMatchObject({ owner: 'p2', attempts: 2 });
  });

  test('GIVEN more alerts in a channel than the hour allows THEN the rest are held, summarized once, and a new hour starts afresh', async () => {
    const f = (await follow('g1', 'Putin'))!;
    const ids: number[] = [];
    for (const s of ['a', 'b', 'c']) ids.push((await save(`${s}.txt`, [[`Quote ${s} is here.`, 'Vladimir Putin']])).id);
    const entries = ids.map((articleId) => ({ followId: f.id, articleId, channelId: 'c1' }));
    const logged = await stores.follows.logAlerts(entries, { hour: 100, perHour: 2, now: 7 });
    expect(logged.map((e) => e.status)).toEqual(['pending', 'pending', 'held']);
    expect(await stores.follows.heldBefore(100)).toEqual([]);
    expect((await stores.follows.heldBefore(101)).map((e) => e.articleId)).toEqual([ids[2]]);
    expect((await stores.follows.claimSummary('c1', 100, 'p1', { leaseMs: 30, now: 9 })).map((e) => e.articleId)).toEqual([ids[2]]);
    expect(await stores.follows.claimSummary('c1', 100, 'p2', { leaseMs: 30, now: 9 })).toEqual([]);
    expect(await stores.follows.finishSummary('c1', 100, 'p2', { messageId: 'm8', now: 9 })).toBe(false);
    expect(await stores.follows.finishSummary('c1', 100, 'p1', { messageId: 'm9', now: 9 })).toBe(true);
    expect(await stores.follows.getAlert(f.id, ids[2]!)).toMatchObject({ status: 'summarized', messageId: 'm9' });
    const d = await save('d.txt', [['Quote d is here.', 'Vladimir Putin']]);
    expect((await stores.follows.logAlerts([{ followId: f.id, articleId: d.id, channelId: 'c1' }], { hour: 101, perHour: 2, now: 10 }))[0]!.status).toBe('pending');
  });

  test("GIVEN an hour's summary claimed by an owner that died THEN nobody takes it before the lease runs out, then another does, once", async () => {
    const f = (await follow('g1', 'Putin'))!;
    const a = await save('a.txt', [['We agreed on a zone.', 'Vladimir Putin']]);
    await stores.follows.logAlerts([{ followId: f.id, articleId: a.id, channelId: 'c1' }], { hour: 1, perHour: 0, now: 1_000 });
    expect(await stores.follows.claimSummary('c1', 1, 'dead', { leaseMs: 30_000, now: 1_000 })).toMatchObject([{ owner: 'dead', attempts: 1 }]);
    expect(await stores.follows.claimSummary('c1', 1, 'p2', { leaseMs: 30_000, now: 30_999 })).toEqual([]);
    expect(await stores.follows.claimSummary('c1', 1, 'p2', { leaseMs: 30_000, now: 31_000 })).toMatchObject([{ owner: 'p2', attempts: 2, createdAt: 1_000 }]);
    expect(await stores.follows.releaseSummary('c1', 1, 'dead', { now: 31_001 })).toBe(false);
    expect(await stores.follows.releaseSummary('c1', 1, 'p2', { now: 31_001, at: 40_000, error: 'Discord 503' })).toBe(true);
    expect(await stores.follows.claimSummary('c1', 1, 'p3', { leaseMs: 30_000, now: 39_999 })).toEqual([]);
    expect(await stores.follows.claimSummary('c1', 1, 'p3', { leaseMs: 30_000, now: 40_000 })).toMatchObject([{ owner: 'p3', attempts: 3 }]);
  });

  test('GIVEN a follow removed THEN its alert log goes with it', async () => {
    const f = (await follow('g1', 'Putin'))!;
    const a = await save('a.txt', [['We agreed on a zone.', 'Vladimir Putin']]);
    await stores.follows.logAlerts([{ followId: f.id, articleId: a.id, channelId: 'c1' }], { hour: 1, perHour: 10, now: 7 });
    await stores.follows.removeFollow('g1', 'Putin');
    expect(await stores.follows.pendingAlerts()).toEqual([]);
  });
});

describe.each(STORE_FACTORIES)('article visibility ($name)', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.open(() => 1_000);
  });
  afterEach(async () => await stores.close());
  const save = async (source: string, destination: Destination) =>
    (await stores.articles.saveArticle(article(source, `text of ${source}`, 'T', null), reading('T', null, []), destination)).article;

  test('GIVEN a shared file, a member addition and a feed item THEN each is visible to the servers whose collections hold it', async () => {
    const shared = await save('/srv/articles/idlib.txt', { collection: 'shared' });
    const added = await save('discord:g1/u1/abcdef', { collection: 'guild', guildId: 'g1', addedBy: 'u1' });
    const fed = await save('https://courier.example/news/1', { collection: 'guild', guildId: 'g1', addedBy: null });
    expect(await Promise.all([shared, added, fed].map(async (a) => await stores.visibility.isVisibleTo('g1', a.id)))).toEqual([true, true, true]);
    expect(await Promise.all([shared, added, fed].map(async (a) => await stores.visibility.isVisibleTo('g2', a.id)))).toEqual([true, false, false]);
    expect(await stores.visibility.isVisibleTo('g1', 999)).toBe(false);
  });

  test('GIVEN a server that hides the shared collection THEN a shared article is not visible there, and still is elsewhere', async () => {
    const shared = await save('/srv/articles/idlib.txt', { collection: 'shared' });
    await stores.articles.setSharedVisible('g2', false);
    expect(await stores.visibility.isVisibleTo('g2', shared.id)).toBe(false);
    expect(await stores.visibility.isVisibleTo('g1', shared.id)).toBe(true);
  });
});

describe.each(STORE_FACTORIES)('the filter store ($name)', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.open(() => 1_000);
  });
  afterEach(async () => await stores.close());

  test('GIVEN a filter set on a feed and on a briefing THEN each reads back, and an empty one clears it', async () => {
    expect(await stores.filters.getFilter('g1', 'briefing')).toEqual({ keywords: [], speakers: [] });
    await stores.filters.setFilter('g1', 'feed:https://a.example/feed', { keywords: ['Idlib'], speakers: [] });
    await stores.filters.setFilter('g1', 'briefing', { keywords: [], speakers: ['Putin'] });
    expect(await stores.filters.getFilter('g1', 'feed:https://a.example/feed')).toEqual({ keywords: ['Idlib'], speakers: [] });
    expect(await stores.filters.getFilter('g2', 'briefing')).toEqual({ keywords: [], speakers: [] });
    await stores.filters.setFilter('g1', 'briefing', { keywords: [], speakers: [] });
    expect(await stores.filters.getFilter('g1', 'briefing')).toEqual({ keywords: [], speakers: [] });
  });

  test("GIVEN a filter on one server's feed THEN that server has feed filters, and neither its briefing filter nor another server's counts", async () => {
    await stores.filters.setFilter('g1', 'briefing', { keywords: ['Idlib'], speakers: [] });
    expect(await stores.filters.hasFeedFilters('g1')).toBe(false);
    await stores.filters.setFilter('g2', 'feed:https://a.example/feed', { keywords: ['Idlib'], speakers: [] });
    expect(await stores.filters.hasFeedFilters('g2')).toBe(true);
    expect(await stores.filters.hasFeedFilters('g1')).toBe(false);
    await stores.filters.setFilter('g2', 'feed:https://a.example/feed', { keywords: [], speakers: [] });
    expect(await stores.filters.hasFeedFilters('g2')).toBe(false);
  });
});
