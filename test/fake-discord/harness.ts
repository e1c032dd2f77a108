/** A running bot against the fake Discord, with its stores and a log the test can read. */
import type { CommandLimits, Logger, SlashCommand } from '../../src/discord/command.js';
import { startBot, type Bot } from '../../src/main.js';
import { FakeDiscord } from './fake-discord.js';
import { openStores } from '../../src/library/open-stores.js';
import type { Stores } from '../../src/library/types.js';
import { idlibReading } from './readings.js';

/** Shaped like a real bot token so redaction is tested against the real thing. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';

export interface TestBot {
  fake: FakeDiscord;
  bot: Bot;
  stores: Stores;
  logs: string[];
  close(): Promise<void>;
}

/** What MemoryLibrary's clock did: each save one second after the previous, from November 2023. */
const CLOCK_START_MS = 1_700_000_000_000;
const CLOCK_STEP_MS = 1000;

/** Every store over a SQLite `:memory:` database, with a clock that ticks a second per call. */
export function memoryStores(): Stores {
  let clock = CLOCK_START_MS;
  return openStores(':memory:', { now: () => (clock += CLOCK_STEP_MS) });
}

/** Stores holding the seed article, as the engine reads it, in the shared collection (#1). */
export async function seededStores(): Promise<Stores> {
  const stores = memoryStores();
  await stores.articles.saveArticle(
    {
      source: 'data/articles/idlib-2018-09-17.txt',
      url: 'https://example.com/idlib',
      text: 'Erdogan said Idlib…',
      title: 'Erdogan urges a positive approach on Idlib before talks with Putin',
      date: '2018-09-17',
    },
    idlibReading(),
    { collection: 'shared' },
  );
  return stores;
}

export function memoryLogger(lines: string[]): Logger {
  return {
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
}

export async function startTestBot(
  options: { stores?: Stores; commands?: SlashCommand[]; deferAfterMs?: number; limits?: CommandLimits; briefingMaxItems?: number } = {},
): Promise<TestBot> {
  const fake = await FakeDiscord.start();
  const stores = options.stores ?? memoryStores();
  const logs: string[] = [];
  try {
    const bot = await startBot({
      config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
      stores,
      limits: options.limits,
      briefingMaxItems: options.briefingMaxItems,
      clock: () => new Date('2024-06-01T08:00:00Z'),
      log: memoryLogger(logs),
      commands: options.commands,
      deferAfterMs: options.deferAfterMs,
    });
    return { fake, bot, stores, logs, close: async () => (await bot.stop(), await fake.close(), await stores.close()) };
  } catch (error) {
    await fake.close();
    await stores.close();
    throw error;
  }
}
