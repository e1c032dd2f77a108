/**
 * Pagination: Previous / Next buttons whose customId holds everything needed to rebuild
 * the page, so buttons on an old message keep working after the bot restarts.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';

/** Everything a page is rebuilt from. */
export interface PageState {
  /** The command that owns the page, e.g. `articles`. */
  command: string;
  /** Zero-based. */
  page: number;
  articleId: number | null;
  /** A search text or a speaker id; may contain any character. */
  query: string;
}

export const PAGE_PREFIX = 'page';
const CUSTOM_ID_MAX = 100; // Discord rejects longer custom ids
const SEPARATOR = ':';
// The label button does nothing, but every button in a message needs a unique id.
const LABEL_ID = 'noop:page-label';

/**
 * `page:<command>:<page>:<articleId or ->:<query>`; the query comes last so it may hold
 * the separator. Null when it would not fit Discord's 100 characters.
 */
export function encodePage(state: PageState): string | null {
  const id = [PAGE_PREFIX, state.command, state.page, state.articleId ?? '-', state.query].join(SEPARATOR);
  return id.length <= CUSTOM_ID_MAX ? id : null;
}

/** The state in a customId, or null when it is not a page button (or is malformed). */
export function decodePage(customId: string): PageState | null {
  const [prefix, command, page, articleId, ...query] = customId.split(SEPARATOR);
  if (prefix !== PAGE_PREFIX || !command || !page || !/^\d+$/.test(page) || !articleId) return null;
  if (articleId !== '-' && !/^\d+$/.test(articleId)) return null;
  return { command, page: Number(page), articleId: articleId === '-' ? null : Number(articleId), query: query.join(SEPARATOR) };
}

/** How many pages `total` items make, at least one so an empty list still shows. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

function button(customId: string, label: string, disabled: boolean): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label, disabled };
}

/** Previous, "Page 2/5", Next; no row at all for a single page. */
export function pageButtons(state: PageState, count: number): APIActionRowComponent<APIButtonComponent>[] {
  if (count <= 1) return [];
  const previous = encodePage({ ...state, page: Math.max(0, state.page - 1) });
  const next = encodePage({ ...state, page: Math.min(count - 1, state.page + 1) });
  // Too long to encode: the first page still shows, without buttons that could not work.
  if (!previous || !next) return [];
  const row: APIButtonComponent[] = [
    button(previous, 'Previous', state.page === 0),
    button(LABEL_ID, `Page ${state.page + 1}/${count}`, true),
    button(next, 'Next', state.page >= count - 1),
  ];
  return [{ type: ComponentType.ActionRow, components: row }];
}
