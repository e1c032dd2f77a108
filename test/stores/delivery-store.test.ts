import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStores } from '../../src/library/open-stores.js';
import { isStorageTransient } from '../../src/library/storage-errors.js';
import type { Stores } from '../../src/library/types.js';
import { STORE_FACTORIES } from './store-factories.js';

const DAY = '2026-11-24';
const END_OF_DAY = 86_400_000;
const LEASE = 30_000;
const job = (guildId = 'g1', localDate = DAY, articleIds: number[] = []) => ({ guildId, localDate, articleIds, deadlineAt: END_OF_DAY });

describe.each(STORE_FACTORIES)('the delivery store ($name)', (factory) => {
  let stores: Stores;
  let clock: number;
  beforeEach(async () => {
    clock = 1_000;
    stores = await factory.open(() => clock);
  });
  afterEach(async () => await stores.close());

  describe('creating jobs', () => {
    test('GIVEN a guild and day THEN only the first creation wins, and the job is pending, unheld and due', async () => {
      expect(await stores.deliveries.createDelivery(job('g1', DAY, [1, 2]))).toBe(true);
      expect(await stores.deliveries.createDelivery(job('g1', DAY, [3]))).toBe(false);
      expect(await stores.deliveries.getDelivery('g1', DAY)).toEqual({
        guildId: 'g1',
        localDate: DAY,
        status: 'pending',
        messageIds: [],
        error: null,
        articleIds: [1, 2],
        updatedAt: 1_000,
        owner: null,
        leaseUntil: 0,
        attempts: 0,
        nextAttemptAt: 1_000,
        deadlineAt: END_OF_DAY,
        createdAt: 1_000,
        parts: new Map(),
      });
    });

    test('GIVEN the same day in other guilds or other days THEN each is a job of its own', async () => {
      expect(await stores.deliveries.createDelivery(job('g1'))).toBe(true);
      expect(await stores.deliveries.createDelivery(job('g2'))).toBe(true);
      expect(await stores.deliveries.createDelivery(job('g1', '2026-11-25'))).toBe(true);
    });

    test('GIVEN several days THEN lastDelivery is the latest local date', async () => {
      for (const day of ['2026-11-23', '2026-11-25', '2026-11-24']) await stores.deliveries.createDelivery(job('g1', day));
      expect((await stores.deliveries.lastDelivery('g1'))?.localDate).toBe('2026-11-25');
      expect(await stores.deliveries.lastDelivery('g2')).toBeNull();
      expect(await stores.deliveries.getDelivery('g1', '2026-11-01')).toBeNull();
    });
  });

  describe('leases', () => {
    test('GIVEN a job THEN one owner claims it, a second is refused while the lease runs, and the attempt is counted', async () => {
      await stores.deliveries.createDelivery(job());
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE)).toMatchObject({ owner: 'a', leaseUntil: 1_000 + LEASE, attempts: 1 });
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toBeNull();
      clock += LEASE - 1;
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toBeNull();
    });

    test('GIVEN a lease that ran out THEN another owner takes the job over, and the old owner can no longer record or settle it', async () => {
      await stores.deliveries.createDelivery(job());
      await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE);
      clock += LEASE;
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toMatchObject({ owner: 'b', attempts: 2 });
      expect(await stores.deliveries.renewLease('g1', DAY, 'a', LEASE)).toBe(false);
      expect(await stores.deliveries.recordPart('g1', DAY, 'a', 1, 'm1')).toBe(false);
      expect(await stores.deliveries.finishDelivery('g1', DAY, 'a', { status: 'sent', messageIds: ['m1'] })).toBe(false);
      expect(await stores.deliveries.getDelivery('g1', DAY)).toMatchObject({ status: 'pending', owner: 'b', parts: new Map() });
    });

    test('GIVEN a heartbeat THEN the lease is extended from now and nobody else can claim', async () => {
      await stores.deliveries.createDelivery(job());
      await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE);
      clock += LEASE - 10;
      expect(await stores.deliveries.renewLease('g1', DAY, 'a', LEASE)).toBe(true);
      clock += LEASE - 10;
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toBeNull();
      expect((await stores.deliveries.getDelivery('g1', DAY))?.leaseUntil).toBe(clock + 10);
    });

    test('GIVEN parts recorded as they go out THEN they are kept by part number, and settling frees the lease', async () => {
      await stores.deliveries.createDelivery(job());
      await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE);
      expect(await stores.deliveries.recordPart('g1', DAY, 'a', 2, 'm2')).toBe(true);
      expect(await stores.deliveries.recordPart('g1', DAY, 'a', 1, 'm1')).toBe(true);
      expect((await stores.deliveries.getDelivery('g1', DAY))?.parts).toEqual(
        new Map([
          [1, 'm1'],
          [2, 'm2'],
        ]),
      );
      clock = 2_000;
      expect(await stores.deliveries.finishDelivery('g1', DAY, 'a', { status: 'sent', messageIds: ['m1', 'm2'] })).toBe(true);
      expect(await stores.deliveries.getDelivery('g1', DAY)).toMatchObject({ status: 'sent', messageIds: ['m1', 'm2'], owner: null, leaseUntil: 0, updatedAt: 2_000 });
      clock += LEASE;
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toBeNull();
    });

    test('GIVEN a failed day THEN the reason is kept and the job is never claimed again', async () => {
      await stores.deliveries.createDelivery(job());
      await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE);
      await stores.deliveries.finishDelivery('g1', DAY, 'a', { status: 'failed', error: 'missing permission' });
      expect(await stores.deliveries.getDelivery('g1', DAY)).toMatchObject({ status: 'failed', error: 'missing permission' });
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE)).toBeNull();
      expect(await stores.deliveries.dueDeliveries()).toEqual([]);
    });
  });

  describe('retries', () => {
    test('GIVEN a failed attempt released with a backoff THEN the job is not due, nor claimable, until then, and keeps the reason', async () => {
      await stores.deliveries.createDelivery(job());
      await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE);
      expect(await stores.deliveries.releaseDelivery('g1', DAY, 'a', { at: 6_000, error: 'Discord 503' })).toBe(true);
      expect(await stores.deliveries.getDelivery('g1', DAY)).toMatchObject({ owner: null, leaseUntil: 0, nextAttemptAt: 6_000, error: 'Discord 503', attempts: 1 });
      expect(await stores.deliveries.dueDeliveries()).toEqual([]);
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toBeNull();
      clock = 6_000;
      expect((await stores.deliveries.dueDeliveries()).map((d) => d.guildId)).toEqual(['g1']);
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toMatchObject({ owner: 'b', attempts: 2, error: 'Discord 503' });
    });

    test('GIVEN a lease given back on shutdown THEN the job is due at once, for anyone', async () => {
      await stores.deliveries.createDelivery(job());
      await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE);
      expect(await stores.deliveries.releaseDelivery('g1', DAY, 'b')).toBe(false);
      expect(await stores.deliveries.releaseDelivery('g1', DAY, 'a')).toBe(true);
      expect(await stores.deliveries.claimDelivery('g1', DAY, 'b', LEASE)).toMatchObject({ owner: 'b' });
    });

    test('GIVEN jobs held, backing off and free THEN only the free ones are due, oldest first', async () => {
      for (const guild of ['held', 'later', 'free', 'first']) await stores.deliveries.createDelivery(job(guild));
      await stores.deliveries.claimDelivery('held', DAY, 'a', LEASE);
      await stores.deliveries.claimDelivery('later', DAY, 'a', LEASE);
      await stores.deliveries.releaseDelivery('later', DAY, 'a', { at: 50_000 });
      await stores.deliveries.claimDelivery('first', DAY, 'a', LEASE);
      await stores.deliveries.releaseDelivery('first', DAY, 'a', { at: 0 });
      expect((await stores.deliveries.dueDeliveries()).map((d) => d.guildId)).toEqual(['first', 'free']);
    });
  });
});

// SQLite's own: two processes on one file race for the same claim, or meet a lock
describe('the SQLite delivery log on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefing-claim-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN two libraries on one file THEN creation and the claim are each won exactly once', async () => {
    const a = openStores(join(dir, 'db.sqlite'));
    const b = openStores(join(dir, 'db.sqlite'));
    const created = await Promise.all([a, b, a, b].map(async (l) => await l.deliveries.createDelivery(job())));
    const claimed = await Promise.all([a, b, a, b].map(async (l, i) => (await l.deliveries.claimDelivery('g1', DAY, `owner-${i}`, LEASE)) !== null));
    await a.close();
    await b.close();
    expect(created).toEqual([true, false, false, false]);
    expect(claimed).toEqual([true, false, false, false]);
  });

  test('GIVEN another connection holding the write lock THEN a claim fails fast with SQLITE_BUSY, and succeeds after the unlock', async () => {
    const stores = openStores(join(dir, 'db.sqlite'));
    await stores.deliveries.createDelivery(job());
    const other = new Database(join(dir, 'db.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE)).rejects.toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      // Reads go on under WAL while another connection writes
      expect((await stores.deliveries.getDelivery('g1', DAY))?.status).toBe('pending');
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(await stores.deliveries.claimDelivery('g1', DAY, 'a', LEASE)).toMatchObject({ owner: 'a' });
    await stores.close();
  });
});

describe('storage failures that pass', () => {
  test('GIVEN a full database or a held lock THEN the error is one a delivery retries; a broken statement is not', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let full: unknown = null;
    try {
      db.prepare('INSERT INTO t VALUES (zeroblob(100000))').run();
    } catch (error) {
      full = error;
    }
    expect(full).toMatchObject({ code: 'SQLITE_FULL' });
    expect(isStorageTransient(full)).toBe(true);
    expect(isStorageTransient(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    let broken: unknown = null;
    try {
      db.prepare('SELECT nothing FROM nowhere').get();
    } catch (error) {
      broken = error;
    }
    expect(isStorageTransient(broken)).toBe(false);
    db.close();
  });
});
