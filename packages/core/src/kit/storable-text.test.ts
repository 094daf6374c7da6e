import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toWellFormedText, truncateText } from './storable-text.js';

// UTF-8 cannot carry a lone surrogate: encoding replaces it, so the round trip differs.
const isWellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;
// Any UTF-16 text, lone surrogates included (fast-check's `string` gives well-formed text only).
const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((codes) => String.fromCharCode(...codes));
const wellFormedText = fc.string({ unit: 'grapheme', maxLength: 40 });

describe('toWellFormedText', () => {
  it('replaces lone surrogates with U+FFFD and leaves everything else, pairs included', () => {
    expect(toWellFormedText('a\ud83db')).toBe('a\uFFFDb');
    expect(toWellFormedText('\udc00a')).toBe('\uFFFDa');
    expect(toWellFormedText('end\ud83d')).toBe('end\uFFFD');
    expect(toWellFormedText('\udc00\ud83d')).toBe('\uFFFD\uFFFD');
    expect(toWellFormedText('😀 ok')).toBe('😀 ok');
  });

  it('gives well-formed text of the same length for any input, and keeps well-formed text as it is', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = toWellFormedText(text);
        expect(isWellFormed(result)).toBe(true);
        expect(result).toHaveLength(text.length);
        if (isWellFormed(text)) expect(result).toBe(text);
      }),
    );
  });
});

describe('truncateText', () => {
  it('counts code points: an emoji is one, and is never cut in half', () => {
    expect(truncateText('ab😀cd', 3)).toBe('ab😀');
    expect(truncateText('ab😀cd', 2)).toBe('ab');
    expect(truncateText('😀😀😀', 2)).toBe('😀😀');
    expect(truncateText('short', 200)).toBe('short');
  });

  it('keeps at most maxCodePoints code points, well-formed, a prefix of well-formed input', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 70 }), (text, max) => {
        const result = truncateText(text, max);
        expect([...result].length).toBeLessThanOrEqual(max);
        expect(isWellFormed(result)).toBe(true);
        expect(toWellFormedText(text).startsWith(result)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(wellFormedText, fc.integer({ min: 0, max: 50 }), (text, max) => {
        expect(truncateText(text, max)).toBe([...text].slice(0, max).join(''));
      }),
    );
  });
});
