import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { articleOption, findArticle, suggestArticles } from '../src/discord/article-option.js';
import type { SlashCommand } from '../src/discord/command.js';
import { interactionScope } from '../src/discord/scope.js';
import { renderHeadline } from '../src/discord/render.js';

/** `/headline [article]`: the headline and summary. */
export default {
  data: new SlashCommandBuilder()
    .setName('headline')
    .setDescription('The headline and summary of an article')
    .setContexts(InteractionContextType.Guild)
    .addStringOption(articleOption),
  async execute(interaction, { articles }) {
    const found = await findArticle(articles, interactionScope(interaction), interaction.options.getString('article'));
    return found.ok ? renderHeadline(found.article, found.reading) : found.message;
  },
  autocomplete: (interaction, { articles }) => suggestArticles(articles, interactionScope(interaction), interaction.options.getFocused()),
} satisfies SlashCommand;
