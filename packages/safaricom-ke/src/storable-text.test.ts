import type { ReversalResult } from '@reversal/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafaricomKeProvider } from './create-provider.js';
import { DARAJA_PATHS, type ScriptedDaraja, startScriptedDaraja, tokenAnswer } from './test-helpers/scripted-daraja.js';
import { CANARY, type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

// Text Daraja sends is cut (a quoted errorMessage at 200 code points, a description at 500, an
// unreadable body at 4,096) only after secrets were scrubbed from it, and by code point: no part of
// a secret cut in two, no emoji cut in half (a lone surrogate PostgreSQL's jsonb would refuse).

const CONSUMER_SECRET = 'Zq8Lm2Vx7Pt4Kc9Wn3Hb6Rd1Yf5Gj0Ts8Ue2Ia7Ob4Nc9Mh3Lk6Jw1Qe5Rt0Yp'; // 64 characters, as Daraja issues them
const BASIC = Buffer.from(`${CANARY.consumerKey}:${CONSUMER_SECRET}`).toString('base64');

/** Every string of a value, keys included. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
      : [];
// UTF-8 cannot carry a lone surrogate: encoding replaces it, so the round trip differs.
const wellFormed = (result: ReversalResult) => strings(result).every((text) => Buffer.from(text, 'utf8').toString('utf8') === text);
/** Every 8-character piece of `secret` found in `text`. */
const leaked = (text: string, secret: string) =>
  Array.from({ length: secret.length - 7 }, (_, at) => secret.slice(at, at + 8)).filter((piece) => text.includes(piece));
/** `secret` placed so that `before` of its characters come before code point `cut`. */
const across = (cut: number, before: number, secret: string) => `${'x'.repeat(cut - before)}${secret}${'y'.repeat(600)}`;

describe('Daraja text cut at a secret or an emoji (scripted Daraja over HTTP)', () => {
  let daraja: ScriptedDaraja;
  const events: unknown[] = [];
  const reverse = async (): Promise<ReversalResult> => {
    const provider = createSafaricomKeProvider({
      baseUrl: daraja.url,
      consumerKey: CANARY.consumerKey,
      consumerSecret: CONSUMER_SECRET,
      initiatorName: 'apiop37',
      securityCredential: 'canary-security-credential-61d0b8f4',
      shortCode: '600992',
      resultUrl: 'https://shop.example/mpesa/result',
      callbackSecret: CANARY.callbackSecret,
      onEvent: (event) => events.push(event),
    });
    try {
      return await provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200, reference: 'CUT1' });
    } finally {
      await provider.close();
    }
  };
  beforeAll(async () => {
    daraja = await startScriptedDaraja();
  });
  afterAll(() => daraja.close());

  const acknowledgement = (secret: string) => JSON.stringify({ ResponseCode: '0', ResponseDescription: across(500, 38, secret) });
  const darajaError = (cut: number) => (secret: string) =>
    JSON.stringify({ requestId: 'r1', errorCode: '500.001.1001', errorMessage: across(cut, 38, secret) });
  it.each([
    ['a Daraja error quoting it across the 200th code point', 500, darajaError(200)],
    ['a Daraja error quoting it across the 500th code point', 500, darajaError(500)],
    ['an acknowledgement describing it across the 500th', 200, acknowledgement],
    ['a 502 page echoing it across the 4,096th', 502, (secret: string) => `<html><pre>${across(4096 - 11, 38, secret)}</pre></html>`],
  ])('no 8-character part of the consumer secret survives %s', async (_, status, body) => {
    for (const secret of [CONSUMER_SECRET, BASIC]) {
      daraja.answer(DARAJA_PATHS.oauth, tokenAnswer());
      const contentType = status === 502 ? 'text/html' : 'application/json';
      daraja.answer(DARAJA_PATHS.reversal, () => ({ status, body: body(secret), contentType }));
      events.length = 0;
      const result = await reverse();
      expect(leaked(`${JSON.stringify(result)}\n${JSON.stringify(events)}`, secret)).toEqual([]);
      expect(JSON.stringify(result)).toContain('[REDACTED]');
    }
  });

  it('no part of the Basic credentials survives a token error quoting them across the 200th code point', async () => {
    daraja.answer(DARAJA_PATHS.oauth, () => ({
      status: 400,
      body: JSON.stringify({ requestId: 'r2', errorCode: '400.008.01', errorMessage: across(200, 30, BASIC) }),
    }));
    const result = await reverse();
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED' } });
    expect(leaked(JSON.stringify(result), BASIC)).toEqual([]);
  });

  it('an emoji across the cut is kept whole or dropped, and lone surrogates become U+FFFD', async () => {
    daraja.answer(DARAJA_PATHS.oauth, tokenAnswer());
    daraja.answer(DARAJA_PATHS.reversal, () => ({
      status: 500,
      body: JSON.stringify({ requestId: 'r3', errorCode: '500.001.1001', errorMessage: `${'x'.repeat(199)}😀\ud83d${'y'.repeat(400)}` }),
    }));
    const result = await reverse();
    expect(wellFormed(result)).toBe(true);
    expect(result.metadata).toEqual({ providerDescription: `${'x'.repeat(199)}😀\uFFFD${'y'.repeat(299)}` });
    expect('error' in result && result.error.message).toContain(`Daraja said: "${'x'.repeat(199)}😀"`);
  });
});

describe('a Daraja callback with an emoji across the cut or a lone surrogate (simulator over HTTP)', () => {
  let sim: SimulatedDaraja;
  beforeAll(async () => {
    sim = await startSimulatedDaraja();
  });
  afterAll(() => sim.close());

  it('reads into a result whose every string is well-formed', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    await provider.reverse({ transactionId, amount: 200, reference: 'EMOJI1' });
    const callback = await sim.callbackFor(transactionId);
    type Parameter = { Key: string; Value: unknown };
    const body = JSON.parse(callback.body) as { Result: { ResultDesc: string; ResultParameters: { ResultParameter: Parameter[] } } };
    body.Result.ResultDesc = `${'x'.repeat(499)}😀 processed`;
    const name = body.Result.ResultParameters.ResultParameter.find((parameter) => parameter.Key === 'CreditPartyPublicName')!;
    name.Value = 'Wanjiru \ud83d half an emoji';
    // JSON.stringify writes a lone surrogate as the escape "\ud83d": valid JSON, as a provider may send it.
    const result = await provider.parseCallback({ ...callback, body: JSON.stringify(body) });
    expect(result.status).toBe('succeeded');
    expect(wellFormed(result)).toBe(true);
    expect(result.metadata).toMatchObject({
      providerDescription: `${'x'.repeat(499)}😀`,
      creditPartyName: 'Wanjiru \uFFFD half an emoji',
    });
  });

  it('keeps no part of a secret a callback quotes across the cut (scrubbed before it is read)', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'insufficient-funds' });
    await provider.reverse({ transactionId, amount: 200, reference: 'ECHOCB1' });
    const callback = await sim.callbackFor(transactionId);
    const body = JSON.parse(callback.body) as { Result: { ResultDesc: string } };
    body.Result.ResultDesc = across(500, 20, CANARY.consumerSecret);
    const result = await provider.parseCallback({ ...callback, body: JSON.stringify(body) });
    expect(result.status).toBe('failed');
    expect(leaked(JSON.stringify(result), CANARY.consumerSecret)).toEqual([]);
    expect(JSON.stringify(result)).toContain('[REDACTED]');
  });
});
