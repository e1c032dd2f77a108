import { PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { articleOption, suggestArticles } from '../src/discord/article-option.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import { interactionScope } from '../src/discord/scope.js';
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
const sourcePrefix = (guildId: string, interaction: ChatInputCommandInteraction): string => `discord:${guildId}/${interaction.user.id}`;

async function add(interaction: ChatInputCommandInteraction, guildId: string, { articles }: CommandContext, services: ArticleCommandServices): Promise<BotMessage> {
  const url = interaction.options.getString('url')?.trim() || null;
  const file = interaction.options.getAttachment('file');
  const text = interaction.options.getString('text')?.trim() || null;
  const title = interaction.options.getString('title')?.trim() || null;
  const given = [url, file, text].filter((v) => v !== null).length;
  if (given !== 1) return renderNotice('Give exactly one of url:, file: or text: — a link to the article, a .txt/.md/.html file, or the article text.');
  // What a member adds joins this server's collection: the other servers do not see it
  const destination = { collection: 'guild', guildId, addedBy: interaction.user.id } as const;
  const options: IngestOptions & { title: string | null } = { articles, destination, read: services.read, fetch: services.fetch, title };
  const what = url ? `<${url}>` : file ? file.name : 'the text';
  try {
    if (url) return renderIngested(await ingestUrl(url, options));
    if (file) return renderIngested(await ingestAttachment({ url: file.url, name: file.name }, sourcePrefix(guildId, interaction), options));
    return renderIngested(ingestPastedText(text!, sourcePrefix(guildId, interaction), options));
  } catch (error) {
    const reason = ingestErrorReason(error);
    if (reason === null) throw error;
    return renderIngestError(what, reason);
  }
}

/** `/article remove article:`: takes an article out of this server's collection. */
function remove(interaction: ChatInputCommandInteraction, guildId: string, { articles }: CommandContext): BotMessage {
  const value = interaction.options.getString('article', true).trim();
  // Removing is not a search: only an article picked from the list (its number) is removed
  const id = /^#?\d+$/.test(value) ? Number(value.replace('#', '')) : null;
  const notFound = `No article ${id === null ? `“${value}”` : `#${id}`} in this server. Pick one from the list as you type, or see /articles.`;
  if (id === null) return renderNotice(notFound);
  const outcome = articles.removeArticle(guildId, id);
  switch (outcome.kind) {
    case 'not-found':
      return renderNotice(notFound);
    case 'shared':
      return renderNotice(`#${id} is in the shared collection (the bot operator’s articles folder), so it cannot be removed from one server. A server admin can hide the whole shared collection here with /article shared visible:False.`);
    default: {
      // Deleted or still held elsewhere: the same answer, so no server learns what another one holds
      const still = outcome.kind === 'unlinked' && outcome.stillVisible ? ' It is also in the shared collection, so it still shows here.' : '';
      return renderNotice(`Removed #${id} from this server’s articles.${still}`, false);
    }
  }
}

/** `/article shared visible:`: whether this server sees the shared collection (the operator's folder). */
function shared(interaction: ChatInputCommandInteraction, guildId: string, { articles }: CommandContext): BotMessage {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    return renderNotice('Showing or hiding the shared collection is a server setting: it needs the Manage Server permission.');
  }
  const visible = interaction.options.getBoolean('visible', true);
  articles.setSharedVisible(guildId, visible);
  return renderNotice(visible
    ? 'This server now sees the shared collection (the bot operator’s articles) alongside its own.'
    : 'This server no longer sees the shared collection: /articles, the quotes and the briefing show only what its members and feeds added.', false);
}

/** `/article add|remove|shared`: this server's own articles. Manage Messages by default. */
export function createArticleCommand(services: ArticleCommandServices = {}): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(NAME)
      .setDescription('Add and remove this server’s articles')
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
    // Fetching a page may take several seconds.
    defer: (interaction) => interaction.options.getSubcommand(false) === 'add' && interaction.options.getString('text') === null,
    execute(interaction, context) {
      const guildId = interaction.guildId;
      if (!guildId) return renderNotice('Articles belong to a server: run /article in a server channel.');
      const sub = interaction.options.getSubcommand();
      if (sub === 'remove') return remove(interaction, guildId, context);
      if (sub === 'shared') return shared(interaction, guildId, context);
      return add(interaction, guildId, context, services);
    },
    autocomplete: (interaction, { articles }) => suggestArticles(articles, interactionScope(interaction), interaction.options.getFocused()),
  };
}

export default createArticleCommand();
