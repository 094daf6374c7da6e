import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDarajaTime } from './daraja-time.js';

describe('parseDarajaTime', () => {
  it('reads YYYYMMDDhhmmss in Kenyan time (UTC+3), as a number or a string', () => {
    expect(parseDarajaTime(20211114132711)?.toISOString()).toBe('2021-11-14T10:27:11.000Z');
    expect(parseDarajaTime('20211114132711')?.toISOString()).toBe('2021-11-14T10:27:11.000Z');
    expect(parseDarajaTime('20240101010000')?.toISOString()).toBe('2023-12-31T22:00:00.000Z');
  });

  it('refuses impossible dates and other shapes', () => {
    for (const value of ['20210231120000', '20211114246000', '2021111413271', 2.5, null, '', 'now', {}]) {
      expect(parseDarajaTime(value)).toBeUndefined();
    }
  });

  it('gives a valid Date or undefined for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.stringMatching(/^\d{14}$/), fc.integer()), (value) => {
        const date = parseDarajaTime(value);
        if (date !== undefined) expect(Number.isNaN(date.getTime())).toBe(false);
      }),
    );
  });
});
