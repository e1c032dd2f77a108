/**
 * Fan-out: 1000 guilds due at the same minute, one discord.js Client, the fake Discord
 * enforcing 50 requests/s with 429s. Reports the total time against the floor of 1000/50 s
 * and checks that every guild got exactly one briefing. Deliveries run as they do in the bot:
 * each a leased job (claimed, renewed, settled) and each part posted with an enforced nonce.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from 'discord.js';
import { createDeliverer } from '../src/briefing/deliver.js';
import { startScheduler } from '../src/briefing/scheduler.js';
import { SettingsEvents } from '../src/briefing/settings-events.js';
import { createClient } from '../src/discord/client.js';
import { createBriefingPoster } from '../src/discord/post-briefing.js';
import type { Logger } from '../src/logger.js';
import { openStores } from '../src/library/open-stores.js';
import { FakeDiscord } from '../test/fake-discord/fake-discord.js';
import { idlibReading } from '../test/fake-discord/readings.js';

const GUILDS = 1000;
const REQUESTS_PER_SECOND = 50; // Discord's global limit for a bot
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const DUE = new Date('2024-06-01T09:00:00Z');

const guildId = (i: number): string => String(700000000000000000n + BigInt(i));
const channelId = (i: number): string => String(800000000000000000n + BigInt(i));

/** Runs the fan-out and returns the lines to print. */
export async function benchFanout(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-fanout-'));
  const fake = await FakeDiscord.start();
  let clock = new Date(DUE.getTime() - 3_600_000);
  const stores = openStores(join(dir, 'library.sqlite'), { now: () => clock.getTime() });
  const client = createClient({ token: TOKEN, apiUrl: fake.apiUrl });
  const warnings: string[] = [];
  const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  try {
    await stores.articles.saveArticle({ source: 'idlib.txt', url: 'https://example.com/idlib', text: 'Erdogan said Idlib…', title: null, date: '2024-06-01' }, idlibReading(), {
      collection: 'shared',
    });
    for (let i = 0; i < GUILDS; i++) {
      await stores.guilds.saveGuildSettings({ guildId: guildId(i), channelId: channelId(i), time: '09:00', timezone: 'UTC', roleId: null, postWhenEmpty: false, enabled: true });
    }
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(TOKEN);
    await ready;
    // Node-cron is replaced by the ticks below: every guild's task fires in the same minute
    const deliverer = createDeliverer({ poster: createBriefingPoster(client), stores, clock: () => clock, log });
    const scheduler = startScheduler({ deliverer, events: new SettingsEvents(), stores, clock: () => clock, log, schedule: () => ({ destroy: () => undefined }) });
    await scheduler.ready;
    fake.rateLimit({ perSecond: REQUESTS_PER_SECOND, scope: 'global' });
    clock = DUE;
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: GUILDS }, (_, i) => scheduler.runDue(guildId(i), DUE)));
    const seconds = (performance.now() - started) / 1000;
    // A second tick in the same minute must post nothing more
    const again = await Promise.all(Array.from({ length: GUILDS }, (_, i) => scheduler.runDue(guildId(i), DUE)));
    scheduler.stop();
    const counts = Array.from({ length: GUILDS }, (_, i) => fake.messagesIn(channelId(i)).length);
    const posts = fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/') && c.status === 200);
    const nonced = posts.filter((c) => typeof c.body?.nonce === 'string' && c.body.enforce_nonce === true).length;
    const leased = (await Promise.all(Array.from({ length: GUILDS }, (_, i) => stores.deliveries.getDelivery(guildId(i), '2024-06-01')))).filter(
      (d) => d?.status === 'sent' && d.attempts === 1,
    ).length;
    const once = counts.filter((n) => n === 1).length;
    const floor = GUILDS / REQUESTS_PER_SECOND;
    const sent = outcomes.filter((o) => o.kind === 'sent').length;
    return [
      `fan-out: ${GUILDS} guilds due at the same minute, one client, fake Discord at ${REQUESTS_PER_SECOND} req/s (global bucket, 429 + retry_after)`,
      `  total ${seconds.toFixed(1)} s against a floor of ${floor.toFixed(0)} s (${(seconds / floor).toFixed(2)}× the floor)`,
      `  ${sent}/${GUILDS} delivered; exactly one briefing in ${once}/${GUILDS} channels; none in ${counts.filter((n) => n === 0).length}; more than one in ${counts.filter((n) => n > 1).length}`,
      `  429s answered by the fake: ${fake.rateLimited}; second tick in the same minute posted ${again.filter((o) => o.kind === 'sent').length}`,
      `  posts with an enforced nonce: ${nonced}/${posts.length}; jobs claimed once and settled sent: ${leased}/${GUILDS}`,
      `  ${once === GUILDS ? 'OK' : 'FAILED'}: every guild got exactly one briefing${warnings.length ? `; ${warnings.length} warning(s), first: ${warnings[0]}` : ''}`,
    ].join('\n');
  } finally {
    await client.destroy();
    await stores.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
