import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { articleOption, findArticle, suggestArticles } from '../src/discord/article-option.js';
import type { SlashCommand } from '../src/discord/command.js';
import { interactionScope } from '../src/discord/scope.js';
import { renderFacts } from '../src/discord/render.js';

/** `/facts [article]`: key facts, people, places, organisations, dates, numbers. */
export default {
  data: new SlashCommandBuilder()
    .setName('facts')
    .setDescription('The key facts of an article: who, what, when, where')
    .setContexts(InteractionContextType.Guild)
    .addStringOption(articleOption),
  async execute(interaction, { articles }) {
    const found = await findArticle(articles, interactionScope(interaction), interaction.options.getString('article'));
    return found.ok ? renderFacts(found.article, found.reading) : found.message;
  },
  autocomplete: (interaction, { articles }) => suggestArticles(articles, interactionScope(interaction), interaction.options.getFocused()),
} satisfies SlashCommand;
