/**
 * What members meet, end to end through the real discord.js Client and the fake Discord:
 * servers only, permissions, quotas, dates every viewer reads alike, private errors.
 */
import { SHARED } from '../src/ingest/destination.js';
import { InteractionContextType } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import type { CommandLimits } from '../src/discord/command.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { startBot, type Bot } from '../src/main.js';
import { FakeDiscord, type RestCall, type SentInteraction } from './fake-discord/fake-discord.js';
import { chatInputPayload, type Invoker, type OptionInput } from './fake-discord/interactions.js';
import { memoryLogger, seededStores, startTestBot, TEST_TOKEN, type TestBot } from './fake-discord/harness.js';
import { guildPayload } from './fake-discord/payloads.js';
import { PUTIN, quote, reading } from './fake-discord/readings.js';
import { tempLibraryPath } from './fake-discord/briefing-bot.js';

const EPHEMERAL = 64;
const CHANNEL_MESSAGE = 4;
const DEFERRED = 5;
const NO_PERMISSIONS = '0';
const OTHER_USER = '200000000000000099';
// The harness's clock
const NOW = Date.parse('2024-06-01T08:00:00Z');
const LIMITS: CommandLimits = { quota: { memberMax: 2, memberWindowMs: 10 * 60_000, guildPerDay: 3 }, followsMax: 25 };

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The first thing Discord hears back about an interaction: what the member sees first. */
const firstCallback = (fake: FakeDiscord, sent: SentInteraction): Promise<RestCall> => fake.waitForResponse(sent);

const addText = (text: string): OptionInput[] => [{ name: 'add', options: [{ name: 'text', value: text }] }];
const paragraph = (n: number): string => `The council met on Monday for the ${n}th time. “We will build the ferry line,” the mayor said after the vote.`;

const seeded = seededStores;

describe('servers only', () => {
  test('GIVEN every command THEN it is registered for servers only', () => {
    for (const command of commands) expect(command.data.toJSON().contexts, command.data.name).toEqual([InteractionContextType.Guild]);
  });

  test.each([
    ['headline', []],
    ['article', addText(paragraph(1))],
    ['briefing', [{ name: 'status', options: [] }]],
  ] as [string, OptionInput[]][])('GIVEN /%s in a DM THEN it is refused privately and nothing is stored', async (name, options) => {
    t = await startTestBot({ stores: await seeded() });
    const sent = t.fake.command(name, options, { dm: true });
    const first = await firstCallback(t.fake, sent);
    expect(first.body).toMatchObject({ type: CHANNEL_MESSAGE, data: { flags: EPHEMERAL, content: expect.stringContaining('servers only') } });
    expect((await t.stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN autocomplete in a DM THEN no choices are offered', async () => {
    t = await startTestBot({ stores: await seeded() });
    const call = await t.fake.waitForResponse(t.fake.autocomplete('headline', [{ name: 'article', value: 'idlib', focused: true }], { dm: true }));
    expect(call.body.data.choices).toEqual([]);
  });
});

describe('permissions', () => {
  test('GIVEN the builders THEN /article defaults to Manage Messages and /briefing and /feed to Manage Server', () => {
    const defaults = Object.fromEntries(commands.map((c) => [c.data.name, c.data.toJSON().default_member_permissions ?? null]));
    expect(defaults).toMatchObject({ article: '8192', briefing: '32', feed: '32', headline: null, quotes: null, facts: null, articles: null });
  });

  test.each([
    ['briefing', [{ name: 'off', options: [] }], 'You need the Manage Server permission to run /briefing off.'],
    ['briefing', [{ name: 'now', options: [] }], 'You need the Manage Server permission to run /briefing now.'],
    ['feed', [{ name: 'remove', options: [{ name: 'url', value: 'https://example.com/feed' }] }], 'You need the Manage Server permission to run /feed remove.'],
  ] as [string, OptionInput[], string][])('GIVEN a member without Manage Server THEN /%s %j is refused by the bot itself', async (name, options, content) => {
    t = await startTestBot();
    const first = await firstCallback(t.fake, t.fake.command(name, options, { permissions: NO_PERMISSIONS }));
    expect(first.body).toMatchObject({ type: CHANNEL_MESSAGE, data: { flags: EPHEMERAL, content: expect.stringContaining(content) } });
  });

  test('GIVEN a member without Manage Server THEN /briefing setup saves nothing', async () => {
    t = await startTestBot();
    const options = [
      {
        name: 'setup',
        options: [
          { name: 'channel', value: t.fake.ids.channelId, type: 'channel' as const },
          { name: 'time', value: '09:00' },
          { name: 'timezone', value: 'UTC' },
        ],
      },
    ];
    const first = await firstCallback(t.fake, t.fake.command('briefing', options, { permissions: NO_PERMISSIONS }));
    expect(first.body.data.content).toContain('Manage Server');
    expect(await t.stores.guilds.getGuildSettings(t.fake.ids.guildId)).toBeNull();
  });

  test('GIVEN a member without Manage Server THEN reading commands still answer (/feed list, /briefing status)', async () => {
    t = await startTestBot();
    const list = await firstCallback(t.fake, t.fake.command('feed', [{ name: 'list', options: [] }], { permissions: NO_PERMISSIONS }));
    expect(list.body.data.content).not.toContain('permission');
    const status = await firstCallback(t.fake, t.fake.command('briefing', [{ name: 'status', options: [] }], { permissions: NO_PERMISSIONS }));
    expect(status.body.data.content).toContain('No daily briefing');
  });

  test('GIVEN a channel of another server the bot is in THEN /briefing setup refuses it', async () => {
    t = await startTestBot();
    const other = { ...t.fake.ids, guildId: '300000000000000077', channelId: '400000000000000077' };
    t.fake.gateway.dispatch('GUILD_CREATE', guildPayload(other));
    await expect.poll(() => t!.bot.client.channels.cache.has(other.channelId)).toBe(true);
    const channel = { name: 'channel', value: other.channelId, type: 'channel' as const, resolved: { guild_id: other.guildId } };
    const sent = t.fake.command('briefing', [{ name: 'setup', options: [channel, { name: 'time', value: '09:00' }, { name: 'timezone', value: 'UTC' }] }]);
    const first = await firstCallback(t.fake, sent);
    expect(first.body.data).toMatchObject({ flags: EPHEMERAL, content: `<#${other.channelId}> is not a channel of this server. Pick one of this server's text channels.` });
    expect(await t.stores.guilds.getGuildSettings(t.fake.ids.guildId)).toBeNull();
  });
});

describe('quotas', () => {
  const add = async (fake: FakeDiscord, text: string, invoker?: Invoker): Promise<RestCall> => firstCallback(fake, fake.command('article', addText(text), invoker));

  test('GIVEN a member at their quota THEN the next add is refused privately with when to try again, and another member may still add', async () => {
    t = await startTestBot({ limits: LIMITS });
    for (const n of [1, 2]) expect((await add(t.fake, paragraph(n))).body.data.embeds[0].description).toMatch(/^Added to the archive/);
    const refused = await add(t.fake, paragraph(3));
    const retry = (NOW + 10 * 60_000) / 1000;
    expect(refused.body.data).toMatchObject({
      flags: EPHEMERAL,
      content: `You have added 2 articles in the last 10 minutes, the most one member may add in that time. Try again <t:${retry}:R> (at <t:${retry}:t>).`,
    });
    expect((await t.stores.articles.listArticles('all')).total).toBe(2);
    expect((await add(t.fake, paragraph(4), { userId: OTHER_USER })).body.data.embeds[0].description).toMatch(/^Added/);
  });

  test('GIVEN a server at its daily quota THEN every member is refused with the server-wide reason', async () => {
    t = await startTestBot({ limits: LIMITS });
    await add(t.fake, paragraph(1));
    await add(t.fake, paragraph(2));
    await add(t.fake, paragraph(3), { userId: OTHER_USER });
    const refused = await add(t.fake, paragraph(4), { userId: OTHER_USER });
    expect(refused.body.data.content).toBe(
      `This server has added 3 articles in the last 24 hours, the most it may add in a day. Try again <t:${(NOW + 86_400_000) / 1000}:R> (at <t:${(NOW + 86_400_000) / 1000}:t>).`,
    );
    expect((await t.stores.articles.listArticles('all')).total).toBe(3);
  });

  test('GIVEN an article already in the archive THEN adding it again does not use the quota', async () => {
    t = await startTestBot({ limits: LIMITS });
    await add(t.fake, paragraph(1));
    expect((await add(t.fake, paragraph(1))).body.data.content).toMatch(/^Already in the archive as #1/);
    expect((await add(t.fake, paragraph(2))).body.data.embeds[0].description).toMatch(/^Added/);
  });

  test('GIVEN a restart THEN the quota is not reset', async () => {
    const file = tempLibraryPath();
    const fake = await FakeDiscord.start();
    const run = async (): Promise<{ bot: Bot; stores: Stores }> => {
      const stores = openStores(file.path, { now: () => NOW });
      const bot = await startBot({ config: { token: TEST_TOKEN, apiUrl: fake.apiUrl }, stores, limits: LIMITS, clock: () => new Date(NOW), log: memoryLogger([]) });
      return { bot, stores };
    };
    try {
      let running = await run();
      await add(fake, paragraph(1));
      await add(fake, paragraph(2));
      await running.bot.stop();
      await running.stores.close();
      running = await run();
      const refused = await add(fake, paragraph(3));
      expect(refused.body.data.content).toMatch(/^You have added 2 articles in the last 10 minutes/);
      await running.bot.stop();
      await running.stores.close();
    } finally {
      await fake.close();
      file.cleanup();
    }
  });
});

/** How Discord would show the message in `timeZone`: each `<t:…>` becomes a local date. */
function asSeenIn(payload: unknown, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  return JSON.stringify(payload).replace(/<t:(\d+)(?::\w)?>/g, (_, seconds: string) => format.format(Number(seconds) * 1000));
}

describe('dates without a time of day', () => {
  async function twoArticles(): Promise<Stores> {
    const stores = await seeded();
    await stores.articles.saveArticle(
      { source: 'sochi.txt', url: null, text: 'Putin said in Sochi…', title: 'Putin and Erdogan agree on a buffer zone', date: '2018-09-17' },
      reading({ title: 'Putin and Erdogan agree on a buffer zone', date: '2018-09-17', quotes: [quote('We agreed to set up a demilitarised zone,', PUTIN)], speakers: [PUTIN] }),
      SHARED,
    );
    return stores;
  }

  // Etc/GMT+5 is UTC-5 (the sign is POSIX's); Asia/Tokyo is UTC+9
  test.each(['Etc/GMT+5', 'Asia/Tokyo'])('GIVEN a viewer in %s THEN every command shows the article’s own date, 17 September 2018', async (timeZone) => {
    t = await startTestBot({ stores: await twoArticles() });
    const answers = [
      (await t.fake.waitForResponse(t.fake.command('headline', [{ name: 'article', value: '1' }]))).body.data,
      (await t.fake.waitForResponse(t.fake.command('articles'))).body.data,
      (await t.fake.waitForResponse(t.fake.command('facts', [{ name: 'article', value: '1' }]))).body.data,
      (await t.fake.waitForResponse(t.fake.command('quotes', [{ name: 'speaker', value: 'Putin' }]), (c) => c.method === 'PATCH')).body,
    ];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toMatch(/<t:\d+/);
      expect(asSeenIn(answer, timeZone)).toContain('17 September 2018');
      expect(asSeenIn(answer, timeZone)).not.toMatch(/1[68] September 2018/);
    }
  });
});

describe('errors are private from the first response', () => {
  const attachment = (fake: FakeDiscord, filename: string): SentInteraction => {
    const payload = chatInputPayload(fake.ids, 'article', [{ name: 'add', options: [{ name: 'file', value: '900000000000000001' }] }]);
    const data = payload.data as { options: { options: { type: number }[] }[]; resolved: Record<string, unknown> };
    data.options[0]!.options[0]!.type = 11; // ATTACHMENT
    data.resolved.attachments = {
      '900000000000000001': { id: '900000000000000001', filename, url: 'https://cdn.example/x', proxy_url: 'https://cdn.example/x', size: 600, content_type: 'application/pdf' },
    };
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: String(payload.id), token: String(payload.token), payload };
  };

  const cases: [string, (fake: FakeDiscord) => SentInteraction, RegExp][] = [
    ['an unknown speaker', (f) => f.command('quotes', [{ name: 'speaker', value: 'Erdogn' }]), /No quotes by Erdogn/],
    ['an unknown article', (f) => f.command('facts', [{ name: 'article', value: 'nothing like this' }]), /No article matches/],
    ['/article add with nothing to add', (f) => f.command('article', [{ name: 'add', options: [] }]), /exactly one of/],
    [
      '/article add with two sources',
      (f) =>
        f.command('article', [
          {
            name: 'add',
            options: [
              { name: 'url', value: 'https://example.com/a' },
              { name: 'text', value: 'Some text.' },
            ],
          },
        ]),
      /exactly one of/,
    ],
    ['/article add of an ftp link', (f) => f.command('article', [{ name: 'add', options: [{ name: 'url', value: 'ftp://example.com/a.txt' }] }]), /not an http or https address/],
    ['/article add of a PDF', (f) => attachment(f, 'report.pdf'), /only \.txt, \.md/],
    ['/article add of a private address', (f) => f.command('article', [{ name: 'add', options: [{ name: 'url', value: 'http://10.0.0.1/' }] }]), /private address/],
    [
      '/briefing setup at no time',
      (f) =>
        f.command('briefing', [
          {
            name: 'setup',
            options: [
              { name: 'channel', value: f.ids.channelId, type: 'channel' },
              { name: 'time', value: '25:99' },
              { name: 'timezone', value: 'UTC' },
            ],
          },
        ]),
      /is not a time/,
    ],
    [
      '/briefing setup in an unknown timezone',
      (f) =>
        f.command('briefing', [
          {
            name: 'setup',
            options: [
              { name: 'channel', value: f.ids.channelId, type: 'channel' },
              { name: 'time', value: '09:00' },
              { name: 'timezone', value: 'Mars/Olympus' },
            ],
          },
        ]),
      /not a timezone/,
    ],
    ['/briefing now before setup', (f) => f.command('briefing', [{ name: 'now', options: [] }]), /Run \/briefing setup first/],
    ['/feed add of a non-http address', (f) => f.command('feed', [{ name: 'add', options: [{ name: 'url', value: 'gopher://example.com' }] }]), /not an http or https address/],
    ['/headline of an article number not in the archive', (f) => f.command('headline', [{ name: 'article', value: '#999' }]), /No article matches/],
  ];

  test.each(cases)('GIVEN %s THEN the first callback is private and the answer says what to do', async (_, send, answer) => {
    t = await startTestBot({ stores: await seeded() });
    const sent = send(t.fake);
    const first = await firstCallback(t.fake, sent);
    expect(first.body.data?.flags).toBe(EPHEMERAL);
    if (first.body.type === DEFERRED) {
      const edit = await t.fake.waitForResponse(sent, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
      expect(edit.body.content).toMatch(answer);
    } else {
      expect(first.body.type).toBe(CHANNEL_MESSAGE);
      expect(first.body.data.content).toMatch(answer);
    }
    // Nothing public came first that had to be deleted
    expect(t.fake.calls.some((c) => c.token === sent.token && c.method === 'DELETE')).toBe(false);
  });

  test('GIVEN a member at their quota THEN the refusal is the first, private, answer', async () => {
    t = await startTestBot({ limits: { ...LIMITS, quota: { ...LIMITS.quota, memberMax: 1 } } });
    await firstCallback(t.fake, t.fake.command('article', addText(paragraph(1))));
    const first = await firstCallback(t.fake, t.fake.command('article', [{ name: 'add', options: [{ name: 'url', value: 'https://example.com/b' }] }]));
    expect(first.body).toMatchObject({ type: CHANNEL_MESSAGE, data: { flags: EPHEMERAL, content: expect.stringMatching(/^You have added 1 article in the last 10 minutes/) } });
  });
});
