import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafaricomKeProvider } from './create-provider.js';
import { DARAJA_PATHS, echo, startScriptedDaraja, tokenAnswer } from './test-helpers/scripted-daraja.js';
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
    const provider = sim.provider({ onEvent: (event) => events.push(event) });
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

describe('secrets never leak, even from a gateway that echoes the request', () => {
  const BEARER = 'canary-bearer-token-9a7c31e5';
  const SECURITY_CREDENTIAL = 'canary-security-credential-61d0b8f4';
  const answers = [
    ['JSON 200', echo(200, 'json')],
    ['JSON 500', echo(500, 'json')],
    ['HTML 200', echo(200, 'html')],
    ['HTML 502', echo(502, 'html')],
  ] as const;

  for (const [call, path] of [['the reversal call', DARAJA_PATHS.reversal], ['the OAuth call', DARAJA_PATHS.oauth]] as const) {
    for (const [name, script] of answers) {
      it(`${call} answered by an echo (${name}): no credential, token or callback token in any result, error or event`, async () => {
        const daraja = await startScriptedDaraja();
        daraja.answer(DARAJA_PATHS.oauth, tokenAnswer(BEARER));
        daraja.answer(DARAJA_PATHS.reversal, echo(200, 'json'));
        daraja.answer(path, script);
        const events: unknown[] = [];
        const provider = createSafaricomKeProvider({
          baseUrl: daraja.url,
          consumerKey: CANARY.consumerKey,
          consumerSecret: CANARY.consumerSecret,
          initiatorName: 'apiop37',
          securityCredential: SECURITY_CREDENTIAL,
          shortCode: '600992',
          resultUrl: 'https://shop.example/mpesa/result',
          callbackSecret: CANARY.callbackSecret,
          onEvent: (event) => events.push(event),
        });
        try {
          const outputs: unknown[] = [];
          for (let index = 0; index < 2; index++) {
            outputs.push(await provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200, reference: `ECHO${index}` }).catch((error: unknown) => error));
          }
          const reversals = daraja.requests.filter((request) => request.url.startsWith(DARAJA_PATHS.reversal));
          const callbackTokens = reversals.flatMap((request) => {
            const body = JSON.parse(request.body) as { ResultURL: string; QueueTimeOutURL: string };
            return [body.ResultURL, body.QueueTimeOutURL].map((url) => new URL(url).searchParams.get('token')!);
          });
          if (path === DARAJA_PATHS.reversal) expect(callbackTokens.length).toBeGreaterThan(0);
          // The echo must have carried the secrets back, or the test proves nothing.
          const echoed = daraja.requests.map((request) => JSON.stringify(request)).join('\n');
          const basic = Buffer.from(`${CANARY.consumerKey}:${CANARY.consumerSecret}`).toString('base64');
          expect(echoed).toContain(path === DARAJA_PATHS.oauth ? basic : BEARER);
          const canaries = [CANARY.consumerKey, CANARY.consumerSecret, CANARY.callbackSecret, basic, BEARER, SECURITY_CREDENTIAL, ...callbackTokens];
          const text = [...outputs, ...events].map(everyWay).join('\n');
          for (const canary of canaries) expect(text).not.toContain(canary);
          // The echoed request reached the result, scrubbed.
          if (path === DARAJA_PATHS.reversal) expect(text).toContain('[REDACTED]');
          expect(outputs.every((output) => !(output instanceof Error))).toBe(true);
        } finally {
          await provider.close();
          await daraja.close();
        }
      });
    }
  }
});
