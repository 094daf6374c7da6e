import { isIP } from 'node:net';
import { createCallbackHandler } from '@reversal/core';
import { describe, expect, it } from 'vitest';
import { SAFARICOM_CALLBACK_ADDRESSES } from './callback-addresses.js';
import { createSafaricomKeProvider } from './create-provider.js';
import { CANARY } from './test-helpers/simulated-daraja.js';

describe('SAFARICOM_CALLBACK_ADDRESSES', () => {
  it('holds the 12 commonly published Daraja addresses, frozen', () => {
    expect(new Set(SAFARICOM_CALLBACK_ADDRESSES).size).toBe(12);
    for (const address of SAFARICOM_CALLBACK_ADDRESSES) {
      expect(isIP(address)).toBe(4);
      expect(address).toMatch(/^196\.201\.21[234]\./);
    }
    expect(Object.isFrozen(SAFARICOM_CALLBACK_ADDRESSES)).toBe(true);
  });

  it('is accepted as a callback handler allow-list that refuses other senders', async () => {
    const provider = createSafaricomKeProvider({
      consumerKey: 'key',
      consumerSecret: 'secret',
      initiatorName: 'api',
      securityCredential: 'credential',
      shortCode: '600992',
      resultUrl: 'https://example.com/result',
      callbackSecret: CANARY.callbackSecret,
    });
    const handler = createCallbackHandler({ provider, onResult: () => {}, allowList: SAFARICOM_CALLBACK_ADDRESSES });
    const answer = await handler.handle({ url: 'https://example.com/result', body: '{}', remoteAddress: '203.0.113.9' });
    expect(answer.status).toBe(403);
    await provider.close();
  });
});
