/**
 * A local HTTP server on 127.0.0.1 for the ingest tests: serves the fixtures in
 * test/fixtures/ingest/ (with `{{base}}` replaced by its own address) and a few
 * misbehaving routes: a 404, a server that never answers, a redirect loop, a 50 MB body
 * generated lazily, redirects to private addresses, and a feed that changes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, 'fixtures', 'ingest');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.xml': 'application/rss+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown',
};
/** What the huge route would send in all: far past the 5 MB limit. */
export const HUGE_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

export interface FixtureServer {
  base: string;
  /** Requests per path (without the query). */
  hits: Map<string, number>;
  /** Request headers of every request to a path, in order. */
  headersOf(path: string): IncomingMessage['headers'][];
  /** Bytes the huge route wrote before the client hung up. */
  hugeBytesSent(): number;
  /** Which version `/changing.xml` serves: 1 or 2. */
  setChangingFeed(version: 1 | 2): void;
  /** Extra routes a test adds. */
  route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const headers = new Map<string, IncomingMessage['headers'][]>();
  const extra = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  let hugeSent = 0;
  let changing: 1 | 2 = 1;
  let base = '';

  const fixture = (name: string): Buffer => {
    const bytes = readFileSync(join(FIXTURES, name));
    // Only ASCII is replaced, so a windows-1252 file keeps its bytes
    return Buffer.from(bytes.toString('latin1').replaceAll('{{base}}', base), 'latin1');
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    headers.set(path, [...(headers.get(path) ?? []), req.headers]);
    const handler = extra.get(path);
    if (handler) return handler(req, res);
    switch (path) {
      case '/hang':
        return; // never answers
      case '/loop-a':
        return void res.writeHead(302, { location: '/loop-b' }).end();
      case '/loop-b':
        return void res.writeHead(302, { location: '/loop-a' }).end();
      case '/to-private':
        return void res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
      case '/to-metadata':
        return void res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/moved':
        return void res.writeHead(301, { location: '/news-page.html?utm_source=moved' }).end();
      case '/huge':
        return huge(res);
      case '/binary':
        return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(16));
      case '/changing.xml':
        return conditional(req, res, `"v${changing}"`, fixture(`changing-feed-${changing}.xml`));
    }
    const name = path.slice(1);
    let body: Buffer;
    try {
      body = fixture(name);
    } catch {
      return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(body);
  });

  /** 50 MB, written a chunk at a time as the client reads; stops when the client hangs up. */
  function huge(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/html' });
    const write = (): void => {
      while (hugeSent < HUGE_BYTES && !res.destroyed) {
        hugeSent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', write);
      }
      if (!res.destroyed) res.end();
    };
    write();
  }

  function conditional(req: IncomingMessage, res: ServerResponse, etag: string, body: Buffer): void {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    headersOf: (path) => headers.get(path) ?? [],
    hugeBytesSent: () => hugeSent,
    setChangingFeed: (version) => void (changing = version),
    route: (path, handler) => void extra.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
