import { inspect } from 'node:util';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../registry/parse-options.js';
import { REDACTED_TEXT, redactText, Secret, secret } from './secret.js';
import { secretString } from './secret-schema.js';

const CANARY = 'canary-S3cr3t-value-4821';

describe('Secret', () => {
  it('never shows its value in String, JSON, template strings or inspect', () => {
    const value = secret(CANARY);
    const holder = { apiKey: value, nested: [value] };
    for (const text of [String(value), `${value}`, JSON.stringify(holder), inspect(holder, { depth: 10 }), inspect(value, { showHidden: true })]) {
      expect(text).not.toContain(CANARY);
    }
    expect(value.reveal()).toBe(CANARY);
  });

  it('is recognised across copies and not re-wrapped', () => {
    const value = secret(CANARY);
    expect(secret(value)).toBe(value);
    expect(Secret.isInstance(value)).toBe(true);
    expect(Secret.isInstance({ reveal: () => CANARY })).toBe(false);
  });

  it('redacts values inside text', () => {
    expect(redactText(`token ${CANARY} here`, [secret(CANARY), undefined])).toBe(`token ${REDACTED_TEXT} here`);
  });
});

describe('secretString', () => {
  const schema = v.object({ apiKey: secretString() });

  it('turns text into a Secret', () => {
    const options = parseOptions(schema, { apiKey: CANARY }, 'test');
    expect(Secret.isInstance(options.apiKey)).toBe(true);
    expect(inspect(options)).not.toContain(CANARY);
  });

  it('names the field and never echoes a wrong value', () => {
    try {
      parseOptions(schema, { apiKey: 12345678 }, 'test');
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('apiKey');
      expect(String(error)).not.toContain('12345678');
    }
  });
});
