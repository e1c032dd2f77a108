/**
 * Settings made on one process reach the scheduler of another. Two bot processes on one
 * library, each with its own client holding one of two gateway shards and its own scheduler:
 * `/briefing setup` reaches only the process holding the guild's shard; the other follows the
 * stored settings at its next sweep, and delivers the briefing when the first is gone.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SHARED } from '../src/ingest/destination.js';
import { fakeClock, openTestLibrary, startBriefingBot, tempLibraryPath, type BriefingBot, type FakeClock } from './fake-discord/briefing-bot.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { shardOf } from './fake-discord/gateway.js';
import { idlibReading } from './fake-discord/readings.js';

let fake: FakeDiscord;
let file: ReturnType<typeof tempLibraryPath>;
let clock: FakeClock;
let holder: BriefingBot;
let other: BriefingBot;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  file = tempLibraryPath();
  clock = fakeClock('2024-06-01T08:00:00Z');
  const stores = openTestLibrary(file.path, clock.clock);
  await stores.articles.saveArticle({ source: 'idlib.txt', url: null, text: 'Erdogan said Idlib…', title: 'Idlib', date: '2024-06-01' }, idlibReading(), SHARED);
  await stores.close();
  const shard = shardOf(fake.ids.guildId, 2);
  holder = await startBriefingBot(fake, file.path, clock.clock, { owner: 'holder', shards: { ids: [shard], count: 2 } });
  other = await startBriefingBot(fake, file.path, clock.clock, { owner: 'other', shards: { ids: [1 - shard], count: 2 } });
});
afterEach(async () => {
  await holder.close();
  await other.close();
  await fake.close();
  file.cleanup();
});

const briefing = async (sub: string, options: { name: string; value: string; type?: 'channel' }[] = []) =>
  (await fake.waitForResponse(fake.command('briefing', [{ name: sub, options }]))).body.data.content as string;
const setup = (time: string) =>
  briefing('setup', [
    { name: 'channel', value: fake.ids.channelId, type: 'channel' },
    { name: 'time', value: time },
    { name: 'timezone', value: 'UTC' },
  ]);

test('GIVEN /briefing setup answered by the process holding the guild THEN the other schedules it at its next sweep, and delivers it when the time comes', async () => {
  expect(await setup('09:00')).toContain('Daily briefing set: 09:00 UTC');
  expect(holder.scheduler.scheduled()).toEqual([fake.ids.guildId]);
  // Nothing crossed over by itself: the other process learns of it from the database
  expect(other.scheduler.scheduled()).toEqual([]);

  await other.scheduler.catchUp();
  expect(other.scheduler.scheduled()).toEqual([fake.ids.guildId]);
  const task = other.schedules.at(-1)!;
  expect(task).toMatchObject({ expression: '0 9,10 * * *', options: { timezone: 'UTC' }, destroyed: false });

  // The process that took the command is gone; at nine the other delivers
  await holder.close();
  clock.set('2024-06-01T09:00:00Z');
  await task.tick();
  expect(fake.postsTo(fake.ids.channelId)).toHaveLength(1);
  expect((await other.stores.deliveries.getDelivery(fake.ids.guildId, '2024-06-01'))?.status).toBe('sent');
  expect(other.logs).toContain(`info: Briefing 2024-06-01 for guild ${fake.ids.guildId}: posted 1 message(s).`);
});

test('GIVEN the time changed, then the briefing turned off, on the process holding the guild THEN at its next sweeps the other rebuilds its task, then drops it', async () => {
  await setup('09:00');
  await other.scheduler.catchUp();
  const first = other.schedules.at(-1)!;

  await setup('10:30');
  // A sweep with nothing changed keeps the task as it is
  expect(other.schedules.at(-1)).toBe(first);
  await other.scheduler.catchUp();
  expect(first.destroyed).toBe(true);
  expect(other.schedules.at(-1)).toMatchObject({ expression: '30 10,11 * * *', destroyed: false });

  expect(await briefing('off')).toContain('off');
  await other.scheduler.catchUp();
  expect(other.scheduler.scheduled()).toEqual([]);
  expect(other.schedules.every((call) => call.destroyed)).toBe(true);
});
