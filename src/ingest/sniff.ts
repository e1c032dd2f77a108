/**
 * Telling a web page from a text by its content. Kept apart from html.ts so that reading a
 * plain text never loads the HTML parser.
 */
/** How much of a document's start is looked at to tell a page from a text. */
const SNIFF_CHARS = 4096;
/**
 * A page's opening, as the WHATWG MIME sniffing rules read it: after white space (and an XML
 * declaration or comments), one of the tags only HTML starts with.
 */
const LEADING_TAG = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|script|style|title|iframe|table|div|meta|link|font|h1|p|a|b|br)[\s>/]/i;
/** A page's own elements, wherever the copy started ("view source" pasted from mid-head). */
const PAGE_ELEMENT = /<(?:html|head|body)[\s>]|<!doctype\s+html|<meta\s[^>]*(?:charset|http-equiv|property=|name=)/i;
/** Closing tags of text elements: an HTML fragment (an article's body copied as markup). */
const CLOSING_TAG = /<\/(?:p|div|span|a|li|h[1-6]|section|article|figure|figcaption|td|blockquote|em|strong)>/gi;
const FRAGMENT_MIN_CLOSING_TAGS = 5;

/**
 * Whether a document is HTML, by what it holds rather than what it is called: a `.txt`, a
 * paste or standard input holding a page goes through the same extraction as a `.html` file.
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '');
  if (LEADING_TAG.test(head) || PAGE_ELEMENT.test(head)) return true;
  return (head.match(CLOSING_TAG)?.length ?? 0) >= FRAGMENT_MIN_CLOSING_TAGS;
}

/** The same test on bytes not yet decoded: markup is ASCII in every charset a page declares. */
export function bytesLookLikeHtml(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xff || bytes[0] === 0xfe) return false;
  return looksLikeHtml(Buffer.from(bytes.subarray(0, SNIFF_CHARS)).toString('latin1'));
}
