import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { memoryStores, seededStores } from './fake-discord/harness.js';
import type { Stores } from '../src/library/types.js';
import { mentionReading, oversizedReading, PUTIN, quote, reading } from './fake-discord/readings.js';
import { startTestBot, type TestBot } from './fake-discord/harness.js';
import { expectWithinDiscordLimits } from './fake-discord/limits.js';

const EPHEMERAL = 64;
const CHANNEL_MESSAGE = 4;
const DEFERRED = 5;

async function seeded(): Promise<Stores> {
  const stores = await seededStores();
  await stores.articles.saveArticle(
    { source: 'data/articles/sochi.txt', url: null, text: 'Putin said in Sochi…', title: 'Putin and Erdogan agree on a buffer zone', date: '2018-09-18' },
    reading({
      title: 'Putin and Erdogan agree on a buffer zone',
      date: '2018-09-18',
      headline: 'Putin and Erdogan agree on an Idlib buffer zone',
      quotes: [quote('We agreed to set up a demilitarised zone,', PUTIN)],
      speakers: [PUTIN],
    }),
    { collection: 'shared' },
  );
  return stores;
}

describe('read commands against the real discord.js client', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({ stores: await seeded() });
  });
  afterEach(async () => t.close());

  test('GIVEN /headline without an article THEN it shows the latest article', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('headline'));
    expect(call.body.type).toBe(CHANNEL_MESSAGE);
    const [embed] = call.body.data.embeds;
    expect(embed.title).toBe('Putin and Erdogan agree on a buffer zone');
    expect(embed.description).toContain('Idlib buffer zone');
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  test('GIVEN /headline with an article id THEN the embed links to its source and dates it as text, not a timestamp', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('headline', [{ name: 'article', value: '1' }]));
    const [embed] = call.body.data.embeds;
    expect(embed.url).toBe('https://example.com/idlib');
    expect(embed.fields).toContainEqual({ name: 'Date', value: '17 September 2018', inline: true });
  });

  test('GIVEN /facts THEN people, places and dates are listed', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('facts', [{ name: 'article', value: '1' }]));
    const [embed] = call.body.data.embeds;
    expect(embed.title).toContain('Key facts');
    expect(embed.fields.find((f: { name: string }) => f.name === 'People').value).toContain('Hassan Rouhani');
    expect(embed.fields.find((f: { name: string }) => f.name === 'Dates').value).toContain('September 7 → 7 September 2018');
  });

  test('GIVEN /quotes for an article THEN quotes are grouped by speaker with name and roles', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('quotes', [{ name: 'article', value: '1' }]));
    const { fields, footer } = call.body.data.embeds[0];
    expect(fields[0].name).toBe('Recep Tayyip Erdogan · Turkish leader, Turkish president');
    expect(fields[1].name).toBe('Recep Tayyip Erdogan (continued)');
    expect(footer.text).toContain('Page 1/2');
    expect(call.body.data.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Previous', 'Page 1/2', 'Next']);
  });

  test('GIVEN /quotes with a speaker and no article THEN it defers and then answers from the whole archive, newest first', async () => {
    const sent = t.fake.command('quotes', [{ name: 'speaker', value: 'Putin' }]);
    const deferred = await t.fake.waitForResponse(sent);
    expect(deferred.body.type).toBe(DEFERRED);
    const edit = await t.fake.waitForResponse(sent, (c) => c.method === 'PATCH');
    expect(edit.path).toMatch(/\/messages\/@original$/);
    const { title, fields } = edit.body.embeds[0];
    expect(title).toBe('Quotes by Vladimir Putin');
    expect(fields[0].value).toContain('demilitarised zone');
    expect(fields[1].value).toContain('undermine the ceasefire');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  test('GIVEN an unknown speaker THEN the answer is private and suggests close names', async () => {
    const sent = t.fake.command('quotes', [{ name: 'speaker', value: 'Erdogn' }]);
    const first = await t.fake.waitForResponse(sent);
    expect(first.body.type).toBe(CHANNEL_MESSAGE);
    expect(first.body.data.content).toBe('No quotes by Erdogn. Did you mean Recep Tayyip Erdogan?');
    expect(first.body.data.flags).toBe(EPHEMERAL);
    // No public "thinking…" was shown first, so none had to be deleted
    expect(t.fake.calls.filter((c) => c.token === sent.token)).toHaveLength(1);
  });

  test('GIVEN /articles THEN the archive is listed newest first', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('articles'));
    const { description, footer } = call.body.data.embeds[0];
    expect(description.indexOf('#2')).toBeLessThan(description.indexOf('#1'));
    expect(description).toContain('[Erdogan urges a positive approach on Idlib before talks with Putin](https://example.com/idlib)');
    expect(footer.text).toBe('2 articles');
  });

  test('GIVEN /articles with a search THEN only matching articles are listed', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('articles', [{ name: 'search', value: 'buffer' }]));
    expect(call.body.data.embeds[0].description).toContain('buffer zone');
    expect(call.body.data.embeds[0].description).not.toContain('#1');
  });

  test('GIVEN an article option typed without picking THEN the best title match is used', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('headline', [{ name: 'article', value: 'positive approach' }]));
    expect(call.body.data.embeds[0].url).toBe('https://example.com/idlib');
  });

  test('GIVEN an article that does not exist THEN the answer is private and says what to do', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('facts', [{ name: 'article', value: 'nothing like this' }]));
    expect(call.body.data.flags).toBe(EPHEMERAL);
    expect(call.body.data.content).toContain('/articles');
  });
});

describe('untrusted article text', () => {
  let t: TestBot;
  beforeEach(async () => {
    const stores = memoryStores();
    await stores.articles.saveArticle({ source: 'x', text: '@everyone', title: 'Breaking @everyone <@123>', date: '2024-05-01' }, mentionReading(), { collection: 'shared' });
    await stores.articles.saveArticle({ source: 'big', text: 'big', title: 'big', date: '2024-02-29' }, oversizedReading(), { collection: 'shared' });
    t = await startTestBot({ stores });
  });
  afterEach(async () => t.close());

  test.each(['headline', 'quotes', 'facts'])('GIVEN an article mentioning @everyone, <@123> and <@&456> THEN /%s pings no one', async (command) => {
    const call = await t.fake.waitForResponse(t.fake.command(command, [{ name: 'article', value: '1' }]));
    expect(JSON.stringify(call.body.data.embeds)).toMatch(/@everyone|<@123>|<@&456>/);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  test.each(['headline', 'quotes', 'facts'])('GIVEN an oversized reading THEN the /%s payload keeps every Discord limit', async (command) => {
    const call = await t.fake.waitForResponse(t.fake.command(command, [{ name: 'article', value: '2' }]));
    expect(call.status).toBe(204);
    expectWithinDiscordLimits(call.body.data);
  });

  test('GIVEN an oversized quote THEN it is shortened with a visible marker and the footer counts it', async () => {
    const call = await t.fake.waitForResponse(t.fake.command('quotes', [{ name: 'article', value: '2' }]));
    const { fields, footer } = call.body.data.embeds[0];
    expect(fields[0].value).toMatch(/…”$/);
    expect(footer.text).toMatch(/Page 1\/16 · 80 quotes · \d+ shortened/);
  });
});
