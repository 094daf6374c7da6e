import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED_TEXT, secret } from '../kit/secret.js';
import { createSecretScrubber } from './secret-scrubber.js';

const CANARY = 'Canary+Secret/Value=42 "quoted"';

describe('createSecretScrubber', () => {
  it('removes a secret raw, URL-encoded, form-encoded, JSON-escaped and base64-encoded, at any depth', () => {
    const scrubber = createSecretScrubber([secret(CANARY)]);
    const forms = [
      CANARY,
      encodeURIComponent(CANARY),
      new URLSearchParams({ s: CANARY }).toString().slice(2),
      JSON.stringify(CANARY).slice(1, -1),
      Buffer.from(CANARY).toString('base64'),
    ];
    for (const form of forms) {
      const scrubbed = scrubber.value({ echo: { body: `<html>you sent ${form}!</html>` }, list: [form] });
      expect(JSON.stringify(scrubbed)).not.toContain(form);
      expect(scrubbed).toEqual({ echo: { body: `<html>you sent ${REDACTED_TEXT}!</html>` }, list: [REDACTED_TEXT] });
    }
  });

  it('leaves ids and amounts alone and does not change the original', () => {
    const payload = { TransactionID: 'PDU91HIVIT', Amount: '200.00', token: CANARY };
    const scrubbed = createSecretScrubber([CANARY]).value(payload);
    expect(scrubbed).toEqual({ TransactionID: 'PDU91HIVIT', Amount: '200.00', token: REDACTED_TEXT });
    expect(payload.token).toBe(CANARY);
  });

  it('adds the secrets of one call without forgetting the instance ones', () => {
    const scrubber = createSecretScrubber(['instance-secret']).with(['call-secret-1']);
    expect(scrubber.text('instance-secret and call-secret-1')).toBe(`${REDACTED_TEXT} and ${REDACTED_TEXT}`);
  });

  it('keeps an own __proto__ key as a plain key (the copy keeps Object.prototype)', () => {
    const payload = JSON.parse('{"__proto__":{"polluted":true},"a":"instance-secret"}') as Record<string, unknown>;
    const scrubbed = createSecretScrubber(['instance-secret']).value(payload) as Record<string, unknown>;
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
    expect(Object.hasOwn(scrubbed, '__proto__')).toBe(true);
    expect((scrubbed as { polluted?: unknown }).polluted).toBeUndefined();
    expect(scrubbed.a).toBe(REDACTED_TEXT);
  });

  it('never leaves a secret in any JSON value it scrubs', () => {
    // Secrets look like keys and tokens; none contains a piece of "[REDACTED]" itself.
    const secrets = fc.stringMatching(/^[a-z0-9+/=_-]{6,40}$/);
    fc.assert(
      fc.property(secrets, fc.jsonValue(), (value, json) => {
        const scrubbed = createSecretScrubber([value]).value({ json, echo: `x${value}y`, url: encodeURIComponent(value) });
        const text = JSON.stringify(scrubbed);
        expect(text).not.toContain(value);
      }),
    );
  });
});
