import { afterEach, expect, test } from 'vitest';
import { BotLoginError, startBot } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, memoryQuotas, startTestBot, TEST_TOKEN, type TestBot } from './fake-discord/harness.js';
import { MemoryLibrary } from './fake-discord/memory-library.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

test('GIVEN a started bot THEN it logs who it is, without the token', async () => {
  t = await startTestBot();
  expect(t.logs).toEqual(['info: Logged in as briefing, in 1 server(s).']);
  expect(t.bot.client.options.allowedMentions).toEqual({ parse: [] });
});

test('GIVEN stop() THEN the gateway connection is closed and stopping again is harmless', async () => {
  t = await startTestBot();
  expect(t.fake.gateway.connections).toBe(1);
  await t.bot.stop();
  await t.fake.gateway.disconnected();
  expect(t.fake.gateway.connections).toBe(0);
  await t.bot.stop();
});

test('GIVEN Discord refuses the token THEN startBot fails with a clear error that does not contain it', async () => {
  const fake = await FakeDiscord.start();
  fake.fail({ path: '/gateway/bot', status: 401, body: { message: '401: Unauthorized', code: 0 } });
  const logs: string[] = [];
  const options = { config: { token: TEST_TOKEN, apiUrl: fake.apiUrl }, library: new MemoryLibrary(), quotas: memoryQuotas().quotas, clock: () => new Date(), log: memoryLogger(logs) };
  const error = (await startBot(options).catch((e: unknown) => e)) as Error;
  await fake.close();
  expect(error).toBeInstanceOf(BotLoginError);
  expect(error.message).toMatch(/^Logging in to Discord failed: /);
  expect(error.message).not.toContain(TEST_TOKEN);
});

test('GIVEN no token THEN startBot refuses and points to the offline preview', async () => {
  const options = { config: { token: null, apiUrl: null }, library: new MemoryLibrary(), quotas: memoryQuotas().quotas, clock: () => new Date(), log: memoryLogger([]) };
  await expect(startBot(options)).rejects.toThrow(/offline preview/);
});
