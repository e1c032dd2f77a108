/**
 * Undoes the Content-Encoding of a response body, as fetch did for us before: gzip,
 * deflate (zlib-wrapped or raw) and br. Node's http module hands over the bytes as sent.
 */
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';

/** What the request advertises in Accept-Encoding. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';
/** "gzip, gzip, gzip, …" is a decompression bomb in layers; fetch stops at 5 too. */
export const MAX_CONTENT_CODINGS = 5;

// Lenient like browsers and curl: a body cut short still yields what arrived
const ZLIB_OPTIONS = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH };

/** The codings of a Content-Encoding header, in the order the server applied them. */
export function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
}

/** "deflate" is meant to be zlib-wrapped, but some servers send it raw; the first byte tells. */
class InflateEither extends Transform {
  #inflate: Inflate | InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#inflate) {
      if (chunk.length === 0) return callback();
      this.#inflate = (chunk[0]! & 0x0f) === 0x08 ? createInflate(ZLIB_OPTIONS) : createInflateRaw(ZLIB_OPTIONS);
      this.#inflate.on('data', (data: Buffer) => this.push(data));
      this.#inflate.on('error', (error) => this.destroy(error));
    }
    this.#inflate.write(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#inflate) return callback();
    this.#inflate.once('end', () => callback());
    this.#inflate.end();
  }
}

const KNOWN_CODINGS = ['gzip', 'x-gzip', 'deflate', 'br'];

function decoder(coding: string): Transform {
  if (coding === 'deflate') return new InflateEither();
  if (coding === 'br') return createBrotliDecompress(BROTLI_OPTIONS);
  return createGunzip(ZLIB_OPTIONS);
}

/**
 * The body with its codings undone, last applied first. An unknown coding leaves the body
 * as sent, as fetch does. Throws when there are more than MAX_CONTENT_CODINGS.
 */
export function decodedBody(body: Readable, codings: readonly string[]): Readable {
  if (codings.length > MAX_CONTENT_CODINGS) throw new RangeError(`${codings.length} content encodings, more than ${MAX_CONTENT_CODINGS}`);
  if (codings.length === 0 || !codings.every((c) => KNOWN_CODINGS.includes(c))) return body;
  const decoders = [...codings].reverse().map(decoder);
  // The callback is required; errors reach the reader through the last stream
  return pipeline([body, ...decoders], () => undefined) as unknown as Readable;
}
