import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockedAddressReason } from '../src/ingest/address-policy.js';
import { canonicalUrl } from '../src/ingest/canonical-url.js';
import { decode, declaredCharset } from '../src/ingest/charset.js';
import { FetchLimitError, FetchRefusedError, HttpStatusError, safeFetch, type SafeFetchOptions } from '../src/ingest/safe-fetch.js';
import { startFixtureServer, type FixtureServer } from './http-fixture-server.js';

describe('blockedAddressReason', () => {
  test.each([
    ['10.0.0.1', 'private address'],
    ['172.20.1.1', 'private address'],
    ['192.168.1.10', 'private address'],
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['169.254.169.254', 'cloud metadata address'],
    ['169.254.10.1', 'link-local address'],
    ['100.64.3.4', 'carrier-grade NAT address'],
    ['0.0.0.0', 'unspecified address'],
    ['224.0.0.251', 'multicast address'],
    ['::1', 'loopback address'],
    ['::', 'unspecified address'],
    ['fc00::1', 'private address'],
    ['fd12:3456::1', 'private address'],
    ['fe80::1%eth0', 'link-local address'],
    ['ff02::1', 'multicast address'],
    ['::ffff:10.0.0.1', 'private address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['::ffff:169.254.169.254', 'cloud metadata address'],
    ['fd00:ec2::254', 'cloud metadata address'],
  ])('GIVEN %s THEN it is refused as a %s', (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  test.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('GIVEN the public address %s THEN it is allowed', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });
});

describe('canonicalUrl', () => {
  test.each([
    ['https://news.example/a?utm_source=x&utm_medium=y', 'https://news.example/a'],
    ['https://news.example/a?id=7&fbclid=abc&gclid=def#comments', 'https://news.example/a?id=7'],
    ['HTTPS://News.Example:443/a', 'https://news.example/a'],
    ['ftp://news.example/a', null],
  ])('GIVEN %s THEN the archive keys it as %s', (raw, expected) => {
    expect(canonicalUrl(raw)).toBe(expected);
  });
});

describe('declaredCharset', () => {
  const bytes = (text: string) => Buffer.from(text, 'latin1');
  test('GIVEN a charset in the Content-Type header THEN it wins over the page', () => {
    expect(declaredCharset('text/html; charset=ISO-8859-2', bytes('<meta charset="utf-8">'))).toBe('iso-8859-2');
  });
  test('GIVEN only a meta http-equiv in the page THEN its charset is used', () => {
    expect(declaredCharset('text/html', bytes('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'))).toBe('windows-1252');
  });
  test('GIVEN windows-1252 smart quotes and a euro sign THEN they decode to the right characters', () => {
    expect(decode(Uint8Array.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0x35, 0x20, 0x97]), 'windows-1252')).toBe('“Hi” €5 —');
  });
});

describe('safeFetch against a local server', () => {
  let server: FixtureServer;
  let options: SafeFetchOptions;
  beforeAll(async () => {
    server = await startFixtureServer();
    options = { allowPrivateHosts: ['127.0.0.1'] };
  });
  afterAll(async () => server.close());

  test('GIVEN a page THEN its text comes back with the final URL and content type', async () => {
    const doc = await safeFetch(`${server.base}/news-page.html`, options);
    expect(doc.notModified).toBe(false);
    if (doc.notModified) return;
    expect(doc.contentType).toBe('text/html');
    expect(doc.text).toContain('Harbour council approves new ferry line');
  });

  test('GIVEN the local server without the test allowance THEN it is refused as loopback before connecting', async () => {
    const before = server.hits.get('/news-page.html') ?? 0;
    await expect(safeFetch(`${server.base}/news-page.html`)).rejects.toThrow(`refused ${server.base}/news-page.html: loopback address`);
    expect(server.hits.get('/news-page.html') ?? 0).toBe(before);
  });

  test.each([
    ['http://[::ffff:127.0.0.1]/', 'loopback address'],
    ['http://0x7f.1/', 'loopback address'],
    ['http://[fe80::1]/', 'link-local address'],
    ['http://2130706433/', 'loopback address'],
  ])('GIVEN the disguised address %s THEN it is refused as a %s', async (url, reason) => {
    await expect(safeFetch(url)).rejects.toThrow(`: ${reason}`);
  });

  test('GIVEN a host name that resolves to a private address THEN the reason names the address', async () => {
    const lookup = async () => [{ address: '192.168.0.5', family: 4 }];
    const error = await safeFetch('http://intranet.example/', { lookup }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toBe('refused http://intranet.example/: intranet.example resolves to 192.168.0.5, a private address');
  });

  test('GIVEN a host with one public and one private address THEN it is refused', async () => {
    const lookup = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:10.1.2.3', family: 6 },
    ];
    await expect(safeFetch('http://split.example/', { lookup })).rejects.toBeInstanceOf(FetchRefusedError);
  });

  test.each(['file:///etc/passwd', 'ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/'])('GIVEN %s THEN it is refused', async (url) => {
    await expect(safeFetch(url, options)).rejects.toBeInstanceOf(FetchRefusedError);
  });

  test('GIVEN a 404 THEN an HttpStatusError names the status and the URL', async () => {
    const error = await safeFetch(`${server.base}/missing.html`, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
    expect((error as Error).message).toBe(`HTTP 404 from ${server.base}/missing.html`);
  });

  test('GIVEN a server that never answers THEN the fetch gives up at the timeout', async () => {
    const started = Date.now();
    const error = await safeFetch(`${server.base}/hang`, { ...options, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchLimitError);
    expect((error as Error).message).toBe(`no complete answer within 300 ms: ${server.base}/hang`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('GIVEN a redirect loop THEN it stops after 5 redirects', async () => {
    const before = (server.hits.get('/loop-a') ?? 0) + (server.hits.get('/loop-b') ?? 0);
    await expect(safeFetch(`${server.base}/loop-a`, options)).rejects.toThrow(`more than 5 redirects: ${server.base}/loop-a`);
    expect((server.hits.get('/loop-a') ?? 0) + (server.hits.get('/loop-b') ?? 0) - before).toBe(6);
  });

  test('GIVEN a 50 MB body THEN the read stops just past the 5 MB limit', async () => {
    await expect(safeFetch(`${server.base}/huge`, options)).rejects.toThrow('body is over the 5242880 byte limit');
    // The server only writes as fast as the client reads: it stopped far short of 50 MB
    expect(server.hugeBytesSent()).toBeLessThan(20 * 1024 * 1024);
  });

  test('GIVEN a body declared larger than the limit THEN it is refused before reading', async () => {
    server.route('/declared-huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.write('<p>start</p>');
    });
    await expect(safeFetch(`${server.base}/declared-huge`, options)).rejects.toThrow('body of 52428800 bytes is over the 5242880 byte limit');
  });

  test.each([
    ['/to-private', '10.0.0.1', 'refused http://10.0.0.1/admin: private address'],
    ['/to-metadata', '169.254.169.254', 'refused http://169.254.169.254/latest/meta-data/: cloud metadata address'],
  ])('GIVEN a redirect from %s to %s THEN the target is refused before connecting', async (path, target, message) => {
    const checked: string[] = [];
    const allowPrivateHosts = (_host: string, address: string): boolean => (checked.push(address), address === '127.0.0.1');
    const before = server.hits.get(path) ?? 0;
    await expect(safeFetch(`${server.base}${path}`, { allowPrivateHosts })).rejects.toThrow(message);
    expect(checked).toEqual(['127.0.0.1', target]);
    expect((server.hits.get(path) ?? 0) - before).toBe(1);
  });

  test('GIVEN a content type that is not a page, feed or text THEN it is refused', async () => {
    await expect(safeFetch(`${server.base}/binary`, options)).rejects.toThrow(/content type application\/octet-stream is not one of/);
  });

  test('GIVEN an ETag from the last fetch THEN the conditional request gets a 304', async () => {
    server.setChangingFeed(1);
    const first = await safeFetch(`${server.base}/changing.xml`, options);
    expect(first.etag).toBe('"v1"');
    const second = await safeFetch(`${server.base}/changing.xml`, { ...options, etag: first.etag });
    expect(second.notModified).toBe(true);
  });
});
