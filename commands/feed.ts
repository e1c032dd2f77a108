import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MANAGE_SERVER, type CommandContext, type SlashCommand } from '../src/discord/command.js';
import { filterFromOptions, withFilterOptions } from '../src/discord/filter-options.js';
import { filterText, renderFeedAdded, renderFeedList, renderIngestError } from '../src/discord/render-ingest.js';
import { renderNotice, type BotMessage } from '../src/discord/render.js';
import { canonicalUrl } from '../src/ingest/canonical-url.js';
import { FEED_INTERVAL_MS } from '../src/ingest/feed-poller.js';
import { ingestErrorReason } from '../src/ingest/ingest-result.js';
import type { FeedStore } from '../src/library/feed-store.js';
import { feedTarget, NO_FILTER, type FilterStore, type ItemFilter } from '../src/library/filter-store.js';

const NAME = 'feed';
const URL_MAX = 2000;
// Autocomplete shows at most 25 choices anyway.
const SUGGESTIONS = 25;

export interface FeedCommandServices {
  /** The poll interval, said in the answer to /feed add. */
  intervalMs?: number;
}

/** Checks that the URL is a feed (fetched once, nothing stored) and follows it. */
async function add(
  interaction: ChatInputCommandInteraction,
  guildId: string,
  { feeds, filters, ingest, clock }: CommandContext,
  services: FeedCommandServices,
): Promise<BotMessage> {
  const now = clock().getTime();
  const raw = interaction.options.getString('url', true).trim();
  const url = canonicalUrl(raw);
  if (!url) return renderIngestError(`<${raw}>`, 'that is not an http or https address.');
  const checked = await ingest.feed(url);
  if (!checked.ok) return renderIngestError(`the feed <${url}>`, ingestErrorReason(checked.error));
  const parsed = checked.value.notModified ? { title: null, items: [] } : checked.value.feed;
  const feed = await feeds.addFeed({ guildId, url, channelId: interaction.channelId, now });
  if (!feed) return renderNotice(`This server already follows ${url}. Change its filter with /feed filter; see /feed list.`);
  const filter = filterFromOptions(interaction, NO_FILTER);
  await filters.setFilter(guildId, feedTarget(url), filter);
  return renderFeedAdded(feed, parsed.title, parsed.items.length, services.intervalMs ?? FEED_INTERVAL_MS, filter);
}

/** The feed an option names: `#id` from autocomplete, or its address. */
async function pickFeed(raw: string, guildId: string, feeds: FeedStore): Promise<string> {
  const picked = /^#\d+$/.test(raw) ? (await feeds.listFeeds(guildId)).find((f) => `#${f.id}` === raw) : undefined;
  return picked?.url ?? canonicalUrl(raw) ?? raw;
}

/** `/feed filter`: changes what a followed feed announces, without adding it again. */
async function filter(interaction: ChatInputCommandInteraction, guildId: string, feeds: FeedStore, filters: FilterStore): Promise<BotMessage> {
  const raw = interaction.options.getString('url', true).trim();
  const url = await pickFeed(raw, guildId, feeds);
  if (!(await feeds.listFeeds(guildId)).some((f) => f.url === url)) return renderNotice(`This server does not follow ${raw}. See /feed list for the feeds it follows.`);
  const next = filterFromOptions(interaction, await filters.getFilter(guildId, feedTarget(url)));
  await filters.setFilter(guildId, feedTarget(url), next);
  const only = filterText(next);
  return renderNotice(only ? `${url} now announces ${only}.` : `${url} now announces every new item.`, false);
}

async function remove(interaction: ChatInputCommandInteraction, guildId: string, feeds: FeedStore): Promise<BotMessage> {
  const raw = interaction.options.getString('url', true).trim();
  // Autocomplete answers "#id": a feed URL may be longer than a choice value can be
  const url = await pickFeed(raw, guildId, feeds);
  return (await feeds.removeFeed(guildId, url))
    ? renderNotice(`Stopped following ${url}. Its articles stay in the archive.`, false)
    : renderNotice(`This server does not follow ${raw}. See /feed list for the feeds it follows.`);
}

/** `/feed add|remove|list`: the RSS and Atom feeds this server follows (Manage Server). */
export function createFeedCommand(services: FeedCommandServices = {}): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(NAME)
      .setDescription('RSS and Atom feeds this server follows')
      .setContexts(InteractionContextType.Guild)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .addSubcommand((sub) =>
        withFilterOptions(
          sub
            .setName('add')
            .setDescription('Follow a feed; new articles are stored and announced here')
            .addStringOption((o) => o.setName('url').setDescription('The feed address (RSS 2.0 or Atom)').setRequired(true).setMaxLength(URL_MAX)),
          'items',
        ),
      )
      .addSubcommand((sub) =>
        withFilterOptions(
          sub
            .setName('filter')
            .setDescription('Change which of a feed’s items are announced and briefed')
            .addStringOption((o) => o.setName('url').setDescription('The feed address').setRequired(true).setAutocomplete(true).setMaxLength(URL_MAX)),
          'items',
        ),
      )
      .addSubcommand((sub) =>
        sub
          .setName('remove')
          .setDescription('Stop following a feed')
          .addStringOption((o) => o.setName('url').setDescription('The feed address').setRequired(true).setAutocomplete(true).setMaxLength(URL_MAX)),
      )
      .addSubcommand((sub) => sub.setName('list').setDescription('The feeds this server follows, with their errors and next poll')),
    requires: (interaction) => (interaction.options.getSubcommand(false) === 'list' ? null : MANAGE_SERVER),
    validate(interaction) {
      if (interaction.options.getSubcommand(false) !== 'add') return null;
      const raw = interaction.options.getString('url', true).trim();
      return canonicalUrl(raw) ? null : renderIngestError(`<${raw}>`, 'that is not an http or https address.');
    },
    // Checking a new feed fetches it, and it may turn out not to be a feed
    defer: (interaction) => (interaction.options.getSubcommand(false) === 'add' ? 'private' : false),
    async execute(interaction, context: CommandContext) {
      const { feeds, filters } = context;
      const guildId = interaction.guildId;
      if (!guildId) return renderNotice('Feeds belong to a server: run /feed in a server channel.');
      const sub = interaction.options.getSubcommand();
      if (sub === 'add') return add(interaction, guildId, context, services);
      if (sub === 'remove') return remove(interaction, guildId, feeds);
      if (sub === 'filter') return filter(interaction, guildId, feeds, filters);
      const listed = await feeds.listFeeds(guildId);
      const filterOf = new Map<number, ItemFilter>();
      for (const f of listed) filterOf.set(f.id, await filters.getFilter(guildId, feedTarget(f.url)));
      return renderFeedList(listed, (f) => filterOf.get(f.id) ?? NO_FILTER);
    },
    async autocomplete(interaction, { feeds }) {
      if (!interaction.guildId) return [];
      const typed = interaction.options.getFocused().toLowerCase();
      return (await feeds.listFeeds(interaction.guildId))
        .filter((f) => f.url.toLowerCase().includes(typed) || (f.title ?? '').toLowerCase().includes(typed))
        .slice(0, SUGGESTIONS)
        .map((f) => ({ name: f.title ? `${f.title} (${f.url})` : f.url, value: `#${f.id}` }));
    },
  };
}

export default createFeedCommand();
