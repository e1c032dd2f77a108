import { createHash } from 'node:crypto';

/** sha256 of the text (UTF-8), hex: the archive's key for "the same article". */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
