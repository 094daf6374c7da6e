import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from './read-environment.js';

const table = {
  apiKey: { name: 'X_API_KEY', description: 'key', secret: true },
  timeoutMs: { name: 'X_TIMEOUT_MS', description: 'timeout', type: 'integer' as const },
  verbose: { name: 'X_VERBOSE', description: 'verbose', type: 'boolean' as const },
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

  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['1', true],
    ['yes', true],
    ['Yes', true],
    [' yes ', true],
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['no', false],
    ['NO', false],
  ])('reads the boolean variable %j as %s', (text, value) => {
    expect(readEnvironment(table, { X_VERBOSE: text })).toEqual({ verbose: value });
  });

  it.each(['on', 'y', '2', 'truee', 'enabled'])('passes a boolean variable %j on as text for the schema to report', (text) => {
    expect(readEnvironment(table, { X_VERBOSE: text })).toEqual({ verbose: text });
  });

  it('gives a boolean, or the text itself, for any boolean variable', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const value = readEnvironment(table, { X_VERBOSE: text }).verbose;
        expect(value === true || value === false || value === text).toBe(true);
      }),
    );
  });
});
