import { inspect } from 'node:util';
import type { ReversalEvent } from '@reversal/core/kit';
import { ReversalConfigError, type ReversalProvider } from '@reversal/core';
import type { VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVodacomMzProvider } from './create-vodacom-mz-provider.js';
import { providerFor, startSimulator } from './test-helpers.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';

// Distinctive credentials, searched for in everything a caller can see.
const CANARY = { apiKey: 'canary-api-key-5f1e9a3c7b', securityCredential: 'canary-credential-8d2b6e4f' };

let simulator: VodacomMzSimulator;
let provider: ReversalProvider<VodacomMzMetadata>;
const events: ReversalEvent[] = [];
let bearer = '';

beforeAll(async () => {
  simulator = await startSimulator(CANARY);
  provider = providerFor(simulator, { onEvent: (event) => events.push(event) });
});
afterAll(async () => {
  await provider.close?.();
  await simulator.close();
});

function expectNoSecret(value: unknown) {
  const texts = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  for (const secret of [CANARY.apiKey, CANARY.securityCredential, bearer]) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

describe('no credential leaks', () => {
  it('not from results of any kind, events or the provider itself', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    const results = [await provider.reverse({ transactionId, amount: '1.00' })];
    bearer = simulator.requests().at(-1)!.headers.authorization!.slice('Bearer '.length);
    expect(bearer).toHaveLength(344);

    for (const scenario of [
      { responseCode: 'INS-2' },
      { responseCode: 'INS-1', rawBody: `<html>${CANARY.apiKey} ${CANARY.securityCredential}</html>` },
      { malformedHeader: true },
      { delayMs: 3_000 },
    ]) {
      simulator.addScenario({ transactionId, ...scenario });
      results.push(await provider.reverse({ transactionId, amount: '1.00' }, { timeoutMs: 500 }));
    }
    results.push(await provider.checkStatus!(results[0]!));
    const wrongKey = providerFor(simulator, { apiKey: `${CANARY.apiKey}-wrong` });
    results.push(await wrongKey.reverse({ transactionId }));
    await wrongKey.close?.();

    expect(results.map((result) => result.status)).toEqual(['succeeded', 'failed', 'unknown', 'unknown', 'unknown', 'succeeded', 'failed']);
    for (const result of results) expectNoSecret(result);
    expect(events.length).toBeGreaterThan(10);
    expectNoSecret(events);
    expectNoSecret(provider);
  });

  it('not from validation and configuration errors', async () => {
    const validation = await provider.reverse({ transactionId: 'bad id!' }).catch((error: unknown) => error);
    expectNoSecret(validation);
    const config = (() => {
      try {
        createVodacomMzProvider({ ...simulator.providerOptions, apiKey: CANARY.apiKey, securityCredential: CANARY.securityCredential, publicKey: CANARY.apiKey });
      } catch (error) {
        return error;
      }
    })();
    expect(ReversalConfigError.isInstance(config)).toBe(true);
    expectNoSecret(config);
  });
});
