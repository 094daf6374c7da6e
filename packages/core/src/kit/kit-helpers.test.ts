import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupCode, type ProviderCodeTable } from './code-table.js';
import { createEventEmitter, REVERSAL_CHANNELS, type ReversalEvent } from './events.js';
import { getHeader, readJsonBody } from './read-json-body.js';
import { isSecureUrl } from './secure-url.js';

describe('lookupCode', () => {
  const table: ProviderCodeTable = {
    '0': { status: 'succeeded', retryable: false, description: 'ok' },
    R1: { status: 'failed', code: 'ALREADY_REVERSED', retryable: false, description: 'done before' },
  };
  const fallback = { status: 'failed', code: 'PROCESSING_ERROR', retryable: false, description: 'unmapped' } as const;

  it('finds numbers and strings alike and keeps the raw code', () => {
    expect(lookupCode(table, 0, fallback)).toMatchObject({ providerCode: '0', known: true, mapping: { status: 'succeeded' } });
    expect(lookupCode(table, 'R1', fallback)).toMatchObject({ known: true, mapping: { code: 'ALREADY_REVERSED' } });
  });

  it('falls back for unmapped codes, including prototype names', () => {
    for (const code of ['R9', '', undefined, null, 'constructor', '__proto__', 'toString']) {
      expect(lookupCode(table, code, fallback)).toMatchObject({ known: false, mapping: fallback });
    }
  });
});

describe('events', () => {
  it('publishes to diagnostics channels and onEvent, and survives a throwing listener', () => {
    const seen: unknown[] = [];
    const listener = (message: unknown) => seen.push(message);
    subscribe(REVERSAL_CHANNELS.result, listener);
    try {
      const emitter = createEventEmitter(() => {
        throw new Error('listener bug');
      });
      const event: ReversalEvent = { type: 'result', provider: 'p', source: 'reverse', status: 'pending', reference: 'R' };
      expect(() => emitter.emit(event)).not.toThrow();
      expect(seen).toEqual([event]);
    } finally {
      unsubscribe(REVERSAL_CHANNELS.result, listener);
    }
  });
});

describe('readJsonBody and getHeader', () => {
  it('reads text, bytes and parsed objects, and reports the rest', () => {
    expect(readJsonBody('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(readJsonBody(new TextEncoder().encode('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
    expect(readJsonBody({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    expect(readJsonBody('not json').ok).toBe(false);
    expect(readJsonBody(undefined).ok).toBe(false);
    expect(readJsonBody('x'.repeat(100), 10).ok).toBe(false);
  });

  it('never throws, whatever the body', () => {
    fc.assert(fc.property(fc.anything(), (body) => typeof readJsonBody(body).ok === 'boolean'));
    fc.assert(fc.property(fc.string(), (body) => typeof readJsonBody(body).ok === 'boolean'));
  });

  it('finds headers case-insensitively in Headers and records', () => {
    expect(getHeader(new Headers({ 'X-Forwarded-For': '1.2.3.4' }), 'x-forwarded-for')).toBe('1.2.3.4');
    expect(getHeader({ 'X-Token': ['a', 'b'] }, 'x-token')).toBe('a');
    expect(getHeader(undefined, 'x')).toBeUndefined();
  });
});

describe('isSecureUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(isSecureUrl('https://example.com/callback')).toBe(true);
    expect(isSecureUrl('http://127.0.0.1:8080/cb')).toBe(true);
    expect(isSecureUrl('http://localhost/cb')).toBe(true);
    expect(isSecureUrl('http://[::1]:3000/cb')).toBe(true);
    expect(isSecureUrl('http://example.com/cb')).toBe(false);
    expect(isSecureUrl('/relative')).toBe(false);
    expect(isSecureUrl('ftp://example.com')).toBe(false);
  });
});
