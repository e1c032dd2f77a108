import { extname } from 'node:path';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
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

/** Takes a quota slot, adds the article to this server's collection, and gives the slot back when nothing new was stored. */
async function add(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<BotMessage> {
  // Taken again here: two adds sent at once both passed `validate`
  const slot = context.quotas.claim(quotaRequest(interaction, context));
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
    if (!added) context.quotas.release(slot.id);
  }
}

/** `/article add url:|file:|text: [title]`: brings one article into the archive. */
export function createArticleCommand(): SlashCommand {
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
    // Fetching a page may take seconds, and may still fail: deferred privately. Pasted text is
    // read at once; a busy reader pool past the deadline falls back to the router's late deferral
    defer: (interaction) => (interaction.options.getString('text') === null ? 'private' : false),
    execute(interaction, context) {
      return add(interaction, context);
    },
  };
}

export default createArticleCommand();
