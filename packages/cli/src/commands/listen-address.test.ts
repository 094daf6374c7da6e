import { safaricomKe } from '@reversal/safaricom-ke';
import { vodacomMz } from '@reversal/vodacom-mz';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { resolveListenAddress } from './listen-address.js';

const kenya = (resultUrl: string) => ({ MPESA_KE_RESULT_URL: resultUrl });

describe('where reverse --wait listens', () => {
  it.each([
    ['8080', { host: '127.0.0.1', port: 8080 }],
    ['127.0.0.1:3000', { host: '127.0.0.1', port: 3000 }],
    ['0.0.0.0:80', { host: '0.0.0.0', port: 80 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
  ])('--listen %s', (listen, address) => {
    expect(resolveListenAddress(listen, safaricomKe, {})).toEqual(address);
  });

  it.each(['http', '70000', ':', '127.0.0.1:'])('refuses --listen %s as a usage error', (listen) => {
    const error = (() => {
      try {
        resolveListenAddress(listen, safaricomKe, {});
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exit).toBe('usage');
  });

  it.each([
    ['http://127.0.0.1:3000/mpesa/{reference}', { host: '127.0.0.1', port: 3000 }],
    ['http://localhost:4000/cb', { host: '127.0.0.1', port: 4000 }],
    ['http://[::1]:5000/cb', { host: '::1', port: 5000 }],
    ['http://localhost/cb', { host: '127.0.0.1', port: 80 }],
  ])('follows a result URL on this machine: %s', (resultUrl, address) => {
    expect(resolveListenAddress(undefined, safaricomKe, kenya(resultUrl))).toEqual(address);
  });

  it.each([
    ['a public result URL', safaricomKe, kenya('https://shop.example/mpesa/result')],
    ['no result URL', safaricomKe, {}],
    ['a provider without result URL', vodacomMz, {}],
  ])('asks for --listen with %s', (_case, definition, env) => {
    expect(() => resolveListenAddress(undefined, definition, env)).toThrow('--listen <port>');
  });
});
