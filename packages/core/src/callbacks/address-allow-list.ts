import { BlockList, isIP } from 'node:net';
import type { ValidationIssue } from '../errors/reversal-error.js';

/** Which source addresses may deliver callbacks. */
export interface AddressAllowList {
  /** True when `address` (IPv4, IPv6 or IPv4-mapped IPv6) is on the list; false for anything else. */
  allows(address: string | undefined): boolean;
}

/**
 * Builds an allow-list from addresses (`"196.201.214.200"`, `"2001:db8::1"`) and CIDR ranges
 * (`"196.201.212.0/24"`). Gives the issues instead when an entry is neither, naming it by index.
 */
export function createAddressAllowList(
  entries: readonly string[],
  field = 'allowList',
): { readonly allowList: AddressAllowList } | { readonly issues: readonly ValidationIssue[] } {
  const list = new BlockList();
  const issues: ValidationIssue[] = [];
  entries.forEach((entry, index) => {
    const [address = '', prefix, ...rest] = typeof entry === 'string' ? entry.trim().split('/') : [];
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      issues.push({ field: `${field}[${index}]`, message: 'must be an IP address or a CIDR range such as "196.201.212.0/24"' });
      return;
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  });
  if (issues.length > 0) return { issues };
  const allowList: AddressAllowList = {
    allows(address) {
      const bare = address === undefined ? undefined : bareAddress(address);
      if (bare === undefined) return false;
      // BlockList matches an IPv4 rule against the IPv4-mapped form (::ffff:a.b.c.d) by itself.
      return list.check(bare, isIP(bare) === 6 ? 'ipv6' : 'ipv4');
    },
  };
  return { allowList };
}

/**
 * The client's address: the socket's peer, or with `trustProxy` = n > 0 the n-th address from the
 * right of `X-Forwarded-For` (each trusted proxy appends the address it received the request
 * from). Fewer entries than trusted proxies means the request bypassed them: the peer counts.
 */
export function resolveClientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: number,
): string | undefined {
  if (trustProxy === 0 || forwardedFor === undefined) return remoteAddress;
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  return hops.length >= trustProxy ? hops[hops.length - trustProxy] : remoteAddress;
}

/** An address without brackets or port ("[::1]:443" → "::1", "1.2.3.4:80" → "1.2.3.4"), or undefined. */
function bareAddress(value: string): string | undefined {
  const text = value.trim();
  if (isIP(text) !== 0) return text;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed && isIP(bracketed[1]!) === 6) return bracketed[1];
  const withPort = /^([\d.]+):\d+$/.exec(text);
  if (withPort && isIP(withPort[1]!) === 4) return withPort[1];
  return undefined;
}
