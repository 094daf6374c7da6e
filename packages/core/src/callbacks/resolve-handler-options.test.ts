import { describe, expect, it } from 'vitest';
import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ReversalProvider } from '../reversal-provider.js';
import { createCallbackHandler } from './create-callback-handler.js';
import { createSignedTestProvider } from './test-support/signed-test-provider.js';

const provider = createSignedTestProvider('secret');
const onResult = () => {};

function issuesOf(options: unknown): string[] {
  try {
    createCallbackHandler(options as never);
  } catch (error) {
    if (!ReversalConfigError.isInstance(error)) throw error;
    return error.issues.map((issue) => issue.field);
  }
  throw new Error('expected a ReversalConfigError');
}

describe('createCallbackHandler options', () => {
  it('names every invalid option', () => {
    expect(issuesOf(undefined)).toEqual(['options']);
    expect(issuesOf({ onResult })).toEqual(['provider']);
    expect(issuesOf({ providers: [], onResult })).toEqual(['providers']);
    expect(issuesOf({ providers: 'all', onResult })).toEqual(['providers']);
    expect(issuesOf({ provider, providers: [provider], onResult })).toEqual(['provider']);
    expect(issuesOf({ provider: {}, onResult })).toEqual(['provider']);
    expect(issuesOf({ providers: [provider, provider], onResult })).toEqual(['providers[1]']);
    expect(issuesOf({ provider })).toEqual(['onResult']);
    expect(
      issuesOf({
        provider,
        onResult,
        onError: 'log',
        maxBodyBytes: 0,
        trustProxy: -1,
        allowList: ['nope'],
        dedupe: {},
        store: new Map(),
      }),
    ).toEqual(['onError', 'maxBodyBytes', 'trustProxy', 'allowList[0]', 'dedupe', 'store']);
    expect(issuesOf({ provider, onResult, allowList: '196.201.214.200' })).toEqual(['allowList']);
  });

  it('never echoes a value in its message', () => {
    try {
      createCallbackHandler({ provider, onResult, allowList: ['my-secret-host'] });
    } catch (error) {
      expect(String(error)).not.toContain('my-secret-host');
    }
  });

  it('accepts a synchronous provider, which receives no callbacks (404)', async () => {
    const sync: ReversalProvider = {
      id: 'sync',
      capabilities: { partialReversal: true, resultDelivery: 'sync', currencies: ['MZN'], statusCheck: false, statusDelivery: 'sync' },
      reverse: async () => {
        throw new Error('not called');
      },
    };
    const callbacks = createCallbackHandler({ provider: sync, onResult });
    const answer = await callbacks.handle({ url: 'http://localhost/callbacks/sync', body: '{}' });
    expect(answer.status).toBe(404);
  });
});
