import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
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

/** A speaker's quotes, in one article or across the archive; "did you mean" when unknown. */
function bySpeaker(name: string, articleId: number | null, { speakers }: CommandContext, scope: Scope): BotMessage {
  const { matches, suggestions } = speakers.findSpeakers(scope, name);
  const [speaker, ...others] = matches;
  if (!speaker) {
    const close = suggestions.slice(0, 3).map((s) => s.name);
    return renderNotice(`No quotes by ${name}.${close.length ? ` Did you mean ${close.join(', ')}?` : ' Start typing a name to see who is quoted.'}`);
  }
  const note = others.length ? `Also matched: ${others.map((s) => s.name).join(', ')}. Pick one from the list to see theirs.` : undefined;
  const state: PageState = { command: NAME, page: 0, articleId, query: speaker.id };
  const where = articleId === null ? '' : ' in this article';
  return speakerQuotesPage(speakers, scope, state, note) ?? renderNotice(`No quotes by ${speaker.name}${where}.`);
}

/** Rebuilds a page from a button: a speaker's quotes, or all quotes of one article. */
function quotesPage(state: PageState, { articles, speakers }: CommandContext, scope: Scope): BotMessage | null {
  if (state.query) return speakerQuotesPage(speakers, scope, state);
  const article = state.articleId === null ? null : articles.getArticle(scope, state.articleId);
  const reading = article ? articles.getReading(scope, article.id) : null;
  return article && reading ? articleQuotesPage(article, reading, state) : null;
}

/** `/quotes [speaker] [article]`: quotes grouped by speaker. */
export default {
  data: new SlashCommandBuilder()
    .setName(NAME)
    .setDescription('Quotes grouped by speaker; with a speaker and no article, from the whole archive')
    .addStringOption((option) =>
      option.setName('speaker').setDescription('Who said it: a name or a role').setAutocomplete(true).setMaxLength(TEXT_OPTION_MAX),
    )
    .addStringOption(articleOption),
  // A search across the whole archive may take a while.
  defer: (interaction: ChatInputCommandInteraction) => interaction.options.getString('speaker') !== null && interaction.options.getString('article') === null,
  execute(interaction, context) {
    const speaker = interaction.options.getString('speaker')?.trim() || null;
    const articleValue = interaction.options.getString('article');
    const scope = interactionScope(interaction);
    if (speaker && articleValue === null) return bySpeaker(speaker, null, context, scope);
    const found = findArticle(context.articles, scope, articleValue);
    if (!found.ok) return found.message;
    if (speaker) return bySpeaker(speaker, found.article.id, context, scope);
    const state: PageState = { command: NAME, page: 0, articleId: found.article.id, query: '' };
    return articleQuotesPage(found.article, found.reading, state) ?? renderNotice('This article has no quotes.');
  },
  autocomplete(interaction, { articles, speakers }) {
    const focused = interaction.options.getFocused(true);
    const scope = interactionScope(interaction);
    if (focused.name === 'article') return suggestArticles(articles, scope, focused.value);
    // Only speakers this server has quotes of, counted in its own articles
    return speakers.suggestSpeakers(scope, focused.value.trim(), SPEAKER_SUGGESTIONS).map((s) => ({
      name: `${s.name}${s.roles[0] ? `, ${s.roles[0]}` : ''} (${s.quoteCount} quote${s.quoteCount === 1 ? '' : 's'})`,
      value: s.name,
    }));
  },
  page: quotesPage,
} satisfies SlashCommand;
