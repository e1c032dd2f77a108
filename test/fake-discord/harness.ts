/** A running bot against the fake Discord, with a library and a log the test can read. */
import type { CommandLimits, Logger, SlashCommand } from '../../src/discord/command.js';
import type { QuotaStore } from '../../src/library/quota-store.js';
import { openLibrary } from '../../src/library/sqlite.js';
import { startBot, type Bot } from '../../src/main.js';
import { FakeDiscord } from './fake-discord.js';
import { MemoryLibrary } from './memory-library.js';

/** Shaped like a real bot token so redaction is tested against the real thing. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';

export interface TestBot {
  fake: FakeDiscord;
  bot: Bot;
  library: MemoryLibrary;
  logs: string[];
  close(): Promise<void>;
}

export function memoryLogger(lines: string[]): Logger {
  return {
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
}

/** A quota store in an in-memory SQLite file, for bots whose library is the memory one. */
export function memoryQuotas(): { quotas: QuotaStore; close(): void } {
  const archive = openLibrary(':memory:');
  return { quotas: archive.quotas, close: () => archive.close() };
}

export async function startTestBot(options: { library?: MemoryLibrary; commands?: SlashCommand[]; deferAfterMs?: number; limits?: CommandLimits } = {}): Promise<TestBot> {
  const fake = await FakeDiscord.start();
  const library = options.library ?? new MemoryLibrary();
  const logs: string[] = [];
  const quotas = memoryQuotas();
  try {
    const bot = await startBot({
      config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
      library,
      quotas: quotas.quotas,
      limits: options.limits,
      clock: () => new Date('2024-06-01T08:00:00Z'),
      log: memoryLogger(logs),
      commands: options.commands,
      deferAfterMs: options.deferAfterMs,
    });
    return { fake, bot, library, logs, close: async () => (await bot.stop(), await fake.close(), quotas.close()) };
  } catch (error) {
    await fake.close();
    quotas.close();
    throw error;
  }
}
