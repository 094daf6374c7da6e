import { describe, expect, it } from 'vitest';
import { describeFailedDelivery } from './describe-failed-delivery.js';

describe('describeFailedDelivery', () => {
  it('names the URL and the connection error', () => {
    const line = describeFailedDelivery({
      kind: 'result',
      url: 'http://127.0.0.1:3000/mpesa/result',
      body: {},
      error: 'connect ECONNREFUSED 127.0.0.1:3000',
    });
    expect(line).toBe('Callback NOT delivered (result): POST http://127.0.0.1:3000/mpesa/result: connect ECONNREFUSED 127.0.0.1:3000\n');
  });

  it('names the HTTP status a receiver answered', () => {
    const line = describeFailedDelivery({ kind: 'queue-timeout', url: 'https://shop.example/timeout', body: {}, status: 500 });
    expect(line).toBe('Callback NOT delivered (queue-timeout): POST https://shop.example/timeout: HTTP 500\n');
  });

  it('hides query values and credentials, which may be signatures or tokens', () => {
    const line = describeFailedDelivery({
      kind: 'result',
      url: 'http://user:secret@127.0.0.1:3000/cb?reference=ORDER1&token=eyJsecret',
      body: {},
      status: 401,
    });
    expect(line).toContain('POST http://127.0.0.1:3000/cb?reference=…&token=…: HTTP 401');
    expect(line).not.toContain('secret');
  });

  it('quotes a URL that does not parse', () => {
    expect(describeFailedDelivery({ kind: 'result', url: 'not a url', body: {}, error: 'invalid URL' })).toBe(
      'Callback NOT delivered (result): POST "not a url": invalid URL\n',
    );
  });
});
