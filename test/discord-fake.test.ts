import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Client, DiscordAPIError, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits, type TextChannel } from 'discord.js';
import { WebSocket } from 'ws';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { manyGuilds, shardOf } from './fake-discord/gateway.js';

describe('the fake Discord with a real discord.js Client', () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login('fake.token.value');
    await ready;
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  const channel = (): TextChannel => client.channels.cache.get(fake.ids.channelId) as TextChannel;

  test('GIVEN a login THEN the client sees the guild, its channel and roles', () => {
    const guild = client.guilds.cache.get(fake.ids.guildId);
    expect(guild?.name).toBe('Newsroom');
    expect(guild?.channels.cache.has(fake.ids.channelId)).toBe(true);
    expect(guild?.roles.cache.has(fake.ids.roleId)).toBe(true);
    expect(guild?.members.me?.id).toBe(fake.ids.botUserId);
    expect(fake.gateway.identified).toEqual(['fake.token.value']);
  });

  test('GIVEN a slash command THEN the client receives it and its reply is recorded', async () => {
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply({ content: `hi ${interaction.options.getString('who')}`, flags: MessageFlags.Ephemeral });
    });
    const sent = fake.command('hello', [{ name: 'who', value: 'there' }]);
    const call = await fake.waitForResponse(sent);
    expect(call.path).toBe(`/interactions/${sent.id}/${sent.token}/callback`);
    expect(call.body).toMatchObject({ type: 4, data: { content: 'hi there', flags: 64 } });
  });

  test('GIVEN a channel send THEN the message comes back with an id and the body is recorded', async () => {
    const message = await channel().send({ content: 'Daily briefing', allowedMentions: { parse: [] } });
    expect(message.id).toMatch(/^\d+$/);
    const call = await fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${fake.ids.channelId}/messages`);
    expect(call.body).toMatchObject({ content: 'Daily briefing', allowed_mentions: { parse: [] } });
  });

  test('GIVEN fetches of a channel, the guild and a member THEN they are answered', async () => {
    const fetched = await client.channels.fetch(fake.ids.channelId, { force: true });
    expect(fetched?.id).toBe(fake.ids.channelId);
    const guild = await client.guilds.fetch({ guild: fake.ids.guildId, force: true });
    expect(guild.name).toBe('Newsroom');
    const member = await guild.members.fetch({ user: fake.ids.userId, force: true });
    expect(member.user.username).toBe('reader');
  });

  test('GIVEN a route told to answer 403 THEN discord.js rejects with the status', async () => {
    fake.fail({ method: 'POST', path: `/channels/${fake.ids.channelId}/messages`, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const error = await channel()
      .send('hello')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(403);
  });

  test('GIVEN a route failing with 500 once THEN the next request succeeds', async () => {
    fake.fail({ method: 'POST', path: /\/messages$/, status: 500, times: 1 });
    // discord.js retries 5xx itself, so the send still succeeds after one failure.
    await channel().send('hello');
    expect(fake.calls.filter((c) => c.path.endsWith('/messages')).map((c) => c.status)).toEqual([500, 200]);
  });

  test('GIVEN a 429 with retry_after THEN discord.js waits and retries', async () => {
    fake.fail({ method: 'POST', path: /\/messages$/, status: 429, times: 1, retryAfter: 0.05 });
    await channel().send('hello');
    expect(fake.calls.filter((c) => c.path.endsWith('/messages')).map((c) => c.status)).toEqual([429, 200]);
  });
});

describe('the fake gateway', () => {
  test('GIVEN a heartbeat THEN it is acknowledged', async () => {
    const fake = await FakeDiscord.start();
    const socket = new WebSocket(fake.gatewayUrl);
    const ops: number[] = [];
    const acked = new Promise<void>((resolve) => {
      socket.on('message', (raw) => {
        const { op } = JSON.parse((raw as Buffer).toString('utf8')) as { op: number };
        ops.push(op);
        if (op === 10) socket.send(JSON.stringify({ op: 1, d: null }));
        if (op === 11) resolve();
      });
    });
    await acked;
    expect(ops).toEqual([10, 11]);
    socket.close();
    await fake.close();
  });
});

describe('the fake Discord for settings commands', () => {
  test('GIVEN a subcommand with channel and role options, and a member without permissions THEN discord.js sees both', async () => {
    const fake = await FakeDiscord.start();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login('fake.token.value');
    await ready;
    const seen = new Promise<string[]>((resolve) => {
      client.on(Events.InteractionCreate, (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        const { options } = interaction;
        resolve([options.getSubcommand(), options.getChannel('channel')?.id ?? '', options.getRole('role')?.name ?? '', options.getString('time') ?? '']);
      });
    });
    fake.command('briefing', [
      {
        name: 'setup',
        options: [
          { name: 'channel', type: 'channel', value: fake.ids.channelId },
          { name: 'role', type: 'role', value: fake.ids.roleId },
          { name: 'time', value: '08:00' },
        ],
      },
    ]);
    expect(await seen).toEqual(['setup', fake.ids.channelId, 'readers', '08:00']);
    const allowed = new Promise<boolean | undefined>((resolve) => {
      client.on(Events.InteractionCreate, (interaction) => resolve(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)));
    });
    fake.command('briefing', [{ name: 'off', options: [] }], { permissions: '0' });
    expect(await allowed).toBe(false);
    await client.destroy();
    await fake.close();
  });
});

describe('the fake gateway with shards', () => {
  const SHARDS = 3;
  let fake: FakeDiscord;
  const clients: Client[] = [];
  const guilds = manyGuilds(9);

  beforeEach(async () => {
    fake = await FakeDiscord.start({}, { shards: SHARDS });
    fake.addGuilds(guilds);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.destroy();
    await fake.close();
  });

  async function shardClient(shard: number): Promise<Client> {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, shards: [shard], shardCount: SHARDS });
    clients.push(client);
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login('fake.token.value');
    await ready;
    return client;
  }

  test('GIVEN GET /gateway/bot THEN it recommends the configured shard count', async () => {
    const response = await fetch(`${fake.apiUrl}/v10/gateway/bot`);
    expect(await response.json()).toMatchObject({ url: fake.gatewayUrl, shards: SHARDS });
  });

  test('GIVEN a client per shard THEN each holds exactly the guilds whose (id >> 22) % count is its shard', async () => {
    const held = await Promise.all([0, 1, 2].map(async (shard) => [...(await shardClient(shard)).guilds.cache.keys()].sort()));
    const expected = [0, 1, 2].map((shard) => [fake.ids.guildId, ...guilds.map((g) => g.guildId)].filter((id) => shardOf(id, SHARDS) === shard).sort());
    expect(held).toEqual(expected);
    // Every shard holds some, and none is held twice
    expect(held.every((ids) => ids.length > 0)).toBe(true);
    expect(fake.gateway.identifiedShards.map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/3', '1/3', '2/3']);
  });

  test("GIVEN a command in a guild THEN only the client holding the guild's shard receives it", async () => {
    const connected = await Promise.all([0, 1, 2].map((shard) => shardClient(shard)));
    const received: { shard: number; guildId: string | null }[] = [];
    connected.forEach((client, shard) => client.on(Events.InteractionCreate, (interaction) => received.push({ shard, guildId: interaction.guildId })));
    for (const guild of guilds) fake.command('headline', [], { guild });
    await expect.poll(() => received.length).toBe(guilds.length);
    expect(received.map((r) => r.guildId).sort()).toEqual(guilds.map((g) => g.guildId).sort());
    for (const { shard, guildId } of received) expect(shardOf(guildId!, SHARDS)).toBe(shard);
  });

  test('GIVEN a guild added while its shard is connected THEN that shard alone gets its GUILD_CREATE', async () => {
    const connected = await Promise.all([0, 1, 2].map((shard) => shardClient(shard)));
    const [added] = manyGuilds(1, 100);
    fake.addGuilds([added!]);
    const holder = shardOf(added!.guildId, SHARDS);
    await expect.poll(() => connected[holder]!.guilds.cache.has(added!.guildId)).toBe(true);
    expect(connected.filter((client) => client.guilds.cache.has(added!.guildId))).toHaveLength(1);
  });
});
