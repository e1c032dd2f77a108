/**
 * Three servers and one archive, through the real discord.js Client against the fake Discord:
 * what a server adds is its own, the operator's folder is everyone's, the same text is stored
 * once, and removing it in one server leaves it in the others.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readArticle } from '../src/article/index.js';
import { openStores } from '../src/library/open-stores.js';
import type { Stores } from '../src/library/types.js';
import { startTestBot, type TestBot } from './fake-discord/harness.js';
import { autocompletePayload, chatInputPayload, type Invoker, type OptionInput } from './fake-discord/interactions.js';
import type { FakeDiscord, RestCall } from './fake-discord/fake-discord.js';

const NOW = Date.parse('2024-06-01T08:00:00Z');
const DEFERRED = 5;
const AUTOCOMPLETE_RESULT = 8;

// The operator's folder: shared with every server
const SHARED_TEXT = 'date 2024-06-01\nFerry line approved\n\n“The ferry will run every day from July,” transport minister Ola Berg said on Friday. The council voted 7 to 2.';
// Pasted in server C only; its speaker is quoted nowhere else
const C_TEXT = 'date 2024-06-01\nPier to be rebuilt\n\n“We will rebuild the pier by spring,” harbour master Karin Lund said on Friday. The storm destroyed it in May.';
// Pasted in A and in B
const AB_TEXT = 'date 2024-06-01\nLighthouse repainted\n\n“It looks new again,” keeper Jonas Vik said on Friday. The work took three weeks.';

type Server = 'A' | 'B' | 'C';

describe('three servers, one archive', () => {
  let t: TestBot;
  let stores: Stores;
  let guilds: Record<Server, string>;
  let channels: Record<Server, string>;

  beforeEach(async () => {
    // The archive's clock is an hour before the bot's "now", so the briefing's first day covers everything
    let clock = NOW - 3_600_000;
    stores = openStores(':memory:', { now: () => (clock += 1000) });
    const read = readArticle(SHARED_TEXT);
    if (!read.ok) throw new Error(read.error.message);
    await stores.articles.saveArticle({ source: '/data/articles/ferry.txt', text: SHARED_TEXT, title: read.value.title, date: read.value.date }, read.value, {
      collection: 'shared',
    });
    t = await startTestBot({ stores });
    const a = t.fake.ids.guildId;
    guilds = { A: a, B: '300000000000000013', C: '300000000000000023' };
    channels = { A: t.fake.ids.channelId, B: '400000000000000014', C: '400000000000000024' };
  });
  afterEach(async () => t.close());

  /** The interaction as it comes from a member of `server` (the fake's own guild is A). */
  function from(server: Server, payload: Record<string, unknown>) {
    if (server !== 'A') {
      payload.guild_id = guilds[server];
      (payload.data as Record<string, unknown>).guild_id = guilds[server];
      payload.authorizing_integration_owners = { '0': guilds[server] };
      payload.channel_id = channels[server];
      // The fake's gateway knows guild A only; B and C arrive as Discord sends uncached guilds' interactions
      delete payload.channel;
    }
    t.fake.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: String(payload.id), token: String(payload.token), payload };
  }

  /** The answer's message data: the reply, or after a deferral the edit or private follow-up. */
  async function run(
    server: Server,
    name: string,
    options: OptionInput[] = [],
    invoker?: Invoker,
  ): Promise<{ content?: string; embeds: Record<string, unknown>[]; flags?: number }> {
    const fake: FakeDiscord = t.fake;
    const sent = from(server, chatInputPayload(fake.ids, name, options, invoker));
    const first = await fake.waitForResponse(sent);
    if (first.body.type !== DEFERRED) return first.body.data;
    const after: RestCall = await fake.waitForResponse(
      sent,
      (c) => (c.method === 'PATCH' && c.path.endsWith('/messages/@original')) || (c.method === 'POST' && c.path.startsWith('/webhooks/')),
    );
    return after.body;
  }
  const text = async (server: Server, name: string, options: OptionInput[] = []) => JSON.stringify(await run(server, name, options));

  async function choices(server: Server, name: string, options: OptionInput[]): Promise<string[]> {
    const sent = from(server, autocompletePayload(t.fake.ids, name, options));
    const call = await t.fake.waitForResponse(sent);
    expect(call.body.type).toBe(AUTOCOMPLETE_RESULT);
    return (call.body.data.choices as { name: string }[]).map((c) => c.name);
  }

  const add = (server: Server, body: string, title: string) =>
    run(server, 'article', [
      {
        name: 'add',
        options: [
          { name: 'text', value: body },
          { name: 'title', value: title },
        ],
      },
    ]);
  const idOf = async (title: string): Promise<number> => (await stores.articles.listArticles('all', { search: title })).items[0]!.id;

  test('GIVEN an article added in C THEN A and B do not see it anywhere, C does, and the shared folder shows in all three', async () => {
    await add('C', C_TEXT, 'Pier to be rebuilt');
    const pier = await idOf('pier');
    const ferry = await idOf('ferry');
    for (const server of ['A', 'B'] as const) {
      const list = await text(server, 'articles');
      expect(list).toContain('Ferry line approved');
      expect(list).not.toContain('Pier');
      expect(await text(server, 'articles', [{ name: 'search', value: 'pier' }])).not.toContain('Pier to be rebuilt');
      expect(await text(server, 'headline')).toContain('Ferry');
      for (const command of ['headline', 'facts', 'quotes']) {
        const answer = await run(server, command, [{ name: 'article', value: String(pier) }]);
        expect(answer.content).toBe(`No article matches “${pier}”. Pick one from the list as you type, or see /articles.`);
      }
      expect((await run(server, 'quotes', [{ name: 'speaker', value: 'Karin Lund' }])).content).toMatch(/^No quotes by Karin Lund\./);
      expect(await choices(server, 'headline', [{ name: 'article', value: 'pie', focused: true }])).toEqual([]);
      expect(await choices(server, 'headline', [{ name: 'article', value: '', focused: true }])).toEqual([expect.stringContaining(`#${ferry}`)]);
      expect((await choices(server, 'quotes', [{ name: 'speaker', value: 'lu', focused: true }])).join()).not.toContain('Lund');
      expect((await choices(server, 'quotes', [{ name: 'speaker', value: '', focused: true }])).join()).not.toContain('Lund');
      const briefing = await text(server, 'briefing', [{ name: 'show', options: [] }]);
      expect(briefing).toContain('The ferry will run');
      expect(briefing).not.toContain('rebuild the pier');
    }
    const list = await text('C', 'articles');
    expect(list).toContain('Pier to be rebuilt');
    expect(list).toContain('Ferry line approved');
    expect(await text('C', 'headline')).toContain('pier');
    expect(await text('C', 'facts', [{ name: 'article', value: String(pier) }])).toContain('Karin Lund');
    expect(await text('C', 'quotes', [{ name: 'article', value: String(pier) }])).toContain('We will rebuild the pier by spring');
    expect(await text('C', 'quotes', [{ name: 'speaker', value: 'Karin Lund' }])).toContain('We will rebuild the pier by spring');
    expect(await choices('C', 'headline', [{ name: 'article', value: 'pie', focused: true }])).toEqual([expect.stringContaining(`#${pier}`)]);
    expect((await choices('C', 'quotes', [{ name: 'speaker', value: 'lu', focused: true }])).join()).toContain('Karin Lund');
    expect(await text('C', 'briefing', [{ name: 'show', options: [] }])).toContain('rebuild the pier');
  });

  test('GIVEN the same text added in A and B THEN it is stored once, and /article remove in A leaves it in B', async () => {
    await add('A', AB_TEXT, 'Lighthouse repainted');
    await add('B', AB_TEXT, 'Lighthouse repainted');
    expect((await stores.articles.listArticles('all', { search: 'lighthouse' })).total).toBe(1);
    const id = await idOf('lighthouse');
    for (const server of ['A', 'B'] as const) expect(await text(server, 'articles')).toContain('Lighthouse repainted');
    expect(await text('C', 'articles')).not.toContain('Lighthouse');

    const removed = await run('A', 'article', [{ name: 'remove', options: [{ name: 'article', value: String(id) }] }]);
    expect(removed.content).toBe(`Removed #${id} from this server’s articles.`);
    expect(await text('A', 'articles')).not.toContain('Lighthouse');
    expect((await run('A', 'headline', [{ name: 'article', value: String(id) }])).content).toContain('No article matches');
    expect((await run('A', 'quotes', [{ name: 'speaker', value: 'Jonas Vik' }])).content).toMatch(/^No quotes by Jonas Vik\./);
    expect(await text('B', 'articles')).toContain('Lighthouse repainted');
    expect(await text('B', 'quotes', [{ name: 'speaker', value: 'Jonas Vik' }])).toContain('It looks new again');

    // Removing it again in A: the same private answer as for any article A does not have
    const again = await run('A', 'article', [{ name: 'remove', options: [{ name: 'article', value: String(id) }] }]);
    expect(again).toMatchObject({ content: `No article #${id} in this server. Pick one from the list as you type, or see /articles.`, flags: 64 });
  });

  test('GIVEN /article remove of a shared folder file THEN it is refused privately and stays visible', async () => {
    const ferry = await idOf('ferry');
    const answer = await run('B', 'article', [{ name: 'remove', options: [{ name: 'article', value: String(ferry) }] }]);
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain('is in the shared collection');
    expect(await text('B', 'articles')).toContain('Ferry line approved');
  });

  test('GIVEN a member without Manage Server THEN /article shared is refused privately and nothing changes', async () => {
    // Manage Messages only (8192): enough for /article, not for a server setting
    const answer = await run('B', 'article', [{ name: 'shared', options: [{ name: 'visible', value: false }] }], { permissions: '8192' });
    expect(answer).toMatchObject({ content: 'Showing or hiding the shared collection is a server setting: it needs the Manage Server permission.', flags: 64 });
    expect(await text('B', 'articles')).toContain('Ferry line approved');
  });

  test('GIVEN a server that hides the shared collection THEN only it stops seeing the folder', async () => {
    const hidden = await run('B', 'article', [{ name: 'shared', options: [{ name: 'visible', value: false }] }]);
    expect(hidden.content).toContain('no longer sees the shared collection');
    expect(await text('B', 'articles')).not.toContain('Ferry');
    expect((await run('B', 'headline')).content).toBe('The archive is empty. Add an article with /article add first.');
    expect(await text('A', 'articles')).toContain('Ferry line approved');
  });
});
