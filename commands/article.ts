import { extname } from 'node:path';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import { renderIngested, renderIngestError } from '../src/discord/render-ingest.js';
import { renderQuotaRefusal } from '../src/discord/render-quota.js';
import { renderNotice, type BotMessage } from '../src/discord/render.js';
import { canonicalUrl } from '../src/ingest/canonical-url.js';
import { FILE_EXTENSIONS, ingestAttachment, ingestPastedText, ingestUrl, type Ingested, type IngestOptions, type ReadText } from '../src/ingest/ingest.js';
import type { QuotaRequest } from '../src/library/quota-store.js';
import { ingestErrorReason } from '../src/ingest/ingest-errors.js';
import type { SafeFetchOptions } from '../src/ingest/safe-fetch.js';

const NAME = 'article';
// Discord caps string options at 6000 characters; a pasted article fits.
const TEXT_MAX = 6000;
const URL_MAX = 2000;
const TITLE_MAX = 200;

export interface ArticleCommandServices {
  /** Transport and safety for fetched URLs and attachments; tests allow 127.0.0.1 here. */
  fetch?: SafeFetchOptions;
  read?: ReadText;
}

/** `discord:<guild>/<user>`: who added it, without keeping any of their text. */
const sourcePrefix = (interaction: ChatInputCommandInteraction): string => `discord:${interaction.guildId}/${interaction.user.id}`;

const quotaRequest = (interaction: ChatInputCommandInteraction, { clock, limits }: CommandContext): QuotaRequest => ({
  guildId: interaction.guildId!, userId: interaction.user.id, now: clock().getTime(), limits: limits.quota,
});

/** Everything that can be said wrong before fetching: the options, the link, the file type, the quota. */
function validate(interaction: ChatInputCommandInteraction, context: CommandContext): BotMessage | null {
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const text = interaction.options.getString('text')?.trim() || null;
  const given = [url, file, text].filter((v) => v !== null).length;
  if (given !== 1) return renderNotice('Give exactly one of url:, file: or text: — a link to the article, a .txt/.md/.html file, or the article text.');
  if (url && !canonicalUrl(url)) return renderIngestError(`<${url}>`, 'that is not an http or https address. Give the link as it shows in the browser, starting with https://.');
  if (file && !FILE_EXTENSIONS.includes(extname(file.name).toLowerCase())) {
    return renderIngestError(file.name, `only ${FILE_EXTENSIONS.join(', ')} files are read. Save the page or the text in one of those, or paste it with text:.`);
  }
  const quota = context.quotas.check(quotaRequest(interaction, context));
  return quota.ok ? null : renderQuotaRefusal(quota);
}

async function ingest(interaction: ChatInputCommandInteraction, options: IngestOptions & { title: string | null }): Promise<Ingested> {
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  if (url) return ingestUrl(url, options);
  if (file) return ingestAttachment({ url: file.url, name: file.name }, sourcePrefix(interaction), options);
  return ingestPastedText(interaction.options.getString('text', true).trim(), sourcePrefix(interaction), options);
}

/** Takes a quota slot, adds the article, and gives the slot back when nothing new was stored. */
async function add(interaction: ChatInputCommandInteraction, context: CommandContext, services: ArticleCommandServices): Promise<BotMessage> {
  // Taken again here: two adds sent at once both passed `validate`
  const slot = context.quotas.claim(quotaRequest(interaction, context));
  if (!slot.ok) return renderQuotaRefusal(slot);
  const title = interaction.options.getString('title')?.trim() || null;
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const what = url ? `<${url}>` : file ? file.name : 'the text';
  let added = false;
  try {
    const ingested = await ingest(interaction, { articles: context.articles, read: services.read, fetch: services.fetch, title });
    added = ingested.outcome !== 'unchanged';
    return { ...renderIngested(ingested), ephemeral: true };
  } catch (error) {
    const reason = ingestErrorReason(error);
    if (reason === null) throw error;
    return renderIngestError(what, reason);
  } finally {
    if (!added) context.quotas.release(slot.id);
  }
}

/** `/article add url:|file:|text: [title]`: brings one article into the archive. */
export function createArticleCommand(services: ArticleCommandServices = {}): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(NAME)
      .setDescription('Add articles to the archive')
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
      ),
    validate,
    // Fetching a page may take seconds, and may still fail: deferred privately
    defer: (interaction) => (interaction.options.getString('text') === null ? 'private' : false),
    execute(interaction, context) {
      return add(interaction, context, services);
    },
  };
}

export default createArticleCommand();
