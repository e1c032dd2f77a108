import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import { renderIngested, renderIngestError } from '../src/discord/render-ingest.js';
import { renderNotice, type BotMessage } from '../src/discord/render.js';
import { guildDestination, SHARED } from '../src/ingest/destination.js';
import { ingestErrorReason, type IngestResult } from '../src/ingest/ingest-result.js';

const NAME = 'article';
// Discord caps string options at 6000 characters; a pasted article fits.
const TEXT_MAX = 6000;
const URL_MAX = 2000;
const TITLE_MAX = 200;

async function add(interaction: ChatInputCommandInteraction, { ingest }: CommandContext): Promise<BotMessage> {
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const text = interaction.options.getString('text')?.trim() || null;
  const title = interaction.options.getString('title')?.trim() || null;
  const given = [url, file, text].filter((v) => v !== null).length;
  if (given !== 1) return renderNotice('Give exactly one of url:, file: or text: — a link to the article, a .txt/.md/.html file, or the article text.');
  // Who added it; the server's collection once the archive has them
  const destination = interaction.guildId ? guildDestination(interaction.guildId, interaction.user.id) : SHARED;
  const what = url ? `<${url}>` : file ? file.name : 'the text';
  let result: IngestResult;
  if (url) result = await ingest.url(url, destination);
  else if (file) result = await ingest.attachment({ url: file.url, name: file.name }, destination, { title });
  else result = await ingest.text(text!, destination, { title });
  return result.ok ? renderIngested(result.value) : renderIngestError(what, ingestErrorReason(result.error));
}

/** `/article add url:|file:|text: [title]`: brings one article into the archive. */
export function createArticleCommand(): SlashCommand {
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
    // Fetching and reading a page may take several seconds; so may reading pasted text in a busy pool
    defer: () => true,
    execute(interaction, context) {
      return add(interaction, context);
    },
  };
}

export default createArticleCommand();
