/**
 * A burst of alerts bigger than one batch of the alert log: every alert goes out in the same
 * pass, not a hundred now and the rest at the next minute's tick.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createInThreadReader } from '../src/ingest/article-reader.js';
import { SHARED } from '../src/ingest/destination.js';
import { createIngestService } from '../src/ingest/ingest-service.js';
import { DEFAULT_MAX_BYTES } from '../src/config.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { startBot, type Bot } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';

const SOCHI = readFileSync(path.join(import.meta.dirname, 'fixtures/e2e/sochi-2018-09-18.txt'), 'utf8');
const SERVERS = 130;

let fake: FakeDiscord;
let stores: Stores;
let bot: Bot;
beforeEach(async () => {
  fake = await FakeDiscord.start();
  stores = openStores(':memory:');
  const ingest = createIngestService({ sink: stores.articles, reader: createInThreadReader(), maxBytes: DEFAULT_MAX_BYTES });
  bot = await startBot({ config: { token: TEST_TOKEN, apiUrl: fake.apiUrl }, stores, ingest, clock: () => new Date(), log: memoryLogger([]), alertsPerHour: 1_000 });
});
afterEach(async () => {
  await bot.stop();
  await fake.close();
  await stores.close();
});

test('GIVEN 130 servers following Putin THEN one article quoting him posts all 130 alerts in one pass', async () => {
  for (let s = 0; s < SERVERS; s++) {
    await stores.follows.addFollow({
      guildId: String(300_000_000_000_000_000n + BigInt(s)),
      name: 'Putin',
      channelId: String(400_000_000_000_000_000n + BigInt(s)),
      roleId: null,
      now: Date.now(),
    });
  }
  const added = await bot.ingest.text(SOCHI, SHARED);
  expect(added.ok && added.value.outcome).toBe('created');
  await bot.alerts.idle();
  const posted = fake.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200);
  expect(new Set(posted.map((c) => c.path)).size).toBe(SERVERS);
  expect(await stores.follows.dueAlerts(Date.now() + 60_000)).toEqual([]);
}, 30_000);
