import type { Database } from 'better-sqlite3';
import type { Quote, QuoteKind } from '../article/types.js';
import { toStoredArticle } from './article-store.js';
import { editDistance } from './edit-distance.js';
import { foldKey, foldWords } from './fold.js';
import { SPEAKER_COLUMNS, toSpeakerSummary, type SpeakerRow } from './speaker-store.js';
import type { SpeakerMatch, SpeakerQuote, SpeakerSummary, StoredArticle } from './types.js';

/** Discord shows at most 25 autocomplete choices. */
export const SUGGEST_LIMIT_DEFAULT = 25;
/** A page of quotes when the caller gives no limit. */
const QUOTES_LIMIT_DEFAULT = 10;
/** "Did you mean …" offers a handful, not a list. */
const SUGGESTIONS_MAX = 5;
/** Matches for one query: a role like "president" can name many. */
const MATCHES_MAX = 25;
// Words past the end of every folded term, for a prefix range scan on the index
const PREFIX_END = '\uffff';

/** Edits allowed for "did you mean": one typo in a short name, up to three in a long one. */
export function typoBudget(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

interface QuoteRow {
  id: number;
  article_id: number;
  text: string;
  kind: string;
  start: number;
  end: number;
  outer_start: number;
  outer_end: number;
  continued: number;
  speaker_id: string | null;
  mention_text: string | null;
  mention_start: number | null;
  mention_end: number | null;
}

function toQuote(row: QuoteRow, speaker: SpeakerSummary | null): Quote {
  const mention = row.mention_text === null ? null : { text: row.mention_text, start: row.mention_start ?? 0, end: row.mention_end ?? 0 };
  return {
    text: row.text, kind: row.kind as QuoteKind, start: row.start, end: row.end,
    outerStart: row.outer_start, outerEnd: row.outer_end, continued: row.continued === 1,
    speaker: speaker ? { id: speaker.id, name: speaker.name, mention } : null,
  };
}

const ARTICLE_COLUMNS = 'a.id AS a_id, a.source, a.url, a.title, a.date, a.hash, a.added_at';
type JoinedRow = QuoteRow & {
  a_id: number; source: string; url: string | null; title: string | null; date: string | null; hash: string; added_at: number;
};
const articleOf = (r: JoinedRow): StoredArticle => toStoredArticle({ ...r, id: r.a_id });

/** A quote found by text search; unattributed quotes have no speaker. */
export interface QuoteHit {
  article: StoredArticle;
  quote: Quote;
  speaker: SpeakerSummary | null;
}

/** Speaker autocomplete, forgiving speaker search and quotes by speaker. */
export function createSpeakerSearch(db: Database) {
  const byId = db.prepare<[string], SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id = ?`);
  const redirect = db.prepare<[string], { new_id: string }>('SELECT new_id FROM speaker_redirects WHERE old_id = ?');
  const top = db.prepare<[number], SpeakerRow>(`SELECT ${SPEAKER_COLUMNS} FROM speakers ORDER BY quote_count DESC, name LIMIT ?`);
  const prefix = db.prepare<[string, string, number], SpeakerRow>(
    `SELECT ${SPEAKER_COLUMNS} FROM speakers WHERE id IN
       (SELECT speaker_id FROM speaker_terms WHERE term >= ? AND term < ?)
     ORDER BY quote_count DESC, name LIMIT ?`,
  );
  const exact = db.prepare<[string], { speaker_id: string }>('SELECT speaker_id FROM speaker_terms WHERE term = ?');
  const forms = db.prepare<[number, number, number, number], { id: string; form: string }>(
    `SELECT speaker_id AS id, key AS form FROM speaker_aliases WHERE length(key) BETWEEN ? AND ?
     UNION ALL SELECT id, surname FROM speakers WHERE length(surname) BETWEEN ? AND ?`,
  );
  const quotes = db.prepare<[string, number | null, number | null, number, number], JoinedRow>(
    `SELECT q.*, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.speaker_id = ? AND (? IS NULL OR q.article_id = ?)
     ORDER BY a.date IS NULL, a.date DESC, a.added_at DESC, a.id DESC, q.position LIMIT ? OFFSET ?`,
  );
  const quoteCount = db.prepare<[string, number | null, number | null], { n: number }>(
    'SELECT count(*) AS n FROM quotes WHERE speaker_id = ? AND (? IS NULL OR article_id = ?)',
  );
  const textSearch = db.prepare<[string, number, number], JoinedRow>(
    `SELECT q.*, ${ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)
     ORDER BY a.date IS NULL, a.date DESC, a.added_at DESC, q.position LIMIT ? OFFSET ?`,
  );

  const textCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM quotes_fts WHERE quotes_fts MATCH ?');

  const summaries = (ids: Iterable<string>): SpeakerSummary[] =>
    [...new Set(ids)].flatMap((id) => { const r = byId.get(id); return r ? [toSpeakerSummary(r)] : []; })
      .sort((a, b) => b.quoteCount - a.quoteCount || a.name.localeCompare(b.name));

  function suggestSpeakers(text: string, limit = SUGGEST_LIMIT_DEFAULT): SpeakerSummary[] {
    const key = foldKey(text);
    if (key === '') return top.all(limit).map(toSpeakerSummary);
    return prefix.all(key, key + PREFIX_END, limit).map(toSpeakerSummary);
  }

  /** Speakers with a term equal to the whole query, or else to every word of it. */
  function exactMatches(key: string): string[] {
    const whole = exact.all(key).map((r) => r.speaker_id);
    if (whole.length > 0) return whole;
    // "President Erdogan": a role word and a surname, each a term of the same speaker
    const sets = foldWords(key).map((w) => new Set(exact.all(w).map((r) => r.speaker_id)));
    const [first, ...rest] = sets;
    return first ? [...first].filter((id) => rest.every((s) => s.has(id))) : [];
  }

  /** The closest names by edit distance, for "did you mean …". */
  function closest(key: string): SpeakerSummary[] {
    const budget = typoBudget(key.length);
    const best = new Map<string, number>();
    // Only names within the budget in length can be within it in edits
    for (const { id, form } of forms.iterate(key.length - budget, key.length + budget, key.length - budget, key.length + budget)) {
      const d = editDistance(key, form, budget);
      if (d <= budget && d < (best.get(id) ?? Infinity)) best.set(id, d);
    }
    return summaries(best.keys())
      .sort((a, b) => best.get(a.id)! - best.get(b.id)! || b.quoteCount - a.quoteCount)
      .slice(0, SUGGESTIONS_MAX);
  }

  function findSpeakers(query: string): SpeakerMatch {
    const key = foldKey(query);
    if (key === '') return { matches: [], suggestions: [] };
    const exactIds = exactMatches(key);
    const matches = exactIds.length > 0 ? summaries(exactIds) : suggestSpeakers(key, MATCHES_MAX);
    if (matches.length > 0) return { matches: matches.slice(0, MATCHES_MAX), suggestions: [] };
    return { matches: [], suggestions: closest(key) };
  }

  /** The current id of a speaker, following renames from a shorter name to a fuller one. */
  function resolve(id: string): SpeakerRow | null {
    return byId.get(id) ?? byId.get(redirect.get(id)?.new_id ?? '') ?? null;
  }

  function quotesBySpeaker(id: string, options: { articleId?: number; limit?: number; offset?: number } = {}) {
    const row = resolve(id);
    if (!row) return { items: [] as SpeakerQuote[], total: 0 };
    const speaker = toSpeakerSummary(row);
    const article = options.articleId ?? null;
    const rows = quotes.all(row.id, article, article, options.limit ?? QUOTES_LIMIT_DEFAULT, options.offset ?? 0);
    const items = rows.map((r): SpeakerQuote => ({ article: articleOf(r), quote: toQuote(r, speaker), speaker }));
    return { items, total: quoteCount.get(row.id, article, article)!.n };
  }

  /** Quotes whose text or speaker name matches an FTS5 query (see `ftsQuery`). */
  function searchQuotes(match: string, limit = QUOTES_LIMIT_DEFAULT, offset = 0): { items: QuoteHit[]; total: number } {
    const items = textSearch.all(match, limit, offset).map((r) => {
      const speakerRow = r.speaker_id ? byId.get(r.speaker_id) : undefined;
      const speaker = speakerRow ? toSpeakerSummary(speakerRow) : null;
      return { article: articleOf(r), quote: toQuote(r, speaker), speaker };
    });
    return { items, total: textCount.get(match)!.n };
  }

  return { suggestSpeakers, findSpeakers, quotesBySpeaker, searchQuotes };
}
