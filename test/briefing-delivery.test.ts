import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { renderBriefing } from '../src/discord/render-briefing.js';
import { briefingOf } from '../src/briefing/build-briefing.js';
import { postBriefing } from '../src/discord/post-briefing.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { ALL_PERMISSIONS, channelPayload, rolePayload } from './fake-discord/payloads.js';
import { idlibReading, mentionReading, PUTIN, quote, reading } from './fake-discord/readings.js';
import { expectWithinDiscordLimits } from './fake-discord/limits.js';
import { fakeClock, openTestLibrary, startBriefingBot, tempLibraryPath, type BriefingBot, type FakeClock } from './fake-discord/briefing-bot.js';
import type { Stores } from '../src/library/types.js';
import { claimDay } from './stores/delivery-jobs.js';

const EPHEMERAL = 64;
// Europe/Istanbul is UTC+3 all year: 09:00 there is 06:00Z
const TZ = 'Europe/Istanbul';
const DAY = '2024-06-01';

async function seed(stores: Stores, clock: FakeClock): Promise<void> {
  clock.set('2024-05-31T20:00:00Z');
  await stores.articles.saveArticle(
    { source: 'sochi.txt', url: null, text: 'Putin said in Sochi…', title: 'Putin and Erdogan agree on a buffer zone', date: '2024-05-31' },
    reading({
      title: 'Putin and Erdogan agree on a buffer zone',
      headline: 'Putin and Erdogan agree on an Idlib buffer zone',
      summary: ['Russia and Turkey agreed on a buffer zone in Idlib.'],
      quotes: [quote('We agreed to set up a demilitarised zone between the sides,', PUTIN)],
      speakers: [PUTIN],
    }),
    { collection: 'shared' },
  );
  clock.set('2024-06-01T04:00:00Z');
  await stores.articles.saveArticle(
    { source: 'idlib.txt', url: 'https://example.com/idlib', text: 'Erdogan said Idlib…', title: 'Erdogan urges a positive approach on Idlib', date: '2024-06-01' },
    idlibReading(),
    { collection: 'shared' },
  );
  clock.set('2024-06-01T05:00:00Z');
}

describe('the daily briefing, end to end', () => {
  let fake: FakeDiscord;
  let file: ReturnType<typeof tempLibraryPath>;
  let clock: FakeClock;
  let bot: BriefingBot | null = null;
  const ids = () => fake.ids;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    file = tempLibraryPath();
    clock = fakeClock('2024-06-01T05:00:00Z');
    const stores = openTestLibrary(file.path, clock.clock);
    await seed(stores, clock);
    await stores.close();
  });
  afterEach(async () => {
    await bot?.close();
    bot = null;
    await fake.close();
    file.cleanup();
  });

  const start = async (): Promise<BriefingBot> => (bot = await startBriefingBot(fake, file.path, clock.clock));
  const restart = async (): Promise<BriefingBot> => {
    await bot?.kill();
    return start();
  };
  const setup = async (options: { time?: string; timezone?: string; role?: boolean } = {}) => {
    const sent = fake.command('briefing', [
      {
        name: 'setup',
        options: [
          { name: 'channel', value: ids().channelId, type: 'channel' },
          { name: 'time', value: options.time ?? '09:00' },
          { name: 'timezone', value: options.timezone ?? TZ },
          ...(options.role ? [{ name: 'role', value: ids().roleId, type: 'role' as const }] : []),
        ],
      },
    ]);
    return fake.waitForResponse(sent);
  };
  // off, show and status answer at once, in the interaction callback
  const briefingCommand = async (sub: string) => fake.waitForResponse(fake.command('briefing', [{ name: sub, options: [] }]));
  const posts = () => fake.postsTo(ids().channelId);

  test('GIVEN setup THEN the scheduled run posts exactly one message with the articles ranked, and a second run that day posts nothing', async () => {
    const b = await start();
    const reply = await setup({ role: true });
    expect(reply.body.data.flags).toBe(EPHEMERAL);
    expect(reply.body.data.content).toContain('Daily briefing set: 09:00 Europe/Istanbul');
    expect(reply.body.data.content).toMatch(/Next run: 2024-06-01 09:00 \(Europe\/Istanbul\), <t:\d+:F>/);
    expect(b.schedules.at(-1)).toMatchObject({ expression: '0 9,10 * * *', options: { timezone: TZ, noOverlap: true } });
    expect(posts()).toHaveLength(0);

    clock.set('2024-06-01T06:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('sent');
    const [post] = posts();
    expect(posts()).toHaveLength(1);
    expectWithinDiscordLimits(post!.body);
    const titles = post!.body.embeds.map((e: { title: string }) => e.title);
    // The Idlib article has more quotes, speakers and facts: it leads
    expect(titles[0]).toContain('positive approach');
    expect(titles[1]).toContain('buffer zone');
    expect(post!.body.embeds[0].url).toBe('https://example.com/idlib');
    // The longest direct quote by a named person
    expect(post!.body.embeds[0].description).toContain('> “We fight against all terror groups. Similarly, we fight against terrorism in Idlib,”');
    expect(post!.body.embeds[0].description).toContain('— Recep Tayyip Erdogan');
    expect(post!.body.embeds.at(-1).footer.text).toBe(`Daily briefing · ${DAY} · part 1/1`);
    expect(await b.stores.deliveries.getDelivery(ids().guildId, DAY)).toMatchObject({ status: 'sent', messageIds: [expect.any(String)] });

    clock.set('2024-06-01T07:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('already');
    clock.set('2024-06-01T20:59:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('already');
    expect(posts()).toHaveLength(1);
  });

  test('GIVEN a role in setup THEN only that role is mentioned, and article text pings no one', async () => {
    const b = await start();
    await b.stores.articles.saveArticle({ source: 'x', text: '@everyone', title: 'Breaking @everyone <@123>', date: DAY }, mentionReading(), { collection: 'shared' });
    await setup({ role: true });
    clock.set('2024-06-01T06:00:00Z');
    await b.scheduler.runDue(ids().guildId);
    const [post] = posts();
    expect(post!.body.content).toMatch(new RegExp(`^<@&${ids().roleId}> \\*\\*Daily briefing\\*\\*`));
    expect(post!.body.allowed_mentions).toEqual({ parse: [], roles: [ids().roleId] });
    expect(post!.body.content).not.toMatch(/@everyone|<@123>|<@&456>/);
    expect(JSON.stringify(post!.body.embeds)).toContain('@everyone');
  });

  test('GIVEN a day with nothing new THEN nothing is posted, and status says so', async () => {
    const b = await start();
    await setup();
    clock.set('2024-06-01T06:00:00Z');
    await b.scheduler.runDue(ids().guildId);
    clock.set('2024-06-02T06:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('empty');
    expect(posts()).toHaveLength(1);
    const status = await briefingCommand('status');
    expect(status.body.data.content).toContain('Last delivery: 2024-06-02: nothing new, nothing posted.');
  });

  test('GIVEN a process killed between pending and sent, before posting THEN the restart posts it once', async () => {
    let b = await start();
    await setup();
    clock.set('2024-06-01T06:00:00Z');
    await claimDay(b.stores.deliveries, ids().guildId, DAY, [1, 2], { timezone: TZ });
    clock.set('2024-06-01T06:05:00Z');
    b = await restart();
    expect(posts()).toHaveLength(1);
    expect(await b.stores.deliveries.getDelivery(ids().guildId, DAY)).toMatchObject({ status: 'sent' });
    await restart();
    expect(posts()).toHaveLength(1);
  });

  test('GIVEN a process killed after posting but before recording it THEN the restart finds the message and posts nothing', async () => {
    let b = await start();
    await setup();
    clock.set('2024-06-01T06:00:00Z');
    await claimDay(b.stores.deliveries, ids().guildId, DAY, [1, 2], { timezone: TZ });
    const [messageId] = await postBriefing(b.client, ids().channelId, renderBriefing(await briefingOf(b.stores, ids().guildId, [1, 2], clock.clock()), DAY));
    clock.set('2024-06-01T06:05:00Z');
    b = await restart();
    expect(posts()).toHaveLength(1);
    expect(await b.stores.deliveries.getDelivery(ids().guildId, DAY)).toMatchObject({ status: 'sent', messageIds: [messageId] });
  });

  test('GIVEN a pending claim that cannot be checked THEN status reports it as interrupted and nothing is posted twice', async () => {
    const b = await start();
    await setup();
    clock.set('2024-06-01T06:00:00Z');
    await claimDay(b.stores.deliveries, ids().guildId, DAY, [1, 2], { timezone: TZ });
    fake.fail({ method: 'GET', path: `/channels/${ids().channelId}/messages`, status: 403, body: { message: 'Missing Access', code: 50001 } });
    clock.set('2024-06-01T06:05:00Z');
    await restart();
    expect(posts()).toHaveLength(0);
    const status = await briefingCommand('status');
    expect(status.body.data.content).toContain('interrupted: may or may not have been posted');
  });

  test('GIVEN a 403 from Discord THEN the failure is recorded, not retried, and /briefing status says a permission is missing', async () => {
    const b = await start();
    await setup();
    fake.fail({ method: 'POST', path: `/channels/${ids().channelId}/messages`, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    clock.set('2024-06-01T06:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('failed');
    await b.scheduler.runDue(ids().guildId);
    expect(fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages') && c.path.startsWith('/channels'))).toHaveLength(1);
    const status = await briefingCommand('status');
    expect(status.body.data.content).toContain('Last delivery: 2024-06-01: not delivered: missing permission');
    expect(status.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  test('GIVEN a deleted channel THEN status says the channel is gone', async () => {
    const b = await start();
    await setup();
    fake.fail({ method: 'POST', path: `/channels/${ids().channelId}/messages`, status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    clock.set('2024-06-01T06:00:00Z');
    await b.scheduler.runDue(ids().guildId);
    const status = await briefingCommand('status');
    expect(status.body.data.content).toContain('not delivered: deleted channel');
  });

  test.each([1, 5])('GIVEN %i 500s then a 200 THEN the briefing is delivered once, retried by the sweep after a backoff', async (times) => {
    const b = await start();
    await setup();
    fake.fail({ method: 'POST', path: `/channels/${ids().channelId}/messages`, status: 500, times });
    clock.set('2024-06-01T06:00:00Z');
    let outcome = await b.scheduler.runDue(ids().guildId);
    // discord.js tries 4 times at once; a fifth 500 is the job's to retry
    expect(outcome.kind).toBe(times < 4 ? 'sent' : 'retrying');
    while (outcome.kind === 'retrying') {
      clock.set(new Date(outcome.nextAttemptAt));
      outcome = (await b.scheduler.catchUp())[0]!;
    }
    expect(outcome.kind).toBe('sent');
    expect(fake.messagesIn(ids().channelId)).toHaveLength(1);
    expect(await b.stores.deliveries.getDelivery(ids().guildId, DAY)).toMatchObject({ status: 'sent', attempts: times < 4 ? 1 : 2 });
  });

  test('GIVEN Discord answering 503 for two minutes THEN the briefing is retried with backoff, status says so, and it goes out once Discord recovers', async () => {
    const b = await start();
    await setup();
    fake.fail({ method: 'POST', path: `/channels/${ids().channelId}/messages`, status: 503 });
    clock.set('2024-06-01T06:00:00Z');
    let outcome = await b.scheduler.runDue(ids().guildId);
    const waits: number[] = [];
    while (outcome.kind === 'retrying' && clock.clock().getTime() < Date.parse('2024-06-01T06:02:00Z')) {
      waits.push(outcome.nextAttemptAt - clock.clock().getTime());
      clock.set(new Date(outcome.nextAttemptAt));
      outcome = (await b.scheduler.catchUp())[0]!;
    }
    expect(waits.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 40_000]);
    const status = await briefingCommand('status');
    expect(status.body.data.content).toMatch(/Last delivery: 2024-06-01: not delivered yet, retrying until the day ends: attempt \d+ failed \(Discord error: 503/);
    fake.clearFailures();
    clock.set(new Date((outcome as { nextAttemptAt: number }).nextAttemptAt));
    expect((await b.scheduler.catchUp()).map((o) => o.kind)).toContain('sent');
    expect(fake.messagesIn(ids().channelId)).toHaveLength(1);
    expect((await b.stores.deliveries.getDelivery(ids().guildId, DAY))?.status).toBe('sent');
  });

  test('GIVEN 503s all day THEN the day is failed only when it ends, and status gives the reason', async () => {
    // Backoff up to two hours, so the day is a dozen attempts
    const b = (bot = await startBriefingBot(fake, file.path, clock.clock, { timings: { retryMaxMs: 2 * 3_600_000 } }));
    await setup();
    fake.fail({ method: 'POST', path: `/channels/${ids().channelId}/messages`, status: 503 });
    clock.set('2024-06-01T06:00:00Z');
    let outcome = await b.scheduler.runDue(ids().guildId);
    while (outcome.kind === 'retrying') {
      clock.set(new Date(outcome.nextAttemptAt));
      outcome = (await b.scheduler.catchUp())[0]!;
    }
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringContaining('Discord error: 503') });
    // Given up on the last attempt before the day (Istanbul) ends at 21:00Z, not earlier
    expect(clock.clock().getTime()).toBeGreaterThan(Date.parse('2024-06-01T19:00:00Z'));
    expect(clock.clock().getTime()).toBeLessThan(Date.parse('2024-06-01T21:00:00Z'));
    const status = await briefingCommand('status');
    expect(status.body.data.content).toMatch(/Last delivery: 2024-06-01: not delivered: Discord error: 503.*until the day ended/);
    expect(fake.messagesIn(ids().channelId)).toHaveLength(0);
  });

  test.each([
    [{ time: '9am' }, '“9am” is not a time. Use HH:MM'],
    [{ time: '24:00' }, '“24:00” is not a time.'],
    [{ timezone: 'Mars/Olympus' }, '“Mars/Olympus” is not a timezone I know. Use an IANA name'],
    [{ timezone: 'Europe/Istambul' }, 'is not a timezone I know'],
  ])('GIVEN setup with %o THEN it is refused privately and nothing is saved', async (options, message) => {
    const b = await start();
    const reply = await setup(options);
    expect(reply.body.data.flags).toBe(EPHEMERAL);
    expect(reply.body.data.content).toContain(message);
    expect(await b.stores.guilds.getGuildSettings(ids().guildId)).toBeNull();
  });

  test('GIVEN a channel where the bot may not send messages THEN setup says what is missing', async () => {
    const b = await start();
    const deny = (1n << 11n) | (1n << 14n); // Send Messages, Embed Links
    // An administrator ignores overwrites, so @everyone loses Administrator first
    const everyone = { ...rolePayload(ids().guildId, '@everyone', 0), permissions: String(BigInt(ALL_PERMISSIONS) & ~(1n << 3n)) };
    fake.gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: ids().guildId, role: everyone });
    await expect.poll(() => b.client.guilds.cache.get(ids().guildId)?.roles.everyone.permissions.has(8n)).toBe(false);
    fake.gateway.dispatch('CHANNEL_UPDATE', { ...channelPayload(ids()), permission_overwrites: [{ id: ids().guildId, type: 0, allow: '0', deny: String(deny) }] });
    await expect.poll(() => (b.client.channels.cache.get(ids().channelId) as { permissionOverwrites?: { cache: Map<string, unknown> } })?.permissionOverwrites?.cache.size).toBe(1);
    const reply = await setup();
    expect(reply.body.data.content).toContain('missing Send Messages, Embed Links');
    expect(await b.stores.guilds.getGuildSettings(ids().guildId)).toBeNull();
  });

  test('GIVEN a role nobody may mention and a bot without Mention @everyone THEN setup and status say it will not ping, and how to fix it', async () => {
    const b = await start();
    const mentionEveryone = 1n << 17n;
    // An administrator may mention any role, so @everyone loses Administrator and Mention @everyone
    const everyone = { ...rolePayload(ids().guildId, '@everyone', 0), permissions: String(BigInt(ALL_PERMISSIONS) & ~(1n << 3n) & ~mentionEveryone) };
    const readers = { ...rolePayload(ids().roleId, 'readers', 1), mentionable: false };
    fake.gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: ids().guildId, role: everyone });
    fake.gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: ids().guildId, role: readers });
    await expect.poll(() => b.client.guilds.cache.get(ids().guildId)?.roles.cache.get(ids().roleId)?.mentionable).toBe(false);
    const reply = await fake.waitForResponse(
      fake.command('briefing', [
        {
          name: 'setup',
          options: [
            { name: 'channel', value: ids().channelId, type: 'channel' },
            { name: 'time', value: '09:00' },
            { name: 'timezone', value: TZ },
            { name: 'role', value: ids().roleId, type: 'role', resolved: { mentionable: false } },
          ],
        },
      ]),
    );
    expect(reply.body.data.content).toContain('Daily briefing set: 09:00 Europe/Istanbul');
    expect(reply.body.data.content).toContain(`<@&${ids().roleId}> will not be pinged: the role is not mentionable`);
    expect(reply.body.data.content).toContain('Allow anyone to @mention this role');
    expect(reply.body.data.allowed_mentions).toEqual({ parse: [] });
    expect((await b.stores.guilds.getGuildSettings(ids().guildId))?.roleId).toBe(ids().roleId);
    expect((await briefingCommand('status')).body.data.content).toContain(`<@&${ids().roleId}> will not be pinged`);

    // Made mentionable: status stops warning
    fake.gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: ids().guildId, role: { ...readers, mentionable: true } });
    await expect.poll(() => b.client.guilds.cache.get(ids().guildId)?.roles.cache.get(ids().roleId)?.mentionable).toBe(true);
    expect((await briefingCommand('status')).body.data.content).not.toContain('will not be pinged');
  });

  test('GIVEN a mentionable role THEN setup gives no warning about pings', async () => {
    await start();
    expect((await setup({ role: true })).body.data.content).not.toContain('will not be pinged');
  });

  test('GIVEN the bot was down at 09:00 THEN it delivers once when it comes back the same day, and not the next day', async () => {
    const b = await start();
    await setup();
    await b.kill();
    clock.set('2024-06-01T10:00:00Z');
    await restart();
    expect(posts()).toHaveLength(1);
    await restart();
    expect(posts()).toHaveLength(1);
  });

  test('GIVEN the bot was down all day THEN the missed day is not posted the next morning before its time', async () => {
    await start();
    await setup();
    clock.set('2024-06-02T05:30:00Z');
    const b = await restart();
    expect(posts()).toHaveLength(0);
    expect(await b.stores.deliveries.lastDelivery(ids().guildId)).toBeNull();
  });

  test('GIVEN /briefing off THEN the task is destroyed and the tick posts nothing', async () => {
    const b = await start();
    await setup();
    const off = await briefingCommand('off');
    expect(off.body.data.content).toContain('The daily briefing is off');
    expect(b.schedules.at(-1)!.destroyed).toBe(true);
    expect(b.scheduler.scheduled()).toEqual([]);
    clock.set('2024-06-01T06:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('disabled');
    expect(posts()).toHaveLength(0);
  });

  test('GIVEN /briefing show THEN only the caller sees a preview and nothing is posted or logged', async () => {
    const b = await start();
    await setup();
    const reply = await briefingCommand('show');
    expect(reply.body.data.flags).toBe(EPHEMERAL);
    expect(reply.body.data.content).toContain('Preview of the next briefing');
    expect(reply.body.data.embeds[0].title).toContain('positive approach');
    expect(posts()).toHaveLength(0);
    expect(await b.stores.deliveries.lastDelivery(ids().guildId)).toBeNull();
  });

  test('GIVEN /briefing now THEN it posts at once, logs it as today’s, and the scheduled run does not post again', async () => {
    const b = await start();
    await setup();
    const sent = fake.command('briefing', [{ name: 'now', options: [] }]);
    expect((await fake.waitForResponse(sent)).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const answer = await fake.waitForResponse(sent, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    expect(answer.body.content).toContain('Posted the briefing (1 message)');
    expect(posts()).toHaveLength(1);
    expect((await b.stores.deliveries.getDelivery(ids().guildId, DAY))?.status).toBe('sent');
    clock.set('2024-06-01T06:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('already');
    expect(posts()).toHaveLength(1);
  });
  test('GIVEN a delivered briefing THEN /briefing status gives the next run in local and Discord time and the last delivery', async () => {
    const b = await start();
    await setup({ role: true });
    clock.set('2024-06-01T06:00:00Z');
    await b.scheduler.runDue(ids().guildId);
    clock.set('2024-06-01T12:00:00Z');
    const status = await briefingCommand('status');
    const next = Date.parse('2024-06-02T06:00:00Z') / 1000;
    expect(status.body.data.flags).toBe(EPHEMERAL);
    expect(status.body.data.content).toContain(`Daily briefing: 09:00 Europe/Istanbul in <#${ids().channelId}>, mentioning <@&${ids().roleId}>.`);
    expect(status.body.data.content).toContain(`Next run: 2024-06-02 09:00 (Europe/Istanbul), <t:${next}:F> in your time.`);
    expect(status.body.data.content).toContain('Last delivery: 2024-06-01: sent (1 message).');
    expect(status.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  test('GIVEN a failed day and the permission fixed THEN /briefing now posts an extra briefing, logged under its own key', async () => {
    const b = await start();
    await setup();
    fake.fail({ method: 'POST', path: `/channels/${ids().channelId}/messages`, status: 403, body: { message: 'Missing Permissions', code: 50013 }, times: 1 });
    clock.set('2024-06-01T06:00:00Z');
    expect((await b.scheduler.runDue(ids().guildId)).kind).toBe('failed');
    const sent = fake.command('briefing', [{ name: 'now', options: [] }]);
    expect((await fake.waitForResponse(sent)).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const answer = await fake.waitForResponse(sent, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    expect(answer.body.content).toContain('Posted the briefing (1 message)');
    expect(posts()).toHaveLength(1);
    expect((await b.stores.deliveries.getDelivery(ids().guildId, `${DAY}+2`))?.status).toBe('sent');
    expect(posts()[0]!.body.embeds.at(-1).footer.text).toBe(`Daily briefing · ${DAY}+2 · part 1/1`);
  });

  test('GIVEN setup after today’s time has passed THEN today’s briefing is posted at once, and only once', async () => {
    const b = await start();
    clock.set('2024-06-01T07:00:00Z');
    const reply = await setup();
    expect(reply.body.data.content).toContain('Today’s 09:00 has passed, so today’s briefing goes out now');
    await fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${ids().channelId}/messages`);
    await expect.poll(async () => (await b.stores.deliveries.getDelivery(ids().guildId, DAY))?.status).toBe('sent');
    await b.scheduler.runDue(ids().guildId);
    expect(posts()).toHaveLength(1);
  });
  test.each([
    [true, 'sent'],
    [false, 'failed'],
  ])('GIVEN yesterday’s claim left pending (posted: %s) THEN the restart settles it as %s and never posts it today', async (wasPosted, status) => {
    let b = await start();
    await setup();
    clock.set('2024-06-01T06:00:00Z');
    await claimDay(b.stores.deliveries, ids().guildId, DAY, [1, 2], { timezone: TZ });
    if (wasPosted) await postBriefing(b.client, ids().channelId, renderBriefing(await briefingOf(b.stores, ids().guildId, [1, 2], clock.clock()), DAY));
    const before = posts().length;
    clock.set('2024-06-02T05:00:00Z');
    b = await restart();
    expect(posts()).toHaveLength(before);
    expect((await b.stores.deliveries.getDelivery(ids().guildId, DAY))?.status).toBe(status);
    if (!wasPosted) expect((await b.stores.deliveries.getDelivery(ids().guildId, DAY))?.error).toContain('the day was over');
  });
  test('GIVEN an interrupted claim and several ticks at once THEN it is reconciled and posted once', async () => {
    const b = await start();
    await setup();
    clock.set('2024-06-01T06:00:00Z');
    await claimDay(b.stores.deliveries, ids().guildId, DAY, [1, 2], { timezone: TZ });
    clock.set('2024-06-01T06:05:00Z');
    const outcomes = await Promise.all([1, 2, 3].map(() => b.scheduler.runDue(ids().guildId)));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'busy', 'sent']);
    expect(posts()).toHaveLength(1);
  });
});
