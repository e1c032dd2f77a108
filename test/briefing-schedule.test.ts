import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDeliverer } from '../src/briefing/deliver.js';
import { startScheduler } from '../src/briefing/scheduler.js';
import { SettingsEvents } from '../src/briefing/settings-events.js';
import { createClient } from '../src/discord/client.js';
import { createBriefingPoster } from '../src/discord/post-briefing.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { fakeClock, openTestLibrary, startBriefingBot, tempLibraryPath, type BriefingBot } from './fake-discord/briefing-bot.js';
import { memoryStores, memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';

const QUARTER_HOUR = 15 * 60_000;

describe('one briefing a local day across DST changes', () => {
  let fake: FakeDiscord;
  let file: ReturnType<typeof tempLibraryPath>;
  let bot: BriefingBot | null = null;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
    file = tempLibraryPath();
  });
  afterEach(async () => {
    await bot?.close();
    bot = null;
    await fake.close();
    file.cleanup();
  });

  test.each([
    // 02:30 is skipped on 10 March: that day's briefing comes at 03:30
    ['2024-03-09T05:00:00Z', '02:30', ['2024-03-09', '2024-03-10', '2024-03-11']],
    // 01:30 is shown twice on 3 November: still one briefing
    ['2024-11-02T04:00:00Z', '01:30', ['2024-11-02', '2024-11-03', '2024-11-04']],
  ])('GIVEN ticks every 15 minutes for three days from %s (midnight in New York) at %s THEN one briefing per local day', async (from, time, days) => {
    const clock = fakeClock(from);
    const stores = openTestLibrary(file.path, clock.clock);
    await stores.guilds.saveGuildSettings({
      guildId: fake.ids.guildId,
      channelId: fake.ids.channelId,
      time,
      timezone: 'America/New_York',
      roleId: null,
      postWhenEmpty: true,
      enabled: true,
    });
    await stores.close();
    bot = await startBriefingBot(fake, file.path, clock.clock);
    for (let tick = 0; tick < (3 * 24 * 60 * 60_000) / QUARTER_HOUR; tick++) {
      clock.advance(QUARTER_HOUR);
      await bot.scheduler.runDue(fake.ids.guildId);
    }
    const posts = fake.postsTo(fake.ids.channelId);
    expect(posts.map((p) => p.body.embeds.at(-1).footer.text.match(/\d{4}-\d{2}-\d{2}/)[0])).toEqual(days);
    expect(await Promise.all(days.map(async (day) => (await bot!.stores.deliveries.getDelivery(fake.ids.guildId, day))?.status))).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('node-cron', () => {
  test('GIVEN a guild set up THEN node-cron really schedules its task in its timezone, reschedules on change and destroys it on stop', async () => {
    const stores = memoryStores();
    await stores.guilds.saveGuildSettings({ guildId: '1', channelId: '2', time: '09:00', timezone: 'Europe/Istanbul', roleId: null, postWhenEmpty: false, enabled: true });
    const client = createClient({ token: TEST_TOKEN, apiUrl: 'http://127.0.0.1:9/api' });
    const logs: string[] = [];
    // Before 09:00 in Istanbul, so the start-up catch-up has nothing to post
    const events = new SettingsEvents();
    const clock = (): Date => new Date('2024-06-01T05:00:00Z');
    const log = memoryLogger(logs);
    const deliverer = createDeliverer({ poster: createBriefingPoster(client), stores, clock, log });
    const scheduler = startScheduler({ deliverer, events, stores, clock, log });
    try {
      await scheduler.ready;
      const task = [...cron.getTasks().values()].find((t) => t.name === 'briefing:1')!;
      expect(task.getPattern()).toBe('0 9,10 * * *');
      const next = task.getNextRun()!;
      // The next run is at 09:00 or 10:00 Istanbul time, whatever the machine's timezone
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next)).toMatch(/^(09|10):00$/);

      await stores.guilds.saveGuildSettings({ ...(await stores.guilds.getGuildSettings('1'))!, time: '18:30', timezone: 'America/New_York' });
      events.announce('1');
      // The scheduler reads the new settings from the store before it reschedules
      const tasksOf = () => [...cron.getTasks().values()].filter((t) => t.name === 'briefing:1');
      await expect.poll(() => tasksOf().map((t) => t.getPattern())).toEqual(['30 18,19 * * *']);
      const tasks = tasksOf();
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(tasks[0]!.getNextRun()!)).toMatch(
        /^(18|19):30$/,
      );
    } finally {
      scheduler.stop();
      await client.destroy();
    }
    await expect.poll(() => [...cron.getTasks().values()].filter((t) => t.name === 'briefing:1')).toEqual([]);
  });
});

describe('rate limits', () => {
  test.each(['global', 'route'] as const)('GIVEN a %s rate limit answered with 429s THEN every guild still gets exactly one briefing', async (scope) => {
    const fake = await FakeDiscord.start();
    const file = tempLibraryPath();
    const clock = fakeClock('2024-06-01T08:00:00Z');
    const stores = openTestLibrary(file.path, clock.clock);
    const guilds = Array.from({ length: 12 }, (_, i) => ({ guild: String(600000000000000000n + BigInt(i)), channel: String(610000000000000000n + BigInt(i)) }));
    for (const { guild, channel } of guilds) {
      await stores.guilds.saveGuildSettings({ guildId: guild, channelId: channel, time: '09:00', timezone: 'UTC', roleId: null, postWhenEmpty: true, enabled: true });
    }
    await stores.close();
    const bot = await startBriefingBot(fake, file.path, clock.clock);
    try {
      fake.rateLimit(scope === 'global' ? { perSecond: 4, scope } : { perSecond: 1, scope });
      clock.set('2024-06-01T09:00:00Z');
      await Promise.all([...guilds.map(({ guild }) => bot.scheduler.runDue(guild)), bot.scheduler.runDue(guilds[0]!.guild)]);
      if (scope === 'global') expect(fake.rateLimited).toBeGreaterThan(0);
      expect(guilds.map(({ channel }) => fake.postsTo(channel).length)).toEqual(guilds.map(() => 1));
    } finally {
      await bot.close();
      await fake.close();
      file.cleanup();
    }
  });
});
