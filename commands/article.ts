import { extname } from 'node:path';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { articleOption, suggestArticles } from '../src/discord/article-option.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import { interactionScope } from '../src/discord/scope.js';
import { renderIngested, renderIngestError } from '../src/discord/render-ingest.js';
import { renderQuotaRefusal } from '../src/discord/render-quota.js';
import { renderNotice, type BotMessage } from '../src/discord/render.js';
import { canonicalUrl } from '../src/ingest/canonical-url.js';
import { guildDestination } from '../src/ingest/destination.js';
import { ingestErrorReason, type IngestResult } from '../src/ingest/ingest-result.js';
import { FILE_EXTENSIONS } from '../src/ingest/ingest-service.js';
import type { QuotaRequest } from '../src/library/quota-store.js';

const NAME = 'article';
// Discord caps string options at 6000 characters; a pasted article fits.
const TEXT_MAX = 6000;
const URL_MAX = 2000;
const TITLE_MAX = 200;

const quotaRequest = (interaction: ChatInputCommandInteraction, { clock, limits }: CommandContext): QuotaRequest => ({
  guildId: interaction.guildId!,
  userId: interaction.user.id,
  now: clock().getTime(),
  limits: limits.quota,
});

/** Everything that can be said wrong about an add before fetching: the options, the link, the file type, the quota. */
async function validate(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<BotMessage | null> {
  if (interaction.options.getSubcommand(false) !== 'add') return null;
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const text = interaction.options.getString('text')?.trim() || null;
  const given = [url, file, text].filter((v) => v !== null).length;
  if (given !== 1) return renderNotice('Give exactly one of url:, file: or text: — a link to the article, a .txt/.md/.html file, or the article text.');
  if (url && !canonicalUrl(url)) return renderIngestError(`<${url}>`, 'that is not an http or https address. Give the link as it shows in the browser, starting with https://.');
  if (file && !FILE_EXTENSIONS.includes(extname(file.name).toLowerCase())) {
    return renderIngestError(file.name, `only ${FILE_EXTENSIONS.join(', ')} files are read. Save the page or the text in one of those, or paste it with text:.`);
  }
  const quota = await context.quotas.check(quotaRequest(interaction, context));
  return quota.ok ? null : renderQuotaRefusal(quota);
}

/** Takes a quota slot, adds the article to this server's collection, and gives the slot back when nothing new was stored. */
async function add(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<BotMessage> {
  // Taken again here: two adds sent at once both passed `validate`
  const slot = await context.quotas.claim(quotaRequest(interaction, context));
  if (!slot.ok) return renderQuotaRefusal(slot);
  const title = interaction.options.getString('title')?.trim() || null;
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const text = interaction.options.getString('text')?.trim() ?? '';
  const what = url ? `<${url}>` : file ? file.name : 'the text';
  // Commands run in servers only (the router refuses DMs), so there is always a guild
  const destination = guildDestination(interaction.guildId!, interaction.user.id);
  let added = false;
  try {
    let result: IngestResult;
    if (url) result = await context.ingest.url(url, destination);
    else if (file) result = await context.ingest.attachment({ url: file.url, name: file.name }, destination, { title });
    else result = await context.ingest.text(text, destination, { title });
    if (!result.ok) return renderIngestError(what, ingestErrorReason(result.error));
    added = result.value.outcome !== 'unchanged';
    return { ...renderIngested(result.value), ephemeral: true };
  } finally {
    if (!added) await context.quotas.release(slot.id);
  }
}

/** `/article remove article:`: takes an article out of this server's collection. */
async function remove(interaction: ChatInputCommandInteraction, guildId: string, { articles }: CommandContext): Promise<BotMessage> {
  const value = interaction.options.getString('article', true).trim();
  // Removing is not a search: only an article picked from the list (its number) is removed
  const id = /^#?\d+$/.test(value) ? Number(value.replace('#', '')) : null;
  const notFound = `No article ${id === null ? `“${value}”` : `#${id}`} in this server. Pick one from the list as you type, or see /articles.`;
  if (id === null) return renderNotice(notFound);
  const outcome = await articles.removeArticle(guildId, id);
  switch (outcome.kind) {
    case 'not-found':
      return renderNotice(notFound);
    case 'shared':
      return renderNotice(
        `#${id} is in the shared collection (the bot operator’s articles folder), so it cannot be removed from one server. A server admin can hide the whole shared collection here with /article shared visible:False.`,
      );
    default: {
      // Deleted or still held elsewhere: the same answer, so no server learns what another one holds
      const still = outcome.kind === 'unlinked' && outcome.stillVisible ? ' It is also in the shared collection, so it still shows here.' : '';
      return renderNotice(`Removed #${id} from this server’s articles.${still}`, false);
    }
  }
}

/** `/article shared visible:`: whether this server sees the shared collection (the operator's folder). */
async function shared(interaction: ChatInputCommandInteraction, guildId: string, { articles }: CommandContext): Promise<BotMessage> {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    return renderNotice('Showing or hiding the shared collection is a server setting: it needs the Manage Server permission.');
  }
  const visible = interaction.options.getBoolean('visible', true);
  await articles.setSharedVisible(guildId, visible);
  return renderNotice(
    visible
      ? 'This server now sees the shared collection (the bot operator’s articles) alongside its own.'
      : 'This server no longer sees the shared collection: /articles, the quotes and the briefing show only what its members and feeds added.',
    false,
  );
}

/** `/article add|remove|shared`: this server's own articles. Manage Messages by default. */
export function createArticleCommand(): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(NAME)
      .setDescription('Add and remove this server’s articles')
      .setContexts(InteractionContextType.Guild)
      // A server can open this to everyone (or narrow it) in its integration settings
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
      .addSubcommand((sub) =>
        sub
          .setName('add')
          .setDescription('Add an article from a link, a file or pasted text')
          .addStringOption((o) => o.setName('url').setDescription('A link to the article (http or https)').setMaxLength(URL_MAX))
          .addAttachmentOption((o) => o.setName('file').setDescription('A .txt, .md or .html file'))
          .addStringOption((o) => o.setName('text').setDescription('The article text').setMaxLength(TEXT_MAX))
          .addStringOption((o) => o.setName('title').setDescription('A title for a file or pasted text').setMaxLength(TITLE_MAX)),
      )
      .addSubcommand((sub) =>
        sub
          .setName('remove')
          .setDescription('Remove an article from this server (other servers keep their copy)')
          .addStringOption((o) => articleOption(o).setRequired(true).setDescription('Which article; start typing a title')),
      )
      .addSubcommand((sub) =>
        sub
          .setName('shared')
          .setDescription('Show or hide the shared collection (the bot operator’s articles) in this server')
          .addBooleanOption((o) => o.setName('visible').setDescription('True to show it (the default), False to hide it').setRequired(true)),
      ),
    validate,
    // Fetching a page may take seconds, and may still fail: deferred privately. Pasted text is
    // read at once; a busy reader pool past the deadline falls back to the router's late deferral
    defer: (interaction) => (interaction.options.getSubcommand(false) === 'add' && interaction.options.getString('text') === null ? 'private' : false),
    execute(interaction, context) {
      const guildId = interaction.guildId;
      if (!guildId) return renderNotice('Articles belong to a server: run /article in a server channel.');
      const sub = interaction.options.getSubcommand();
      if (sub === 'remove') return remove(interaction, guildId, context);
      if (sub === 'shared') return shared(interaction, guildId, context);
      return add(interaction, context);
    },
    autocomplete: (interaction, { articles }) => suggestArticles(articles, interactionScope(interaction), interaction.options.getFocused()),
  };
}

export default createArticleCommand();
