import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSafaricomKeProvider } from './create-provider.js';
import { UNSIGNED_CALLBACKS_WARNING } from './connect.js';
import { CANARY } from './test-helpers/simulated-daraja.js';

const options = {
  baseUrl: 'http://127.0.0.1:9',
  consumerKey: CANARY.consumerKey,
  consumerSecret: CANARY.consumerSecret,
  initiatorName: 'apiop37',
  securityCredential: 'unused-security-credential',
  shortCode: '600992',
  resultUrl: 'https://shop.example/mpesa/result',
};
afterEach(() => vi.restoreAllMocks());

describe('unsignedCallbacks: true', () => {
  it('warns once per process, with a code, and never with a signed provider', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const signed = createSafaricomKeProvider({ ...options, callbackSecret: CANARY.callbackSecret });
    expect(warn).not.toHaveBeenCalled();
    const first = createSafaricomKeProvider({ ...options, unsignedCallbacks: true });
    const second = createSafaricomKeProvider({ ...options, unsignedCallbacks: true });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/anyone who learns one can post a made-up reversal outcome/);
    expect(warn.mock.calls[0]?.[1]).toMatchObject({ type: 'SecurityWarning', code: UNSIGNED_CALLBACKS_WARNING });
    expect(UNSIGNED_CALLBACKS_WARNING).toBe('REVERSAL_UNSIGNED_CALLBACKS');
    await Promise.all([signed.close(), first.close(), second.close()]);
  });
});
