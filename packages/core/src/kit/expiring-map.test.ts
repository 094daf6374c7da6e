import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiringMap } from './expiring-map.js';

describe('ExpiringMap', () => {
  it('forgets entries after their time to live', () => {
    let clock = 0;
    const map = new ExpiringMap<string, number>({ maxEntries: 10, ttlMs: 100, now: () => clock });
    map.set('a', 1);
    clock = 99;
    expect(map.get('a')).toBe(1);
    clock = 100;
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('never holds more than maxEntries, dropping the oldest first', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (keys, maxEntries) => {
        const map = new ExpiringMap<string, boolean>({ maxEntries, ttlMs: 1000 });
        for (const key of keys) map.set(key, true);
        expect(map.size).toBeLessThanOrEqual(maxEntries);
        if (keys.length > 0) expect(map.has(keys.at(-1)!)).toBe(true);
      }),
    );
  });

  it('refuses limits that would make it unbounded', () => {
    expect(() => new ExpiringMap({ maxEntries: 0, ttlMs: 1 })).toThrow(RangeError);
    expect(() => new ExpiringMap({ maxEntries: Number.NaN, ttlMs: 1 })).toThrow(RangeError);
  });
});
