import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackHandler, type ReversalResult, ReversalCallbackError } from '@reversal/core';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import success from './__fixtures__/result-success.json' with { type: 'json' };
import { signCallbackToken } from './callback-token.js';
import { CANARY, type SimulatedDaraja, startSimulatedDaraja, UNSIGNED } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

const key = new TextEncoder().encode(CANARY.callbackSecret);

async function signedRoundTrip(reference: string) {
  const provider = sim.provider();
  const { transactionId } = sim.daraja.addTransaction({ amount: 300 });
  await provider.reverse({ transactionId, amount: 300, reference });
  return { provider, transactionId, callback: await sim.callbackFor(transactionId) };
}

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ReversalCallbackError.isInstance(error), 'rejects with a ReversalCallbackError').toBe(true);
  return error as ReversalCallbackError;
};

describe('callbacks with callbackSecret (the default): a signed token in the URL', () => {
  it('carries only a token, and a genuine callback parses with the reference and transaction', async () => {
    const { provider, transactionId, callback } = await signedRoundTrip('SIGNED1');
    const url = new URL(callback.url);
    expect([...url.searchParams.keys()]).toEqual(['token']);
    expect(url.search).not.toContain('SIGNED1');
    expect(await provider.parseCallback(callback)).toMatchObject({
      status: 'succeeded',
      reference: 'SIGNED1',
      originalTransactionId: transactionId,
    });
  });

  it('rejects a callback without token: 401', async () => {
    const { provider, callback } = await signedRoundTrip('SIGNED2');
    const url = new URL(callback.url);
    url.search = '?reference=SIGNED2';
    const error = await rejection(provider.parseCallback({ ...callback, url: url.toString() }));
    expect(error).toMatchObject({ code: 'ERR_CALLBACK_UNAUTHENTICATED', status: 401 });
  });

  it('rejects a forged token (payload altered, signature kept): 401', async () => {
    const { provider, callback } = await signedRoundTrip('SIGNED3');
    const url = new URL(callback.url);
    const [header, , signature] = url.searchParams.get('token')!.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ref: 'ATTACKER', kind: 'result', exp: 9999999999 })).toString('base64url');
    url.searchParams.set('token', `${header}.${forgedPayload}.${signature}`);
    const error = await rejection(provider.parseCallback({ ...callback, url: url.toString() }));
    expect(error.code).toBe('ERR_CALLBACK_UNAUTHENTICATED');
  });

  it('rejects a token signed with another secret: 401', async () => {
    const { provider, callback } = await signedRoundTrip('SIGNED4');
    const other = await signCallbackToken(
      { reference: 'SIGNED4', kind: 'result' },
      new TextEncoder().encode('another-secret-of-at-least-32-characters'),
      3600,
    );
    const url = new URL(callback.url);
    url.searchParams.set('token', other);
    expect((await rejection(provider.parseCallback({ ...callback, url: url.toString() }))).code).toBe(
      'ERR_CALLBACK_UNAUTHENTICATED',
    );
  });

  it('rejects an expired token: 401, saying it expired', async () => {
    const { provider, callback, transactionId } = await signedRoundTrip('SIGNED5');
    const expired = await signCallbackToken({ reference: 'SIGNED5', originalTransactionId: transactionId, kind: 'result' }, key, -60);
    const url = new URL(callback.url);
    url.searchParams.set('token', expired);
    const error = await rejection(provider.parseCallback({ ...callback, url: url.toString() }));
    expect(error).toMatchObject({ code: 'ERR_CALLBACK_UNAUTHENTICATED', message: expect.stringContaining('expired') });
  });

  it('rejects a token signed with the secret but without an expiry: 401', async () => {
    const { provider, callback, transactionId } = await signedRoundTrip('SIGNED8');
    const forever = await new SignJWT({ ref: 'SIGNED8', txn: transactionId, kind: 'result' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('reversal:safaricom-ke:callback')
      .sign(key);
    const url = new URL(callback.url);
    url.searchParams.set('token', forever);
    const error = await rejection(provider.parseCallback({ ...callback, url: url.toString() }));
    expect(error).toMatchObject({ code: 'ERR_CALLBACK_UNAUTHENTICATED', status: 401 });
  });

  it('rejects a callback whose body names another transaction than its token: 400', async () => {
    const { provider, callback, transactionId } = await signedRoundTrip('SIGNED6');
    const tampered = callback.body.replace(transactionId, 'ABCDE12345');
    const error = await rejection(provider.parseCallback({ ...callback, body: tampered }));
    expect(error).toMatchObject({ code: 'ERR_CALLBACK', status: 400 });
  });

  it('a provider without callbackSecret does not accept a signed-mode URL as having a reference', async () => {
    const { callback } = await signedRoundTrip('SIGNED7');
    const plain = sim.provider(UNSIGNED);
    const error = await rejection(plain.parseCallback(callback));
    expect(error.code).toBe('ERR_CALLBACK');
  });
});

describe('the default configuration refuses forged callbacks over HTTP', () => {
  it('a made-up success POSTed to a plain callback URL is answered 401 and never reaches onResult', async () => {
    const provider = sim.provider();
    const received: ReversalResult[] = [];
    const callbacks = createCallbackHandler({ provider, onResult: (result) => void received.push(result) });
    const server = createServer(callbacks.node);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const forged = await fetch(`${origin}/mpesa/reversal/result?reference=ORDER77&originalTransactionId=SKC82PACB8`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(success),
      });
      expect(forged.status).toBe(401);
      expect(received).toEqual([]);

      // A genuine callback, delivered to the same endpoint, still gets through.
      const { transactionId } = sim.daraja.addTransaction({ amount: 300 });
      await provider.reverse({ transactionId, amount: 300, reference: 'GENUINE1' });
      const genuine = await sim.callbackFor(transactionId);
      const url = new URL(genuine.url);
      const answer = await fetch(`${origin}${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: genuine.body });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
      expect(received).toEqual([expect.objectContaining({ status: 'succeeded', reference: 'GENUINE1', originalTransactionId: transactionId })]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
