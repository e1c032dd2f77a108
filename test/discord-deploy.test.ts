import { afterEach, beforeEach, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import { deployCommands, DeployError } from '../src/discord/deploy.js';
import { deployBotCommands } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { TEST_TOKEN } from './fake-discord/harness.js';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => fake.close());

const clientId = '100000000000000001';

test('GIVEN a guild id THEN every command is PUT to that guild as a bulk overwrite', async () => {
  const count = await deployCommands({ token: TEST_TOKEN, clientId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl, commands });
  expect(count).toBe(commands.length);
  const call = await fake.waitFor((c) => c.method === 'PUT');
  expect(call.path).toBe(`/applications/${clientId}/guilds/${fake.ids.guildId}/commands`);
  expect(call.body.map((c: { name: string }) => c.name)).toEqual(commands.map((c) => c.data.name));
  expect(call.body.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['headline', 'quotes', 'facts', 'articles']));
  const quotes = call.body.find((c: { name: string }) => c.name === 'quotes');
  expect(quotes.options.map((o: { name: string; autocomplete: boolean }) => [o.name, o.autocomplete])).toEqual([
    ['speaker', true],
    ['article', true],
  ]);
  // Read commands are open to everyone.
  expect(quotes.default_member_permissions ?? null).toBeNull();
});

test('GIVEN no guild id THEN the commands are deployed globally', async () => {
  await deployCommands({ token: TEST_TOKEN, clientId, apiUrl: fake.apiUrl, commands });
  const call = await fake.waitFor((c) => c.method === 'PUT');
  expect(call.path).toBe(`/applications/${clientId}/commands`);
});

test('GIVEN Discord refuses the deploy THEN a DeployError says where, without the token', async () => {
  fake.fail({ method: 'PUT', path: /commands$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
  const failure = await deployCommands({ token: TEST_TOKEN, clientId, guildId: fake.ids.guildId, apiUrl: fake.apiUrl, commands }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(DeployError);
  expect((failure as Error).message).toMatch(new RegExp(`Deploying ${commands.length} commands to guild \\d+ failed: Missing Access`));
  expect((failure as Error).message).not.toContain(TEST_TOKEN);
});

test('GIVEN the config THEN briefing deploy registers every command of commands/index.ts', async () => {
  const count = await deployBotCommands({ token: TEST_TOKEN, clientId, guildId: null, apiUrl: fake.apiUrl });
  expect(count).toBe(commands.length);
});

test('GIVEN no client id THEN deploying says which variables it needs', async () => {
  await expect(deployBotCommands({ token: TEST_TOKEN, clientId: null, guildId: null, apiUrl: fake.apiUrl })).rejects.toThrow(/DISCORD_CLIENT_ID/);
});
