import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

const everyWay = (value: unknown): string =>
  [
    JSON.stringify(value),
    inspect(value, { depth: 20, showHidden: true }),
    String(value),
    value instanceof Error ? `${value.message} ${value.stack} ${inspect(value.cause, { depth: 20 })}` : '',
  ].join('\n');

describe('secrets never leak', () => {
  it('no consumer secret, password, SecurityCredential, access token or callback secret in results, errors, events or the provider', async () => {
    const events: unknown[] = [];
    const outputs: unknown[] = [];
    const provider = sim.provider({ callbackSecret: CANARY.callbackSecret, onEvent: (event) => events.push(event) });
    outputs.push(provider);

    for (const scenario of ['success', 'initiator-invalid', 'queue-timeout', 'spike-arrest', 'internal-error', 'invalid-token', 'dropped-connection'] as const) {
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario });
      const result = await provider.reverse({ transactionId, amount: 200 });
      outputs.push(result);
      if (result.status === 'pending') outputs.push(await provider.parseCallback(await sim.callbackFor(transactionId)));
    }
    outputs.push(await provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200 }).catch((error: unknown) => error));
    outputs.push(await provider.reverse({ transactionId: 'bad', amount: 1.5 }).catch((error: unknown) => error));
    outputs.push(await provider.parseCallback({ body: '{}', url: '/x?token=abc' }).catch((error: unknown) => error));
    const wrongCredentials = sim.provider({ consumerSecret: `${CANARY.consumerSecret}-wrong` });
    outputs.push(await wrongCredentials.reverse({ transactionId: 'PDU91HIVIT', amount: 200 }), wrongCredentials);
    const unreachable = sim.provider({ baseUrl: 'http://127.0.0.1:1' });
    outputs.push(await unreachable.reverse({ transactionId: 'PDU91HIVIT', amount: 200 }));

    const credentials = new Set(sim.daraja.requests().map((request) => (request.body as { SecurityCredential?: string }).SecurityCredential));
    const tokens = new Set(sim.daraja.requests().map((request) => request.token));
    const canaries = [
      CANARY.consumerSecret,
      CANARY.initiatorPassword,
      CANARY.callbackSecret,
      Buffer.from(`${CANARY.consumerKey}:${CANARY.consumerSecret}`).toString('base64'),
      ...[...credentials, ...tokens].filter((value): value is string => typeof value === 'string' && value.length > 8),
    ];
    expect(canaries.length).toBeGreaterThan(5);
    const text = [...outputs, ...events].map(everyWay).join('\n');
    for (const canary of canaries) expect(text).not.toContain(canary);
  }, 30_000);
});
