/** Terminal text: words wrapped to a width, with a first-line and a hanging indent. */

/** Wide enough for a sentence a line, narrow enough for a split terminal. */
export const PREVIEW_WIDTH = 100;

/**
 * Wraps `text` at `width` columns: the first line starts with `first`, the others with
 * `rest`. A word longer than a line (a URL) stays whole on its own line.
 */
export function wrap(text: string, first = '', rest = first, width = PREVIEW_WIDTH): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const indent = lines.length === 0 ? first : rest;
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line = empty ? indent + word : `${line} ${word}`;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** A section heading: the title underlined to its own length. */
export function heading(title: string, rule = '='): string[] {
  const text = title.length > PREVIEW_WIDTH ? `${title.slice(0, PREVIEW_WIDTH - 1)}…` : title;
  return [text, rule.repeat(text.length)];
}
