/** Pages of quotes: from one article, or by one speaker across the archive. */
import type { Quote, Reading } from '../article/types.js';
import type { Scope, SpeakerQuote, SpeakerStore, StoredArticle } from '../library/types.js';
import { pageButtons, pageCount, type PageState } from './pages.js';
import { articleLabel, QUOTES_PER_PAGE, renderQuotes, type BotMessage, type QuoteGroup } from './render.js';

const UNATTRIBUTED = 'Unattributed';

/** Consecutive quotes by the same speaker become one group. */
function groupRuns<T>(items: T[], nameOf: (item: T) => string, toGroup: (item: T) => QuoteGroup): QuoteGroup[] {
  const groups: QuoteGroup[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.name === nameOf(item)) last.quotes.push(...toGroup(item).quotes);
    else groups.push(toGroup(item));
  }
  return groups;
}

/** A quote over several paragraphs is one piece per paragraph; readers see it whole. */
function joinContinued(quotes: Quote[]): Quote[] {
  const joined: Quote[] = [];
  for (const quote of quotes) {
    const previous = joined.at(-1);
    if (quote.continued && previous && previous.speaker?.id === quote.speaker?.id) {
      joined[joined.length - 1] = { ...previous, text: `${previous.text}\n${quote.text}`, end: quote.end, outerEnd: quote.outerEnd };
    } else {
      joined.push(quote);
    }
  }
  return joined;
}

/** A speaker's quotes together, speakers in order of first quote. */
function bySpeaker(quotes: Quote[]): Quote[] {
  const order = new Map<string, Quote[]>();
  for (const quote of joinContinued(quotes)) {
    const key = quote.speaker?.id ?? UNATTRIBUTED;
    order.set(key, [...(order.get(key) ?? []), quote]);
  }
  return [...order.values()].flat();
}

/** One page of the quotes in an article, grouped by speaker; null past the last page. */
export function articleQuotesPage(article: StoredArticle, reading: Reading, state: PageState): BotMessage | null {
  const quotes = bySpeaker(reading.quotes);
  const count = pageCount(quotes.length, QUOTES_PER_PAGE);
  if (state.page >= count) return null;
  const slice = quotes.slice(state.page * QUOTES_PER_PAGE, (state.page + 1) * QUOTES_PER_PAGE);
  const roles = (id: string | undefined) => reading.speakers.find((s) => s.id === id)?.roles ?? [];
  const groups = groupRuns(
    slice,
    (q) => q.speaker?.name ?? UNATTRIBUTED,
    (q) => ({ name: q.speaker?.name ?? UNATTRIBUTED, roles: roles(q.speaker?.id), quotes: [{ text: q.text }] }),
  );
  const title = `Quotes: ${reading.title || article.title || reading.headline.trim() || articleLabel(article)}`;
  const message = renderQuotes({ title, url: article.url, groups, page: state.page, pageCount: count, total: quotes.length });
  return { ...message, components: pageButtons(state, count) };
}

/** One page of a speaker's quotes, newest article first; null when none are left. */
export async function speakerQuotesPage(speakers: SpeakerStore, scope: Scope, state: PageState, note?: string): Promise<BotMessage | null> {
  const { items, total } = await speakers.quotesBySpeaker(scope, state.query, {
    articleId: state.articleId ?? undefined,
    limit: QUOTES_PER_PAGE,
    offset: state.page * QUOTES_PER_PAGE,
  });
  const first = items[0];
  if (!first) return null;
  const count = pageCount(total, QUOTES_PER_PAGE);
  const groups = groupRuns(
    items,
    (item) => item.speaker.name,
    (item: SpeakerQuote) => ({
      name: item.speaker.name,
      roles: item.speaker.roles,
      quotes: [{ text: item.quote.text, source: { title: articleLabel(item.article), url: item.article.url, date: item.article.date } }],
    }),
  );
  const message = renderQuotes({ title: `Quotes by ${first.speaker.name}`, url: null, groups, page: state.page, pageCount: count, total, note });
  return { ...message, components: pageButtons(state, count) };
}
