/**
 * The engine's data model. Offsets are JavaScript string offsets (UTF-16 code units) into
 * the text as read (UTF-8 decoded, BOM stripped), so everything can be shown and checked.
 */

/** A half-open range `[start, end)` into the article text. */
export interface Span {
  start: number;
  end: number;
}

/** A phrase of the text with its position. */
export interface TextSpan extends Span {
  text: string;
}

/** A raw article after `readText`: the header is parsed, nothing is rewritten. */
export interface Article {
  /** The whole text as read; every offset refers to it. */
  text: string;
  title: string | null;
  /** `YYYY-MM-DD`, from the header or the caller's metadata. */
  date: string | null;
  /** Where the body starts (after the header and the title line). */
  bodyStart: number;
  /** Paragraphs of the body, in order. */
  paragraphs: Span[];
}

export interface Sentence extends Span {
  /** Index of the paragraph that holds it. */
  paragraph: number;
}

export type QuoteKind = 'direct' | 'partial';

/** Quote marks found in the text; `start`/`end` enclose the text inside the marks. */
export interface QuoteSpan extends Span {
  text: string;
  kind: QuoteKind;
  /** Offset of the opening mark (inclusive) and the closing mark (exclusive). */
  outerStart: number;
  outerEnd: number;
  /** True for a piece that continues a multi-paragraph quote from the previous paragraph. */
  continued: boolean;
}

export interface Speaker {
  /** Stable across articles: derived from the canonical name alone. */
  id: string;
  name: string;
  aliases: string[];
  roles: string[];
  /** A person, or an organisation ("the Kremlin", "the State Department"). */
  type: 'person' | 'organization';
}

export interface Attribution {
  id: string;
  name: string;
  /** The phrase in the attribution clause; null when the quote continues the previous one. */
  mention: TextSpan | null;
}

export interface Quote extends QuoteSpan {
  speaker: Attribution | null;
}

export interface DateFact {
  text: string;
  /** `YYYY-MM-DD`, or null when it cannot be resolved (e.g. no article date). */
  date: string | null;
  start?: number;
  end?: number;
}

export interface Facts {
  people: string[];
  places: string[];
  organizations: string[];
  dates: DateFact[];
  numbers: string[];
  key: string[];
}

/** The engine's whole answer for one article. */
export interface Reading {
  title: string | null;
  date: string | null;
  headline: string;
  summary: string[];
  quotes: Quote[];
  speakers: Speaker[];
  facts: Facts;
}

/** Metadata a caller may know better than the text (a feed's date, a page's title). */
export interface ArticleMeta {
  title?: string | null;
  date?: string | null;
  /** Bytes above which input is refused: the caller's limit (BRIEFING_MAX_BYTES); none when absent. */
  maxBytes?: number;
}

export type ReadErrorCode = 'EMPTY_TEXT' | 'BINARY' | 'INVALID_UTF8' | 'TOO_LARGE';

export interface ReadError {
  code: ReadErrorCode;
  message: string;
}

/** Bad input is a value, not an exception. */
export type Result<T, E = ReadError> = { ok: true; value: T } | { ok: false; error: E };
