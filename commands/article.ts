import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import { renderIngested, renderIngestError } from '../src/discord/render-ingest.js';
import { renderNotice, type BotMessage } from '../src/discord/render.js';
import { ingestAttachment, ingestPastedText, ingestUrl, type IngestOptions, type ReadText } from '../src/ingest/ingest.js';
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
const sourcePrefix = (interaction: ChatInputCommandInteraction): string => `discord:${interaction.guildId ?? 'dm'}/${interaction.user.id}`;

async function add(interaction: ChatInputCommandInteraction, { articles }: CommandContext, services: ArticleCommandServices): Promise<BotMessage> {
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const text = interaction.options.getString('text')?.trim() || null;
  const title = interaction.options.getString('title')?.trim() || null;
  const given = [url, file, text].filter((v) => v !== null).length;
  if (given !== 1) return renderNotice('Give exactly one of url:, file: or text: — a link to the article, a .txt/.md/.html file, or the article text.');
  const options: IngestOptions & { title: string | null } = { articles, read: services.read, fetch: services.fetch, title };
  const what = url ? `<${url}>` : file ? file.name : 'the text';
  try {
    if (url) return renderIngested(await ingestUrl(url, options));
    if (file) return renderIngested(await ingestAttachment({ url: file.url, name: file.name }, sourcePrefix(interaction), options));
    return renderIngested(ingestPastedText(text!, sourcePrefix(interaction), options));
  } catch (error) {
    const reason = ingestErrorReason(error);
    if (reason === null) throw error;
    return renderIngestError(what, reason);
  }
}

/** `/article add url:|file:|text: [title]`: brings one article into the archive. */
export function createArticleCommand(services: ArticleCommandServices = {}): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(NAME)
      .setDescription('Add articles to the archive')
      .addSubcommand((sub) =>
        sub
          .setName('add')
          .setDescription('Add an article from a link, a file or pasted text')
          .addStringOption((o) => o.setName('url').setDescription('A link to the article (http or https)').setMaxLength(URL_MAX))
          .addAttachmentOption((o) => o.setName('file').setDescription('A .txt, .md or .html file'))
          .addStringOption((o) => o.setName('text').setDescription('The article text').setMaxLength(TEXT_MAX))
          .addStringOption((o) => o.setName('title').setDescription('A title for a file or pasted text').setMaxLength(TITLE_MAX)),
      ),
    // Fetching a page may take several seconds.
    defer: (interaction) => interaction.options.getString('text') === null,
    execute(interaction, context) {
      return add(interaction, context, services);
    },
  };
}

export default createArticleCommand();
