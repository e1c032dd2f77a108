/** Every slash command, listed explicitly: nothing registers itself on import. */
import type { SlashCommand } from '../src/discord/command.js';
import article from './article.js';
import articles from './articles.js';
import briefing from './briefing.js';
import facts from './facts.js';
import feed from './feed.js';
import { follow, unfollow } from './follow.js';
import headline from './headline.js';
import quotes from './quotes.js';

export const commands: readonly SlashCommand[] = [headline, quotes, facts, articles, article, feed, briefing, follow, unfollow];
