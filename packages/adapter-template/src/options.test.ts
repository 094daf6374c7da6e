import { ReversalConfigError } from '@reversal/core';
import { describe, expect, it } from 'vitest';
import { createAcmeMoneyProvider } from './create-provider.js';

describe('createAcmeMoneyProvider options', () => {
  it('names each bad option and never echoes a value', () => {
    const secretValue = 'not-a-url-SECRET';
    try {
      createAcmeMoneyProvider({ apiKey: '', baseUrl: secretValue, timeoutMs: 0 });
      expect.unreachable();
    } catch (error) {
      expect(ReversalConfigError.isInstance(error)).toBe(true);
      const issues = (error as ReversalConfigError).issues.map((issue) => issue.field);
      expect(issues).toEqual(['apiKey', 'baseUrl', 'timeoutMs']);
      expect((error as Error).message).not.toContain(secretValue);
    }
  });

  it('refuses plain http:// outside loopback', () => {
    expect(() => createAcmeMoneyProvider({ apiKey: 'key', baseUrl: 'http://api.acme-money.example' })).toThrow(/baseUrl/);
  });
});
