import { BlockList, isIP } from 'node:net';

/**
 * Addresses a server-side fetch must never reach unless an operator names the host explicitly:
 * loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved and
 * documentation ranges, and their IPv6 counterparts.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an address on the public internet; false for loopback, private, link-local and the like. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (family === 6) {
    // IPv4-mapped (::ffff:10.0.0.1) and IPv4-compatible forms are judged by the IPv4 inside.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1] !== undefined) return isPublicAddress(mapped[1]);
    if (/^::ffff:/i.test(address)) return false;
    return !NON_PUBLIC.check(address, 'ipv6');
  }
  return false;
}

/**
 * Host allowlist entries: an exact hostname (`files.example.com`, `127.0.0.1`) or a suffix wildcard
 * (`*.s3.amazonaws.com`). Only an exact entry counts as "explicitly allowlisted", which is what
 * lets a host resolve to a private address or be fetched over plain http.
 */
export function matchAllowlist(hostname: string, allowlist: readonly string[]): 'exact' | 'wildcard' | undefined {
  const host = normaliseHost(hostname);
  let result: 'exact' | 'wildcard' | undefined;
  for (const raw of allowlist) {
    const entry = normaliseHost(raw);
    if (entry === '') continue;
    if (entry === host) return 'exact';
    if (entry.startsWith('*.') && host.endsWith(entry.slice(1)) && host.length > entry.length - 1) result = 'wildcard';
  }
  return result;
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}
