/** A running bot against the fake Discord, with a library and a log the test can read. */
import type { Logger, SlashCommand } from '../../src/discord/command.js';
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

export async function startTestBot(options: { library?: MemoryLibrary; commands?: SlashCommand[]; deferAfterMs?: number } = {}): Promise<TestBot> {
  const fake = await FakeDiscord.start();
  const library = options.library ?? new MemoryLibrary();
  const logs: string[] = [];
  try {
    const bot = await startBot({
      config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
      library,
      clock: () => new Date('2024-06-01T08:00:00Z'),
      log: memoryLogger(logs),
      commands: options.commands,
      deferAfterMs: options.deferAfterMs,
    });
    return { fake, bot, library, logs, close: async () => (await bot.stop(), await fake.close()) };
  } catch (error) {
    await fake.close();
    throw error;
  }
}
