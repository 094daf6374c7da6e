import { describe, expect, it } from 'vitest';
import { createAddressAllowList, resolveClientAddress } from './address-allow-list.js';

function allowList(entries: readonly string[]) {
  const built = createAddressAllowList(entries);
  if (!('allowList' in built)) throw new Error('expected a valid list');
  return built.allowList;
}

describe('createAddressAllowList', () => {
  it('matches addresses and CIDR ranges, IPv4, IPv6 and IPv4-mapped forms', () => {
    const list = allowList(['196.201.214.200', '196.201.212.0/24', '2001:db8::/32']);
    for (const address of ['196.201.214.200', '::ffff:196.201.214.200', '196.201.212.7', '2001:db8::1', '[2001:db8::1]:443', '196.201.214.200:8080']) {
      expect(list.allows(address), address).toBe(true);
    }
    for (const address of ['196.201.214.201', '127.0.0.1', '::1', '2001:db9::1', 'garbage', '', undefined]) {
      expect(list.allows(address), String(address)).toBe(false);
    }
  });

  it('names each invalid entry by index', () => {
    expect(createAddressAllowList(['1.2.3.4', 'example.com', '10.0.0.0/33', '1.2.3.4/8/9'])).toEqual({
      issues: [
        { field: 'allowList[1]', message: expect.stringMatching(/IP address or a CIDR range/) },
        { field: 'allowList[2]', message: expect.any(String) },
        { field: 'allowList[3]', message: expect.any(String) },
      ],
    });
  });
});

describe('resolveClientAddress', () => {
  it('ignores X-Forwarded-For unless trustProxy is set, then takes the n-th entry from the right', () => {
    expect(resolveClientAddress('10.0.0.2', '196.201.214.200', 0)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 196.201.214.200', 1)).toBe('196.201.214.200');
    expect(resolveClientAddress('10.0.0.2', '196.201.214.200, 10.0.0.1', 2)).toBe('196.201.214.200');
    expect(resolveClientAddress(undefined, ' 196.201.214.200 ', 1)).toBe('196.201.214.200');
  });

  it('falls back to the peer when the header is missing or shorter than the proxy chain', () => {
    expect(resolveClientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '196.201.214.200', 2)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
  });
});
