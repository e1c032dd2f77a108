import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { articleOption, findArticle, suggestArticles, TEXT_OPTION_MAX } from '../src/discord/article-option.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import type { PageState } from '../src/discord/pages.js';
import { articleQuotesPage, speakerQuotesPage } from '../src/discord/quote-pages.js';
import { renderNotice, type BotMessage } from '../src/discord/render.js';
import { interactionScope } from '../src/discord/scope.js';
import type { Scope } from '../src/library/types.js';

const NAME = 'quotes';
// Speaker suggestions shown while typing; Discord shows at most 25.
const SPEAKER_SUGGESTIONS = 25;

/** "No quotes by …", with close names to try, when nobody the server can see matches `name`. */
async function unknownSpeaker(name: string, { speakers }: CommandContext, scope: Scope): Promise<BotMessage | null> {
  const { matches, suggestions } = await speakers.findSpeakers(scope, name);
  if (matches.length > 0) return null;
  const close = suggestions.slice(0, 3).map((s) => s.name);
  return renderNotice(`No quotes by ${name}.${close.length ? ` Did you mean ${close.join(', ')}?` : ' Start typing a name to see who is quoted.'}`);
}

/** A speaker's quotes, in one article or across the archive; "did you mean" when unknown. */
async function bySpeaker(name: string, articleId: number | null, context: CommandContext, scope: Scope): Promise<BotMessage> {
  const { speakers } = context;
  const [speaker, ...others] = (await speakers.findSpeakers(scope, name)).matches;
  if (!speaker) return (await unknownSpeaker(name, context, scope))!;
  const note = others.length ? `Also matched: ${others.map((s) => s.name).join(', ')}. Pick one from the list to see theirs.` : undefined;
  const state: PageState = { command: NAME, page: 0, articleId, query: speaker.id };
  const where = articleId === null ? '' : ' in this article';
  return (await speakerQuotesPage(speakers, scope, state, note)) ?? renderNotice(`No quotes by ${speaker.name}${where}.`);
}

const speakerOf = (interaction: ChatInputCommandInteraction): string | null => interaction.options.getString('speaker')?.trim() || null;
const acrossArchive = (interaction: ChatInputCommandInteraction): boolean => speakerOf(interaction) !== null && interaction.options.getString('article') === null;

/** Rebuilds a page from a button: a speaker's quotes, or all quotes of one article. */
async function quotesPage(state: PageState, { articles, speakers }: CommandContext, scope: Scope): Promise<BotMessage | null> {
  if (state.query) return speakerQuotesPage(speakers, scope, state);
  const article = state.articleId === null ? null : await articles.getArticle(scope, state.articleId);
  const reading = article ? await articles.getReading(scope, article.id) : null;
  return article && reading ? articleQuotesPage(article, reading, state) : null;
}

/** `/quotes [speaker] [article]`: quotes grouped by speaker. */
export default {
  data: new SlashCommandBuilder()
    .setName(NAME)
    .setDescription('Quotes grouped by speaker; with a speaker and no article, from the whole archive')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) => option.setName('speaker').setDescription('Who said it: a name or a role').setAutocomplete(true).setMaxLength(TEXT_OPTION_MAX))
    .addStringOption(articleOption),
  // An unknown name is answered privately at once, before the search is deferred in public
  validate: (interaction, context) => (acrossArchive(interaction) ? unknownSpeaker(speakerOf(interaction)!, context, interactionScope(interaction)) : null),
  // A search across the whole archive may take a while; a known speaker's quotes are no error
  defer: (interaction) => (acrossArchive(interaction) ? 'public' : false),
  async execute(interaction, context) {
    const speaker = speakerOf(interaction);
    const articleValue = interaction.options.getString('article');
    const scope = interactionScope(interaction);
    if (speaker && articleValue === null) return bySpeaker(speaker, null, context, scope);
    const found = await findArticle(context.articles, scope, articleValue);
    if (!found.ok) return found.message;
    if (speaker) return bySpeaker(speaker, found.article.id, context, scope);
    const state: PageState = { command: NAME, page: 0, articleId: found.article.id, query: '' };
    return articleQuotesPage(found.article, found.reading, state) ?? renderNotice('This article has no quotes.');
  },
  async autocomplete(interaction, { articles, speakers }) {
    const focused = interaction.options.getFocused(true);
    const scope = interactionScope(interaction);
    if (focused.name === 'article') return suggestArticles(articles, scope, focused.value);
    // Only speakers this server has quotes of, counted in its own articles
    return (await speakers.suggestSpeakers(scope, focused.value.trim(), SPEAKER_SUGGESTIONS)).map((s) => ({
      name: `${s.name}${s.roles[0] ? `, ${s.roles[0]}` : ''} (${s.quoteCount} quote${s.quoteCount === 1 ? '' : 's'})`,
      value: s.name,
    }));
  },
  page: quotesPage,
} satisfies SlashCommand;
