import { describe, expect, it } from 'vitest';
import type { TransportOutcome } from './transport-outcome.js';
import { withRetry } from './with-retry.js';

const notSent: TransportOutcome<never> = { kind: 'not-sent', code: 'ECONNREFUSED', message: 'refused' };
const maybeSent: TransportOutcome<never> = { kind: 'maybe-sent', reason: 'timeout', code: 'TIMEOUT', message: 't' };
const ok: TransportOutcome<string> = { kind: 'response', status: 200, headers: {}, body: 'done', text: '"done"' };

describe('withRetry', () => {
  it('repeats a not-sent outcome until a response, with growing pauses', async () => {
    const outcomes = [notSent, notSent, ok];
    const delays: number[] = [];
    const result = await withRetry(async () => outcomes.shift()!, {
      maxAttempts: 5,
      baseDelayMs: 4,
      onRetry: ({ delayMs }) => delays.push(delayMs),
    });
    expect(result).toBe(ok);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(2);
    expect(delays[0]).toBeLessThanOrEqual(4);
    expect(delays[1]).toBeGreaterThanOrEqual(4);
    expect(delays[1]).toBeLessThanOrEqual(8);
  });

  it('never repeats a maybe-sent outcome', async () => {
    let attempts = 0;
    const result = await withRetry(async () => {
      attempts++;
      return maybeSent;
    }, { maxAttempts: 5, baseDelayMs: 1 });
    expect(result).toBe(maybeSent);
    expect(attempts).toBe(1);
  });

  it('stops after maxAttempts and returns the last outcome', async () => {
    let attempts = 0;
    const result = await withRetry(async () => {
      attempts++;
      return notSent;
    }, { maxAttempts: 3, baseDelayMs: 1 });
    expect(result).toBe(notSent);
    expect(attempts).toBe(3);
  });

  it('caps the pause at maxDelayMs', async () => {
    const delays: number[] = [];
    await withRetry(async () => notSent, {
      maxAttempts: 4,
      baseDelayMs: 8,
      maxDelayMs: 10,
      onRetry: ({ delayMs }) => delays.push(delayMs),
    });
    expect(Math.max(...delays)).toBeLessThanOrEqual(10);
  });

  it('returns at once when aborted during a pause', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const pending = withRetry(async () => {
      attempts++;
      return notSent;
    }, {
      maxAttempts: 5,
      baseDelayMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toBe(notSent);
    expect(attempts).toBe(1);
  });
});
