import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { ReversalConfigError, type ReversalEvent, type ReversalProvider, type ReversalResult } from '@reversal/core';
import type { VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVodacomMzProvider } from './create-provider.js';
import type { VodacomMzMetadata } from './metadata.js';
import { type EchoAnswer, startEchoServer } from './test-helpers/echo-server.js';
import { providerFor, startSimulator } from './test-helpers/simulator.js';

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

  it.each<[string, EchoAnswer]>([
    ['JSON, 2xx', { kind: 'json', status: 200 }],
    ['JSON, 5xx', { kind: 'json', status: 500 }],
    ['HTML, 2xx', { kind: 'html', status: 200 }],
    ['HTML, 5xx', { kind: 'html', status: 502 }],
  ])('not even from a gateway that echoes the request back (%s)', async (_name, answer) => {
    const echo = await startEchoServer();
    echo.answer = answer;
    const echoEvents: ReversalEvent[] = [];
    const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const echoed = createVodacomMzProvider({
      baseUrl: echo.baseUrl,
      reversalPort: echo.port,
      statusPort: echo.port,
      apiKey: CANARY.apiKey,
      publicKey,
      serviceProviderCode: '171717',
      initiatorIdentifier: 'MPesa2018',
      securityCredential: CANARY.securityCredential,
      timeoutMs: 10_000,
      onEvent: (event) => echoEvents.push(event),
    });
    const results: ReversalResult[] = [await echoed.reverse({ transactionId: 'ABCDEF1234', amount: '1.00', reference: 'ECHO1' })];
    results.push(await echoed.checkStatus!(results[0]!));
    await echoed.close?.();
    await echo.close();

    const echoedBearer = echo.authorizations[0]!.slice('Bearer '.length);
    expect(echoedBearer.length).toBeGreaterThan(300);
    for (const result of results) {
      const seen = JSON.stringify(result);
      for (const secret of [CANARY.apiKey, CANARY.securityCredential, echoedBearer]) expect(seen).not.toContain(secret);
      expect(seen).toContain('[REDACTED]');
      // Only secrets go: the transaction id and the amount stay readable.
      if (result === results[0]) expect(seen).toContain('ABCDEF1234');
    }
    const seenEvents = JSON.stringify(echoEvents);
    for (const secret of [CANARY.apiKey, CANARY.securityCredential, echoedBearer]) {
      expect(seenEvents).not.toContain(secret);
      expect(inspect(results, { depth: 20 })).not.toContain(secret);
    }
    expect(results.map((result) => result.status)).toEqual(
      answer.kind === 'json' && answer.status === 200 ? ['succeeded', 'succeeded'] : ['unknown', 'unknown'],
    );
  });
});
