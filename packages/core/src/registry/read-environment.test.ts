import { describe, expect, it } from 'vitest';
import { readEnvironment } from './read-environment.js';

const table = {
  apiKey: { name: 'X_API_KEY', description: 'key', secret: true },
  timeoutMs: { name: 'X_TIMEOUT_MS', description: 'timeout', type: 'integer' as const },
  unused: undefined,
};

describe('readEnvironment', () => {
  it('reads each option from its variable, converting integers', () => {
    expect(readEnvironment(table, { X_API_KEY: 'abc', X_TIMEOUT_MS: '2500', OTHER: 'ignored' })).toEqual({ apiKey: 'abc', timeoutMs: 2500 });
  });

  it('leaves out absent and empty variables', () => {
    expect(readEnvironment(table, { X_API_KEY: '' })).toEqual({});
  });

  it.each(['soon', '2.5', '-1', '1e3', ' 25'])('passes an integer variable %j on as text for the schema to report', (text) => {
    expect(readEnvironment(table, { X_TIMEOUT_MS: text })).toEqual({ timeoutMs: text });
  });
});
