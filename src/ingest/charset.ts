/** The charset of a fetched or local document, and decoding it the way browsers do. */

/** Browsers look for a `<meta charset>` in the first 1024 bytes; so do we. */
const CHARSET_SNIFF_BYTES = 1024;

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i;

/** The charset: a BOM, then the Content-Type header, then `<meta charset>` or `<?xml encoding?>`, else UTF-8. */
export function declaredCharset(contentType: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader && isKnownCharset(fromHeader)) return fromHeader.toLowerCase();
  // ASCII-compatible sniffing: latin1 keeps each byte one character
  const head = Buffer.from(bytes.subarray(0, CHARSET_SNIFF_BYTES)).toString('latin1');
  const fromMarkup = XML_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
  if (fromMarkup && isKnownCharset(fromMarkup)) return fromMarkup.toLowerCase();
  return 'utf-8';
}

function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * Node 20's TextDecoder decodes windows-1252 (and the labels that mean it: iso-8859-1,
 * latin1, ascii) as plain latin1, so 0x93 comes out as a C1 control, not “. Every other
 * charset is right, and so is windows-1252 in the Node versions that fixed it; this is
 * asked of the runtime once, and the table below is used only where it falls short.
 */
const NATIVE_WINDOWS_1252 = new TextDecoder('windows-1252').decode(new Uint8Array([0x93])) === '\u201c';

// windows-1252 bytes 0x80–0x9F, for the runtimes above
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes the body with TextDecoder; a BOM is dropped, bad bytes become U+FFFD rather than an error. */
export function decode(bytes: Uint8Array, charset: string): string {
  const decoder = new TextDecoder(charset);
  const text = decoder.decode(bytes);
  if (NATIVE_WINDOWS_1252 || decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}
