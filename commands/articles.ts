import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { TEXT_OPTION_MAX } from '../src/discord/article-option.js';
import type { CommandContext, SlashCommand } from '../src/discord/command.js';
import { pageButtons, pageCount, type PageState } from '../src/discord/pages.js';
import { ARTICLES_PER_PAGE, renderArticleList, type BotMessage } from '../src/discord/render.js';
import { interactionScope } from '../src/discord/scope.js';
import type { Scope } from '../src/library/types.js';

const NAME = 'articles';

/** One page of the server's articles; null past the last page (the data changed since). */
async function articlesPage(state: PageState, { articles }: CommandContext, scope: Scope): Promise<BotMessage | null> {
  const search = state.query || null;
  const { items, total, capped } = await articles.listArticles(scope, { search: search ?? undefined, limit: ARTICLES_PER_PAGE, offset: state.page * ARTICLES_PER_PAGE });
  if (items.length === 0 && state.page > 0) return null;
  const count = pageCount(total, ARTICLES_PER_PAGE);
  return { ...renderArticleList({ items, page: state.page, pageCount: count, total, capped, search }), components: pageButtons(state, count) };
}

/** `/articles [search]`: the archive, newest first, ten a page. */
export default {
  data: new SlashCommandBuilder()
    .setName(NAME)
    .setDescription('The articles in the archive, newest first')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) => option.setName('search').setDescription('Words in the title or text').setMaxLength(TEXT_OPTION_MAX)),
  async execute(interaction, context) {
    const query = interaction.options.getString('search')?.trim() ?? '';
    // Page 0 always renders: an empty archive still gets its "no articles" answer.
    return (await articlesPage({ command: NAME, page: 0, articleId: null, query }, context, interactionScope(interaction)))!;
  },
  page: articlesPage,
} satisfies SlashCommand;
