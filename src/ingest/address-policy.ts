/**
 * Which IP addresses a fetch may connect to. Private, loopback, link-local, CGNAT,
 * multicast, unspecified and cloud-metadata addresses are refused: a URL from a user or a
 * feed must never reach the bot's own network.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

type Range = [network: string, prefix: number, reason: string];

// Order matters: the first matching range names the reason.
const IPV4_RANGES: Range[] = [
  ['169.254.169.254', 32, 'cloud metadata address'],
  ['100.100.100.200', 32, 'cloud metadata address'],
  ['0.0.0.0', 8, 'unspecified address'],
  ['10.0.0.0', 8, 'private address'],
  ['100.64.0.0', 10, 'carrier-grade NAT address'],
  ['127.0.0.0', 8, 'loopback address'],
  ['169.254.0.0', 16, 'link-local address'],
  ['172.16.0.0', 12, 'private address'],
  ['192.0.0.0', 24, 'reserved address'],
  ['192.0.2.0', 24, 'documentation address'],
  ['192.168.0.0', 16, 'private address'],
  ['198.18.0.0', 15, 'benchmarking address'],
  ['198.51.100.0', 24, 'documentation address'],
  ['203.0.113.0', 24, 'documentation address'],
  ['224.0.0.0', 4, 'multicast address'],
  ['240.0.0.0', 4, 'reserved address'],
];

const IPV6_RANGES: Range[] = [
  ['fd00:ec2::254', 128, 'cloud metadata address'],
  ['::', 128, 'unspecified address'],
  ['::1', 128, 'loopback address'],
  ['fc00::', 7, 'private address'],
  ['fe80::', 10, 'link-local address'],
  ['fec0::', 10, 'site-local address'],
  ['ff00::', 8, 'multicast address'],
  ['2001:db8::', 32, 'documentation address'],
  ['100::', 64, 'discard address'],
];

function blockLists(ranges: Range[], type: 'ipv4' | 'ipv6'): { list: BlockList; reason: string }[] {
  return ranges.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return { list, reason };
  });
}

const V4 = blockLists(IPV4_RANGES, 'ipv4');
const V6 = blockLists(IPV6_RANGES, 'ipv6');

/** The IPv4 address embedded in `::ffff:a.b.c.d`, `::ffff:7f00:1`, NAT64 `64:ff9b::…` or `::a.b.c.d`. */
export function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const m = /^(?:::ffff:(?:0:)?|64:ff9b::|::)(.+)$/.exec(lower);
  if (!m) return null;
  const tail = m[1]!;
  if (isIPv4(tail)) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be fetched, or null when it is a public address. */
export function blockedAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return V4.find((b) => b.list.check(bare, 'ipv4'))?.reason ?? null;
  if (!isIPv6(bare)) return 'not an IP address';
  const v4 = embeddedIPv4(bare);
  // "::1" and "::" are themselves matched below, not read as embedded IPv4
  if (v4 && bare !== '::1' && bare !== '::') return blockedAddressReason(v4);
  return V6.find((b) => b.list.check(bare, 'ipv6'))?.reason ?? null;
}
