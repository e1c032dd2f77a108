/**
 * Every source goes through the one ingest service: the folder, `briefing ingest`, `/article
 * add url:|file:|text:` and a feed item. A recording service in front of the real one shows
 * which of its methods each source called, and with which destination.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.js';
import { ingestTargets } from '../src/cli.js';
import type { Destination } from '../src/ingest/destination.js';
import { pollDueFeeds } from '../src/ingest/feed-poller.js';
import { importFolder } from '../src/ingest/folder.js';
import type { IngestService } from '../src/ingest/ingest-service.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { startBot, type Bot } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';
import { chatInputPayload } from './fake-discord/interactions.js';
import { startFixtureServer, type FixtureServer } from './http-fixture-server.js';
import { inThreadIngest } from './ingest-harness.js';

interface Call {
  method: keyof IngestService;
  destination?: Destination;
}

/** The real service, with each call written down. */
function recording(service: IngestService): { service: IngestService; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    service: {
      file: (path, destination) => (calls.push({ method: 'file', destination }), service.file(path, destination)),
      url: (url, destination) => (calls.push({ method: 'url', destination }), service.url(url, destination)),
      attachment: (a, destination, o) => (calls.push({ method: 'attachment', destination }), service.attachment(a, destination, o)),
      text: (text, destination, o) => (calls.push({ method: 'text', destination }), service.text(text, destination, o)),
      feedItem: (item, feedUrl, destination) => (calls.push({ method: 'feedItem', destination }), service.feedItem(item, feedUrl, destination)),
      feed: (url, validators) => (calls.push({ method: 'feed' }), service.feed(url, validators)),
    },
  };
}

const SHARED = { collection: 'shared' };
const PIER = 'Pier to be rebuilt\n\n“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.\n';

let server: FixtureServer;
beforeAll(async () => void (server = await startFixtureServer()));
afterAll(async () => server.close());

let stores: Stores;
let record: ReturnType<typeof recording>;
let dir: string;
beforeEach(() => {
  stores = openStores(':memory:');
  record = recording(inThreadIngest(stores.articles));
  dir = mkdtempSync(join(tmpdir(), 'briefing-sources-'));
});
afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sources outside Discord', () => {
  test('GIVEN a folder THEN each file goes through the service as a file, into the shared collection', async () => {
    writeFileSync(join(dir, 'pier.txt'), PIER);
    const summary = await importFolder(dir, { ingest: record.service });
    expect(summary.created).toBe(1);
    expect(record.calls).toEqual([{ method: 'file', destination: SHARED }]);
  });

  test('GIVEN `briefing ingest` with a URL and a file THEN each goes through the service', async () => {
    const path = join(dir, 'pier.md');
    writeFileSync(path, PIER);
    const reports = await ingestTargets([`${server.base}/news-page.html`, path], record.service);
    expect(reports.map((r) => r.ok)).toEqual([true, true]);
    expect(record.calls).toEqual([
      { method: 'url', destination: SHARED },
      { method: 'file', destination: SHARED },
    ]);
  });

  test('GIVEN a feed poll THEN the feed and each item go through the service, into the server that follows it', async () => {
    server.setChangingFeed(1);
    await stores.feeds.addFeed({ guildId: 'g1', url: `${server.base}/changing.xml`, channelId: null, now: 0 });
    const [result] = await pollDueFeeds({ ingest: record.service, feeds: stores.feeds, clock: () => new Date(0) });
    expect(result).toMatchObject({ status: 'polled', stored: [{ title: 'Harbour council approves new ferry line' }] });
    expect(record.calls).toEqual([{ method: 'feed' }, { method: 'feedItem', destination: { collection: 'guild', guildId: 'g1', addedBy: null } }]);
  });
});

describe('/article add through the real discord.js client', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
    bot = await startBot({
      config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
      stores,
      ingest: record.service,
      clock: () => new Date('2024-06-01T08:00:00Z'),
      log: memoryLogger([]),
      commands,
    });
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
  });

  const answered = (sent: ReturnType<FakeDiscord['command']>) =>
    fake.waitForResponse(sent, (c) => (c.method === 'PATCH' && c.path.endsWith('/messages/@original')) || (c.method === 'POST' && c.path.startsWith('/webhooks/')));
  const member = () => ({ collection: 'guild', guildId: fake.ids.guildId, addedBy: expect.stringMatching(/^\d+$/) });

  test('GIVEN url: THEN it goes through the service as a URL, into the server, by the member', async () => {
    const answer = await answered(fake.command('article', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/json-ld-page.html` }] }]));
    expect(answer.body.embeds[0].title).toBe('Mountain railway reopens after landslide');
    expect(record.calls).toEqual([{ method: 'url', destination: member() }]);
  });

  test('GIVEN text: THEN it goes through the service as text', async () => {
    // Pasted text is read at once: answered in the first callback, privately
    const answer = await fake.waitForResponse(fake.command('article', [{ name: 'add', options: [{ name: 'text', value: PIER }] }]));
    expect(answer.body.data).toMatchObject({ flags: 64, embeds: [{ title: 'Pier to be rebuilt' }] });
    expect(record.calls).toEqual([{ method: 'text', destination: member() }]);
  });

  test('GIVEN file: THEN it goes through the service as an attachment', async () => {
    const attachmentId = '900000000000000002';
    const payload = chatInputPayload(fake.ids, 'article', [{ name: 'add', options: [{ name: 'file', value: attachmentId }] }]);
    const data = payload.data as { options: { options: { type: number }[] }[]; resolved: Record<string, unknown> };
    data.options[0]!.options[0]!.type = 11; // ATTACHMENT
    const url = `${server.base}/plain-article.txt`;
    data.resolved.attachments = { [attachmentId]: { id: attachmentId, filename: 'quota.txt', url, proxy_url: url, size: 600, content_type: 'text/plain' } };
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    const answer = await answered({ id: String(payload.id), token: String(payload.token), payload });
    expect(answer.body.embeds[0].title).toBe('Fishermen protest new quota rules');
    expect(record.calls).toEqual([{ method: 'attachment', destination: member() }]);
  });
});
