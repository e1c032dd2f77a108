import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pinnedLookup } from '../src/ingest/pinned-request.js';
import { FetchLimitError, FetchRefusedError, safeFetch, type Lookup, type SafeFetchOptions } from '../src/ingest/safe-fetch.js';
import { startFixtureServer, type FixtureServer } from './http-fixture-server.js';

/** A resolver that gives each answer in turn, then repeats the last, and counts the questions. */
function changingLookup(...answers: string[][]): Lookup & { calls: number } {
  const lookup = async (): Promise<{ address: string; family: number }[]> => {
    const answer = answers[Math.min(lookup.calls++, answers.length - 1)]!;
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  lookup.calls = 0;
  return lookup;
}

// The fixture server on 127.0.0.1 stands in for a public site: these names may reach it
const allowLoopbackFor =
  (name: string): SafeFetchOptions['allowPrivateHosts'] =>
  (host, address) =>
    host === name && address === '127.0.0.1';

describe('safeFetch connects only to the addresses it checked', () => {
  let server: FixtureServer;
  let port: string;
  beforeAll(async () => {
    server = await startFixtureServer();
    port = new URL(server.base).port;
  });
  afterAll(async () => server.close());

  test('GIVEN a name that rebinds to a private address after the check THEN the request goes to the checked address and DNS is not asked again', async () => {
    const lookup = changingLookup(['127.0.0.1'], ['10.0.0.1']);
    const before = server.headersOf('/news-page.html').length;
    const doc = await safeFetch(`http://rebind.example:${port}/news-page.html`, { lookup, allowPrivateHosts: allowLoopbackFor('rebind.example') });
    expect(doc.notModified ? '' : doc.text).toContain('Harbour council approves new ferry line');
    expect(lookup.calls).toBe(1);
    // The server saw the name, not the address: Host (and SNI on https) are unchanged
    expect(
      server
        .headersOf('/news-page.html')
        .slice(before)
        .map((h) => h.host),
    ).toEqual([`rebind.example:${port}`]);
  });

  test('GIVEN a redirect to the same name that now resolves to loopback THEN that hop is refused and never requested', async () => {
    server.route('/rebind-hop', (_req, res) => void res.writeHead(302, { location: `http://hop.example:${port}/rebind-target` }).end());
    const lookup = changingLookup(['127.0.0.1'], ['127.0.0.2']);
    const error = await safeFetch(`http://hop.example:${port}/rebind-hop`, { lookup, allowPrivateHosts: allowLoopbackFor('hop.example') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toBe(`refused http://hop.example:${port}/rebind-target: hop.example resolves to 127.0.0.2, a loopback address`);
    expect(server.hits.get('/rebind-hop')).toBe(1);
    expect(server.hits.get('/rebind-target')).toBeUndefined();
  });

  test('GIVEN a name that resolves to an allowed address and a private one THEN it is refused and the server gets no request', async () => {
    const lookup = changingLookup(['127.0.0.1', '10.0.0.7']);
    const before = server.hits.get('/news-page.html') ?? 0;
    const error = await safeFetch(`http://mixed.example:${port}/news-page.html`, { lookup, allowPrivateHosts: allowLoopbackFor('mixed.example') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toBe(`refused http://mixed.example:${port}/news-page.html: mixed.example resolves to 10.0.0.7, a private address`);
    expect(server.hits.get('/news-page.html') ?? 0).toBe(before);
  });

  test('GIVEN the socket asks for a name THEN the pinned lookup answers only the checked addresses, and nothing for another name', async () => {
    const lookup = pinnedLookup('news.example', [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800::1', family: 6 },
    ]);
    const ask = (host: string, options: object) => new Promise((resolve) => lookup(host, options, (error, address, family) => resolve(error ? error.code : { address, family })));
    expect(await ask('news.example', { all: true })).toEqual({
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await ask('news.example', { family: 6 })).toEqual({ address: '2606:2800::1', family: 6 });
    expect(await ask('other.example', { all: true })).toBe('ENOTFOUND');
  });
});

describe('safeFetch undoes the content encoding', () => {
  let server: FixtureServer;
  const page = '<html><head><title>Ferry</title></head><body><p>The harbour council approved the ferry line.</p></body></html>';
  const options = { allowPrivateHosts: ['127.0.0.1'] };
  let routes = 0;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => server.close());

  const serve = (path: string, encoding: string, body: Buffer, type = 'text/html; charset=utf-8'): string => {
    server.route(path, (_req, res) => void res.writeHead(200, { 'content-type': type, 'content-encoding': encoding }).end(body));
    return `${server.base}${path}`;
  };

  test.each([
    ['gzip', gzipSync(page)],
    ['x-gzip', gzipSync(page)],
    ['deflate', deflateSync(page)],
    ['deflate', deflateRawSync(page)],
    ['br', brotliCompressSync(page)],
    ['deflate, gzip', gzipSync(deflateSync(page))],
    ['identity', Buffer.from(page)],
  ])('GIVEN a page sent with Content-Encoding %s THEN its text is decoded', async (encoding, body) => {
    const doc = await safeFetch(serve(`/encoded-${++routes}`, encoding, body), options);
    expect(doc.notModified ? '' : doc.text).toBe(page);
  });

  test('GIVEN the request THEN it offers gzip, deflate and br', async () => {
    await safeFetch(`${server.base}/news-page.html`, options);
    expect(server.headersOf('/news-page.html').at(-1)!['accept-encoding']).toBe('gzip, deflate, br');
  });

  test('GIVEN a gzipped windows-1252 page THEN it is decompressed before the charset is read', async () => {
    const bytes = Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0x35]);
    const doc = await safeFetch(serve('/gzip-1252', 'gzip', gzipSync(bytes), 'text/plain; charset=windows-1252'), options);
    expect(doc.notModified ? '' : doc.text).toBe('“Hi” €5');
  });

  test('GIVEN a small gzip that inflates to 50 MB THEN the read stops at the 5 MB limit', async () => {
    const url = serve('/gzip-bomb', 'gzip', gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a')));
    const error = await safeFetch(url, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchLimitError);
    expect((error as Error).message).toBe(`body is over the 5242880 byte limit: ${url}`);
  });

  test('GIVEN six layers of gzip THEN the fetch is refused rather than unwrapped', async () => {
    const url = serve('/gzip-layers', 'gzip, gzip, gzip, gzip, gzip, gzip', Buffer.from('x'));
    await expect(safeFetch(url, options)).rejects.toThrow(`6 content encodings, more than 5: ${url}`);
  });

  test('GIVEN a body that is not the gzip it claims THEN the fetch fails with the reason', async () => {
    const url = serve('/bad-gzip', 'gzip', Buffer.from(page));
    await expect(safeFetch(url, options)).rejects.toThrow(/^fetch failed \(incorrect header check\)/);
  });
});
