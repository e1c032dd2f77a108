/** The `article` option shared by several commands: autocomplete and lookup. */
import type { SlashCommandStringOption } from 'discord.js';
import type { Reading } from '../article/types.js';
import type { ArticleStore, Scope, StoredArticle } from '../library/types.js';
import type { Choice } from './command.js';
import { articleLabel, renderNotice, type BotMessage } from './render.js';

// Autocomplete shows at most 25 choices anyway.
const SUGGESTIONS = 25;
// Free text long enough for any title search; ids from autocomplete are far shorter.
export const TEXT_OPTION_MAX = 60;

/** Configures an `article` option: autocompleted, its value an article id. */
export function articleOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option.setName('article').setDescription('Which article (the latest when left out); start typing a title').setAutocomplete(true).setMaxLength(TEXT_OPTION_MAX);
}

/** Choices for what the user typed so far; the value is the article id as a string. */
export async function suggestArticles(articles: ArticleStore, scope: Scope, typed: string): Promise<Choice[]> {
  return (await articles.suggestArticles(scope, typed.trim(), SUGGESTIONS)).map((article) => ({
    name: `#${article.id} ${articleLabel(article)}${article.date ? ` (${article.date})` : ''}`,
    value: String(article.id),
  }));
}

export type FoundArticle = { ok: true; article: StoredArticle; reading: Reading } | { ok: false; message: BotMessage };

/**
 * The article an option names: an id picked from autocomplete, or text typed without
 * picking (the best title match), or the latest article when the option is empty; only
 * among the articles `scope` sees (another server's article is "not found", as a missing one).
 */
export async function findArticle(articles: ArticleStore, scope: Scope, value: string | null): Promise<FoundArticle> {
  const article = await pick(articles, scope, value?.trim() || null);
  if (!article) {
    const text = value ? `No article matches “${value}”. Pick one from the list as you type, or see /articles.` : 'The archive is empty. Add an article with /article add first.';
    return { ok: false, message: renderNotice(text) };
  }
  const reading = await articles.getReading(scope, article.id);
  if (!reading) return { ok: false, message: renderNotice(`Article #${article.id} has not been read yet. Try again in a moment.`) };
  return { ok: true, article, reading };
}

async function pick(articles: ArticleStore, scope: Scope, value: string | null): Promise<StoredArticle | null> {
  if (value === null) return articles.latestArticle(scope);
  // A number is an article picked from the list: not found when this server does not see it,
  // rather than a search for the digits in some other article's text
  if (/^#?\d+$/.test(value)) return articles.getArticle(scope, Number(value.replace('#', '')));
  return (await articles.listArticles(scope, { search: value, limit: 1 })).items[0] ?? null;
}
