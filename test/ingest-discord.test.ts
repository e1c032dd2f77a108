import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createArticleCommand } from '../commands/article.js';
import { createFeedCommand } from '../commands/feed.js';
import { commands } from '../commands/index.js';
import { renderFeedArticles } from '../src/discord/render-ingest.js';
import { FEED_INTERVAL_MS, pollDueFeeds } from '../src/ingest/feed-poller.js';
import type { Feed } from '../src/library/feed-store.js';
import type { StoredArticle } from '../src/library/types.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { startBot, type Bot } from '../src/main.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { memoryLogger, TEST_TOKEN } from './fake-discord/harness.js';
import { chatInputPayload } from './fake-discord/interactions.js';
import { expectWithinDiscordLimits } from './fake-discord/limits.js';
import { startFixtureServer, type FixtureServer } from './http-fixture-server.js';
import { inThreadIngest } from './ingest-harness.js';

const EPHEMERAL = 64;
const DEFERRED = 5;
const NOW = new Date('2024-06-01T08:00:00Z');

let server: FixtureServer;
beforeAll(async () => void (server = await startFixtureServer()));
afterAll(async () => server.close());

describe('/article and /feed through the real discord.js client', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  let stores: Stores;
  const logs: string[] = [];

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    stores = openStores(':memory:');
    bot = await startBot({
      config: { token: TEST_TOKEN, apiUrl: fake.apiUrl },
      stores,
      ingest: inThreadIngest(stores.articles),
      clock: () => NOW,
      log: memoryLogger(logs),
      commands,
    });
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
    await stores.close();
  });

  /** The answer after the "thinking…" deferral: the edited original, or a private follow-up. */
  const answerAfterDefer = async (sent: ReturnType<FakeDiscord['command']>) => {
    const deferred = await fake.waitForResponse(sent);
    expect(deferred.body.type).toBe(DEFERRED);
    const call = await fake.waitForResponse(
      sent,
      (c) => (c.method === 'PATCH' && c.path.endsWith('/messages/@original')) || (c.method === 'POST' && c.path.startsWith('/webhooks/')),
    );
    // An edit keeps the flags the deferral set: a private deferral makes a private answer
    return { ...call.body, flags: call.body.flags ?? deferred.body.data?.flags };
  };

  test('GIVEN /article add url: THEN the page is stored and /quotes on it shows its speakers', async () => {
    const added = await answerAfterDefer(fake.command('article', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/news-page.html?utm_source=discord` }] }]));
    const [card] = added.embeds;
    expect(card.title).toBe('Harbour council approves new ferry line');
    expect(card.url).toBe('https://courier.example/news/harbour-ferry');
    expect(card.fields).toContainEqual({ name: 'Quotes', value: '3', inline: true });
    expect(card.fields.find((f: { name: string }) => f.name === 'Speakers').value).toBe('Anders Holm, Lena Berg');
    expectWithinDiscordLimits(added);
    const id = (await stores.articles.findBySource('https://courier.example/news/harbour-ferry'))!.id;

    const quotes = await fake.waitForResponse(fake.command('quotes', [{ name: 'article', value: String(id) }]));
    const fields = quotes.body.data.embeds[0].fields as { name: string; value: string }[];
    expect(fields.map((f) => f.name)).toContain('Anders Holm · council chair');
    expect(fields.map((f) => f.value).join('\n')).toContain('Nobody has shown us how the running costs will be paid,');
  });

  test('GIVEN the same URL added twice with other tracking parameters THEN the second answer says it is already in the archive', async () => {
    await answerAfterDefer(fake.command('article', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/json-ld-page.html` }] }]));
    const again = await answerAfterDefer(fake.command('article', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/json-ld-page.html?utm_campaign=x` }] }]));
    expect(again.flags).toBe(EPHEMERAL);
    expect(again.content).toMatch(/^Already in the archive as #1: Mountain railway reopens after landslide/);
    expect((await stores.articles.listArticles('all')).total).toBe(1);
  });

  test('GIVEN /article add url: of a private address THEN the refusal is private and says why', async () => {
    const answer = await answerAfterDefer(fake.command('article', [{ name: 'add', options: [{ name: 'url', value: 'http://10.0.0.1/' }] }]));
    expect(answer.flags).toBe(EPHEMERAL);
    expect(answer.content).toBe('Could not add <http://10.0.0.1/>: refused http://10.0.0.1/: private address. Only public http and https addresses can be fetched.');
  });

  test('GIVEN /article add file: with a .txt attachment THEN it is fetched and stored', async () => {
    const attachmentId = '900000000000000001';
    const payload = chatInputPayload(fake.ids, 'article', [{ name: 'add', options: [{ name: 'file', value: attachmentId }] }]);
    const data = payload.data as { options: { options: { type: number }[] }[]; resolved: Record<string, unknown> };
    data.options[0]!.options[0]!.type = 11; // ATTACHMENT
    const url = `${server.base}/plain-article.txt`;
    data.resolved.attachments = { [attachmentId]: { id: attachmentId, filename: 'quota.txt', url, proxy_url: url, size: 600, content_type: 'text/plain; charset=utf-8' } };
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    const added = await answerAfterDefer({ id: String(payload.id), token: String(payload.token), payload });
    expect(added.embeds[0].title).toBe('Fishermen protest new quota rules');
    expect((await stores.articles.listArticles('all')).items[0]!.source).toMatch(/^discord:\d+\/\d+\/[0-9a-f]{16}$/);
  });

  test('GIVEN /article add text: with a title THEN it is stored under that title, its source naming the server and member', async () => {
    // Pasted text is read at once: answered in the first callback, privately
    const added = await fake.waitForResponse(
      fake.command('article', [
        {
          name: 'add',
          options: [
            { name: 'text', value: '“We will rebuild the pier by spring,” mayor Karin Lund said on Friday.' },
            { name: 'title', value: 'Pier to be rebuilt' },
          ],
        },
      ]),
    );
    expect(added.body.data).toMatchObject({ flags: 64, embeds: [{ title: 'Pier to be rebuilt' }] });
    expect((await stores.articles.listArticles('all')).items[0]!.source).toMatch(new RegExp(`^discord:${fake.ids.guildId}/\\d+/[0-9a-f]{16}$`));
  });

  test('GIVEN /feed add, then a poll THEN the feed’s articles are in /articles and /feed list shows it healthy', async () => {
    server.setChangingFeed(1);
    const added = await answerAfterDefer(fake.command('feed', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/changing.xml` }] }]));
    expect(added.embeds[0].title).toBe('Following Changing Times');
    expect((await stores.articles.listArticles('all')).total).toBe(0);

    const [result] = await pollDueFeeds({ ingest: inThreadIngest(stores.articles), feeds: stores.feeds, clock: () => NOW });
    expect(result).toMatchObject({ status: 'polled', announced: false });

    const articles = await fake.waitForResponse(fake.command('articles'));
    expect(articles.body.data.embeds[0].description).toContain('Harbour council approves new ferry line');
    const list = await fake.waitForResponse(fake.command('feed', [{ name: 'list', options: [] }]));
    expect(list.body.data.embeds[0].description).toContain('ok, polled <t:');
  });

  test('GIVEN a followed feed that gets a new item THEN only that item is posted, in the channel where the feed was added, pinging no one', async () => {
    const announce = async (feed: Feed, articles: StoredArticle[]) => {
      if (!feed.channelId) return;
      const channel = await bot.client.channels.fetch(feed.channelId);
      const { ephemeral: _ephemeral, ...message } = renderFeedArticles(feed, articles);
      if (channel?.isSendable()) await channel.send(message);
    };
    const poll = (at: number) => pollDueFeeds({ ingest: inThreadIngest(stores.articles), feeds: stores.feeds, clock: () => new Date(at), onNewArticles: announce });
    server.setChangingFeed(1);
    await answerAfterDefer(fake.command('feed', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/changing.xml` }] }]));
    await poll(NOW.getTime());
    expect(fake.postsTo(fake.ids.channelId)).toEqual([]);
    server.setChangingFeed(2);
    await poll(NOW.getTime() + FEED_INTERVAL_MS);
    const posts = fake.postsTo(fake.ids.channelId);
    expect(posts).toHaveLength(1);
    const [embed] = posts[0]!.body.embeds;
    expect(embed.title).toBe('New from Changing Times');
    expect(embed.description).toContain('[Mountain railway reopens after landslide](https://alpine.example/stories/railway-reopens)');
    expect(embed.description).not.toContain('Harbour');
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [] });
  });

  test('GIVEN /feed add of a page that is not a feed THEN it is refused and nothing is followed', async () => {
    const answer = await answerAfterDefer(fake.command('feed', [{ name: 'add', options: [{ name: 'url', value: `${server.base}/news-page.html` }] }]));
    expect(answer.flags).toBe(EPHEMERAL);
    expect(answer.content).toContain('that is not an RSS or Atom feed');
    expect(await stores.feeds.listFeeds(fake.ids.guildId)).toEqual([]);
  });

  test('GIVEN a broken feed THEN /feed list shows its last error', async () => {
    await stores.feeds.addFeed({ guildId: fake.ids.guildId, url: `${server.base}/no-such-feed.xml`, channelId: null, now: NOW.getTime() });
    await pollDueFeeds({ ingest: inThreadIngest(stores.articles), feeds: stores.feeds, clock: () => NOW });
    const list = await fake.waitForResponse(fake.command('feed', [{ name: 'list', options: [] }]));
    expect(list.body.data.embeds[0].description).toContain(`⚠️ failing (1× in a row): HTTP 404 from ${server.base}/no-such-feed.xml`);
  });
});

describe('command definitions', () => {
  test('GIVEN /feed THEN it defaults to Manage Server; /article (add, remove) to Manage Messages', () => {
    expect(createFeedCommand().data.toJSON().default_member_permissions).toBe('32');
    expect(createArticleCommand().data.toJSON().default_member_permissions).toBe('8192');
  });
});
