import { SlashCommandBuilder } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import type { SlashCommand } from '../src/discord/command.js';
import { renderNotice } from '../src/discord/render.js';
import { commands } from '../commands/index.js';
import { memoryStores } from './fake-discord/harness.js';
import type { Stores } from '../src/library/types.js';
import { ERDOGAN, PESKOV, PUTIN, quote, reading } from './fake-discord/readings.js';
import { startTestBot, TEST_TOKEN, type TestBot } from './fake-discord/harness.js';

const AUTOCOMPLETE_RESULT = 8;
const UPDATE_MESSAGE = 7;
const EPHEMERAL = 64;

async function manyArticles(count: number): Promise<Stores> {
  const stores = memoryStores();
  for (let i = 1; i <= count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const title = `Idlib talks, day ${i}: ${'a long and winding title '.repeat(6)}`;
    await stores.articles.saveArticle(
      { source: `a${i}.txt`, text: `text ${i}`, title, date: `2018-09-${day}` },
      reading({ title, quotes: [quote(`Quote ${i}`, i % 2 ? ERDOGAN : PESKOV)], speakers: [i % 2 ? ERDOGAN : PESKOV] }),
      { collection: 'shared' },
    );
  }
  return stores;
}

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('autocomplete', () => {
  test('GIVEN 40 matching articles THEN at most 25 choices come back, each name within 100 characters', async () => {
    t = await startTestBot({ stores: await manyArticles(40) });
    const call = await t.fake.waitForResponse(t.fake.autocomplete('headline', [{ name: 'article', value: 'idlib', focused: true }]));
    expect(call.body.type).toBe(AUTOCOMPLETE_RESULT);
    const { choices } = call.body.data;
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(choices[0].value).toMatch(/^\d+$/);
  });

  test('GIVEN a speaker prefix THEN the speakers starting with it are offered with their role', async () => {
    t = await startTestBot({ stores: await manyArticles(3) });
    const call = await t.fake.waitForResponse(t.fake.autocomplete('quotes', [{ name: 'speaker', value: 'erd', focused: true }]));
    expect(call.body.data.choices).toEqual([{ name: 'Recep Tayyip Erdogan, Turkish leader (2 quotes)', value: 'Recep Tayyip Erdogan' }]);
  });
});

describe('page buttons', () => {
  test('GIVEN the Next button of /articles THEN the message is updated to page 2', async () => {
    t = await startTestBot({ stores: await manyArticles(25) });
    const first = await t.fake.waitForResponse(t.fake.command('articles'));
    const next = first.body.data.components[0].components[2];
    expect(next.label).toBe('Next');
    expect(next.custom_id.length).toBeLessThanOrEqual(100);
    const call = await t.fake.waitForResponse(t.fake.button(next.custom_id));
    expect(call.body.type).toBe(UPDATE_MESSAGE);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    const { description, footer } = call.body.data.embeds[0];
    expect(footer.text).toBe('Page 2/3 · 25 articles');
    expect(description.split('\n')).toHaveLength(10);
    expect(description).not.toContain(first.body.data.embeds[0].description.split('\n')[0]);
    expect(call.body.data.components[0].components[1].label).toBe('Page 2/3');
  });

  test('GIVEN a quotes button from before a restart THEN the page is rebuilt from its customId alone', async () => {
    t = await startTestBot({ stores: await manyArticles(12) });
    const call = await t.fake.waitForResponse(t.fake.button('page:quotes:1:-:recep-tayyip-erdogan'));
    expect(call.body.data.embeds[0].title).toBe('Quotes by Recep Tayyip Erdogan');
    expect(call.body.data.embeds[0].footer.text).toBe('Page 2/2 · 6 quotes');
  });

  test('GIVEN a button whose article is gone THEN the user is told privately that the results expired', async () => {
    t = await startTestBot({ stores: await manyArticles(1) });
    const call = await t.fake.waitForResponse(t.fake.button('page:quotes:1:99:'));
    expect(call.body.data).toMatchObject({ flags: EPHEMERAL, content: 'These results have expired. Run /quotes again for fresh ones.' });
  });
});

describe('failures and slow commands', () => {
  const command = (name: string, execute: SlashCommand['execute']): SlashCommand => ({
    data: new SlashCommandBuilder().setName(name).setDescription(name),
    execute,
  });

  test('GIVEN a command that throws THEN the user gets a private apology, the log has no token, and the bot answers the next one', async () => {
    const broken = command('broken', () => {
      throw new Error(`database exploded while using ${TEST_TOKEN}`);
    });
    t = await startTestBot({ commands: [broken, ...commands] });
    const apology = await t.fake.waitForResponse(t.fake.command('broken'));
    expect(apology.body.data.flags).toBe(EPHEMERAL);
    expect(apology.body.data.content).toMatch(/Something went wrong.*Try again/);
    expect(t.logs.join('\n')).toContain('database exploded');
    expect(t.logs.join('\n')).not.toContain(TEST_TOKEN);
    const next = await t.fake.waitForResponse(t.fake.command('articles'));
    expect(next.body.data.embeds[0].title).toBe('Articles in the archive');
  });

  test('GIVEN a command slower than the deadline THEN the reply is deferred first and edited when done', async () => {
    let finish = (): void => undefined;
    const slow = command('slow', () => new Promise((resolve) => (finish = () => resolve(renderNotice('done', false)))));
    t = await startTestBot({ commands: [slow], deferAfterMs: 20 });
    const sent = t.fake.command('slow');
    expect((await t.fake.waitForResponse(sent)).body.type).toBe(5);
    finish();
    const edit = await t.fake.waitForResponse(sent, (c) => c.method === 'PATCH');
    expect(edit.body).toMatchObject({ content: 'done', allowed_mentions: { parse: [] } });
  });

  test('GIVEN a command that fails after deferring THEN the placeholder gives way to a private apology', async () => {
    const failing: SlashCommand = { ...command('late', () => Promise.reject(new Error('feed timed out'))), defer: () => true };
    t = await startTestBot({ commands: [failing] });
    const sent = t.fake.command('late');
    const followUp = await t.fake.waitForResponse(sent, (c) => c.method === 'POST' && c.path.startsWith('/webhooks/'));
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL, allowed_mentions: { parse: [] } });
  });

  test('GIVEN a command that fails after a private deferral THEN the private placeholder becomes the apology, nothing public shows', async () => {
    const failing: SlashCommand = { ...command('fragile', () => Promise.reject(new Error('fetch exploded'))), defer: () => 'private' };
    t = await startTestBot({ commands: [failing] });
    const sent = t.fake.command('fragile');
    expect((await t.fake.waitForResponse(sent)).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await t.fake.waitForResponse(sent, (c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    expect(edit.body.content).toMatch(/Something went wrong/);
    expect(t.fake.calls.some((c) => c.token === sent.token && c.method === 'DELETE')).toBe(false);
  });

  test('GIVEN a command Discord knows but the bot does not THEN it says how to refresh the commands', async () => {
    t = await startTestBot({ commands: [] });
    const call = await t.fake.waitForResponse(t.fake.command('retired'));
    expect(call.body.data.content).toContain('briefing deploy');
  });
});

describe('the archive without articles', () => {
  test('GIVEN an empty archive THEN /headline says how to add one', async () => {
    t = await startTestBot();
    const call = await t.fake.waitForResponse(t.fake.command('headline'));
    expect(call.body.data).toMatchObject({ flags: EPHEMERAL, content: 'The archive is empty. Add an article with /article add first.' });
  });

  test('GIVEN a speaker quoted in one article only THEN /quotes with that article shows theirs', async () => {
    const stores = memoryStores();
    await stores.articles.saveArticle(
      { source: 's', text: 't', title: 'Sochi', date: '2018-09-18' },
      reading({ quotes: [quote('Yes,', PUTIN), quote('No,', ERDOGAN)], speakers: [PUTIN, ERDOGAN] }),
      { collection: 'shared' },
    );
    t = await startTestBot({ stores });
    const call = await t.fake.waitForResponse(
      t.fake.command('quotes', [
        { name: 'speaker', value: 'Putin' },
        { name: 'article', value: '1' },
      ]),
    );
    expect(call.body.data.embeds[0].fields).toEqual([{ name: 'Vladimir Putin · Russian president', value: '“Yes,”\n— Sochi, 18 September 2018' }]);
  });
});

describe('multi-paragraph quotes', () => {
  test('GIVEN a quote continued over two paragraphs THEN /quotes shows it as one quote', async () => {
    const stores = memoryStores();
    const first = quote('If the situation in Idlib continues as is, the results will be heavy.', ERDOGAN);
    const second = { ...quote('We have to find a solution with Russia.', ERDOGAN), continued: true };
    await stores.articles.saveArticle({ source: 'i', text: 't', title: 'Idlib', date: '2018-09-17' }, reading({ quotes: [first, second], speakers: [ERDOGAN] }), {
      collection: 'shared',
    });
    t = await startTestBot({ stores });
    const call = await t.fake.waitForResponse(t.fake.command('quotes'));
    const { fields, footer } = call.body.data.embeds[0];
    expect(fields).toHaveLength(1);
    expect(fields[0].value).toBe('“If the situation in Idlib continues as is, the results will be heavy.\nWe have to find a solution with Russia.”');
    expect(footer.text).toBe('1 quote');
  });
});
