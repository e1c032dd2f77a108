/**
 * One HTTP(S) GET that connects only to addresses that were already checked. The socket's
 * DNS lookup answers from that list and never asks DNS again, so a name cannot resolve to a
 * public address for the check and to 127.0.0.1 for the connection (DNS rebinding). TLS
 * still uses the host name: SNI, the Host header and the certificate check are unchanged.
 */
import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** A `lookup` for net.connect that answers `host` with `addresses` only. */
export function pinnedLookup(host: string, addresses: readonly ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const answer: LookupAddress[] = addresses.filter((a) => hostname === host && (family === 0 || a.family === family)).map(({ address, family }) => ({ address, family }));
    if (answer.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`no checked address for ${hostname}`);
      error.code = 'ENOTFOUND';
      return callback(error, '', 0);
    }
    if (options.all) return callback(null, answer);
    callback(null, answer[0]!.address, answer[0]!.family);
  };
}

export interface PinnedRequestOptions {
  headers: OutgoingHttpHeaders;
  signal: AbortSignal;
}

/**
 * GETs `url`, connecting only to `addresses` (ignored when the host is an IP literal, which
 * Node connects to without a lookup). Resolves with the response head; the body is unread.
 */
export function pinnedRequest(url: URL, addresses: readonly ResolvedAddress[], options: PinnedRequestOptions): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: options.headers,
        signal: options.signal,
        lookup: pinnedLookup(url.hostname, addresses),
        // A fresh agent per request: no pooled socket outlives the check that allowed it
        agent: false,
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}
