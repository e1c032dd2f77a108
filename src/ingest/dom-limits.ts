/**
 * Bounds on a page's markup, checked before the page is parsed and again before Readability
 * reads it: linkedom's parse and Readability's scoring both grow with depth × elements, so a
 * page of 20,000 nested `<div>`s (100 KB) would hold a reader for minutes.
 */

/** Chromium's HTML parser stops nesting at 512 levels; deeper markup is not a page anyone reads. */
export const MAX_DOM_DEPTH = 512;
/**
 * Lighthouse calls a page of 1,400 elements excessive and the heaviest news pages have a few
 * thousand; past this many Readability's passes take seconds.
 */
export const MAX_DOM_ELEMENTS = 50_000;

export type DomLimitCode = 'TOO_DEEP' | 'TOO_MANY_ELEMENTS';

/** The markup is over a limit; `code` says which. */
export class DomLimitError extends Error {
  override name = 'DomLimitError';
  constructor(
    readonly code: DomLimitCode,
    message: string,
  ) {
    super(message);
  }
}

export interface DomLimits {
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_DOM_LIMITS: DomLimits = { maxDepth: MAX_DOM_DEPTH, maxElements: MAX_DOM_ELEMENTS };

// Elements that never have children
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen']);
// Their content is text up to the end tag, whatever it looks like
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
// `<p>a<p>b` and `<li>a<li>b` are siblings: an open one of these closes when its like opens
const CLOSED_BY_SIBLING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'rb', 'rt', 'rp', 'thead', 'tbody', 'tfoot']);
// A paragraph ends where one of these starts
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'div',
  'dl',
  'fieldset',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'figure',
  'details',
]);

const TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>/g;

const tooDeep = (limit: number) => new DomLimitError('TOO_DEEP', `the page nests elements more than ${limit} deep`);
const tooMany = (limit: number) => new DomLimitError('TOO_MANY_ELEMENTS', `the page has more than ${limit} elements`);

/** Closes the open elements an end tag closes; a stray end tag closes nothing. */
function closeTo(open: string[], name: string): void {
  const at = open.lastIndexOf(name);
  if (at >= 0) open.length = at;
}

const RAW_TEXT_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}`, 'gi')]));

/** Where the raw text of `<script>` and the like ends: at its end tag, or at the end of the page. */
function rawTextEnd(html: string, name: string, from: number): number {
  const end = RAW_TEXT_END.get(name)!;
  end.lastIndex = from;
  return end.exec(html)?.index ?? html.length;
}

function opens(open: string[], name: string): void {
  const top = open[open.length - 1];
  if (top !== undefined && ((CLOSED_BY_SIBLING.has(name) && top === name) || (top === 'p' && CLOSES_P.has(name)))) open.pop();
  open.push(name);
}

/**
 * A single pass over the markup, as the HTML parser would nest it (end tags, void elements,
 * raw text and the common implied end tags): throws DomLimitError past a limit. Linear in
 * the length, and stops at the first element over a limit.
 */
export function checkMarkup(html: string, limits: DomLimits = DEFAULT_DOM_LIMITS): void {
  const open: string[] = [];
  let elements = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name) continue;
    if (m[1]) {
      closeTo(open, name);
      continue;
    }
    if (++elements > limits.maxElements) throw tooMany(limits.maxElements);
    if (RAW_TEXT.has(name)) {
      TAG.lastIndex = rawTextEnd(html, name, TAG.lastIndex);
      continue;
    }
    if (VOID.has(name) || m[3]) continue;
    opens(open, name);
    // The <html> and <body> the parser adds are not counted: a little slack is harmless
    if (open.length > limits.maxDepth) throw tooDeep(limits.maxDepth);
  }
}

interface Element {
  children: ArrayLike<Element>;
}

/** The parsed document, walked without recursion: throws DomLimitError past a limit. */
export function checkDom(root: Element, limits: DomLimits = DEFAULT_DOM_LIMITS): void {
  const stack: [Element, number][] = [[root, 1]];
  let elements = 0;
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > limits.maxDepth) throw tooDeep(limits.maxDepth);
    if (++elements > limits.maxElements) throw tooMany(limits.maxElements);
    for (let i = 0; i < element.children.length; i++) stack.push([element.children[i]!, depth + 1]);
  }
}
