/**
 * Page furniture: the words a web page puts around an article that are not the article. Share
 * widgets ("Click to share on WhatsApp (Opens in new window)"), video prompts ("Scroll down for
 * video"), image credits ("Getty Images 22") and byline lines ("By Ben Schreckinger ·
 * 2016-11-03"). They are cut out of the paragraphs before anything reads them; the text itself
 * is never rewritten, so every offset still refers to it.
 */
import type { Span } from '../types.js';

/**
 * Widgets and prompts, wherever they stand: pasted pages glue them to the sentence that follows
 * ("…Copy this linkResearchers found…", "Media playback is not supported on this deviceMuir told…").
 */
const INLINE =
  /\bClick to (?:share on \p{L}[\p{L}+]*|email|print)(?:\s*\(Opens in new window\))?|\(Opens in new window\)|\bScroll down for (?:video|more(?: videos?)?)\b|\bShare this (?:article|story)\b|\bShare this with(?:\s*(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|LinkedIn|Linkedin|Reddit))*\s*Copy this link|\bMedia playback is (?:not supported|unsupported) on (?:this|your) device|\bVisit site\b|\bAdvertisement\b(?=\s*\n|\s*$)/gu;

/** A credit line: "Getty Images 22", "Photo: AP", "(Reuters/Kevin Lamarque)". */
const CREDIT_LINE =
  /^[([]?(?:(?:photo|image|picture|credit|source)s?\s*[:|]\s*)?(?:[\p{L}.'’ -]{0,40}[/|,]\s*)?(?:Getty Images|Shutterstock|AP Photo|Associated Press|Reuters|AFP|EPA|PA Wire|Rex Features|Alamy|AP)(?:\s*[/|,][\p{L}.'’ -]{0,40})?[)\]]?\s*\d{0,3}\.?$/iu;
/** A byline line: "By Ben Schreckinger · 2016-11-03", "By DAILY MAIL REPORTER". */
// Two or more capitalised words and nothing but a date or an outlet after a separator: "By
// Tuesday, the storm had passed" is a sentence.
const BYLINE_LINE = /^By\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){1,4}\s*(?:(?:[·|•–—]|for)\s*[^\n.!?]{0,60})?$/u;
/** "PUBLISHED: 12:01 GMT, 3 April 2015 | UPDATED: …" */
const STAMP_LINE = /^(?:PUBLISHED|UPDATED|Published|Updated|Last updated)\s*:?\s+[^\n]{0,80}$/;
/** A credit or byline is a short line; a longer one is a sentence that happens to start alike. */
const FURNITURE_LINE_MAX_CHARS = 120;

/** The paragraphs less their furniture: whole lines dropped, inline widgets cut out. */
export function withoutFurniture(text: string, paragraphs: Span[]): Span[] {
  const out: Span[] = [];
  for (const para of paragraphs) {
    let start = para.start;
    for (const cut of furnitureIn(text, para)) {
      pushTrimmed(text, start, cut.start, out);
      start = Math.max(start, cut.end);
    }
    pushTrimmed(text, start, para.end, out);
  }
  return out;
}

/** Furniture spans of one paragraph, in order, not overlapping. */
function furnitureIn(text: string, para: Span): Span[] {
  const cuts: Span[] = [];
  const slice = text.slice(para.start, para.end);
  let lineStart = 0;
  for (const line of slice.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length <= FURNITURE_LINE_MAX_CHARS && (CREDIT_LINE.test(trimmed) || BYLINE_LINE.test(trimmed) || STAMP_LINE.test(trimmed))) {
      cuts.push({ start: para.start + lineStart, end: para.start + lineStart + line.length });
    } else {
      INLINE.lastIndex = 0;
      for (let m = INLINE.exec(line); m; m = INLINE.exec(line)) {
        cuts.push({ start: para.start + lineStart + m.index, end: para.start + lineStart + m.index + m[0].length });
      }
    }
    lineStart += line.length + 1;
  }
  return cuts;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ start: s, end: e });
}
