/** Letters that NFD does not decompose into a base letter plus a mark. */
const UNDECOMPOSED: Record<string, string> = {
  ı: 'i', // Turkish dotless i: "Yıldırım"
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ς: 'σ', // final sigma: which form lowercasing gives depends on the next letter
};

/** Text that NFKD, case folding and the table above all leave as it is, but for ASCII case. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Folds a name or phrase for comparison: accents, case and punctuation removed, words
 * separated by one space. "Erdoğan" and "ERDOGAN" both fold to "erdogan".
 */
export function fold(text: string): string {
  // Plain ASCII (most names): the same result without the Unicode passes, which cost most of the time
  if (PRINTABLE_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return (
    text
      // NFKD rather than NFD: also "ﬁ" to "fi" and full-width letters to plain ones
      .normalize('NFKD')
      // Upper then lower approximates Unicode case folding: "ß" and "SS", "ᾀ" and "ἈΙ" meet
      .toUpperCase()
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[ıßøłđæœþς]/g, (c) => UNDECOMPOSED[c] ?? c)
      // "O'Brien" is one word, not "o brien"
      .replace(/['’ʼ`]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** The text with its possessives dropped, before folding a name: "Erdoğan's" is "Erdoğan". */
export const withoutPossessives = (text: string): string => text.replace(/['’]s\b/giu, '');

/** The words of `fold(text)`. */
export function foldWords(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

/** A folded lookup key: "the Kremlin" and "Kremlin" are the same name. */
export function foldKey(text: string): string {
  return fold(text).replace(/^the /, '');
}

/**
 * A speaker's id: a slug of the folded name ("recep-tayyip-erdogan"). The engine's readings and
 * the archive name a speaker by the same id.
 */
export function speakerId(name: string): string {
  return foldKey(name).replace(/ /g, '-') || 'unknown';
}
