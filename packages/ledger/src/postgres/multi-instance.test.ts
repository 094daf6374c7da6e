import { createMockProvider } from '@reversal/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type JsonLineChild, spawnJsonLineChild } from '../test-support/spawn-instance.js';

const url = process.env.REVERSAL_TEST_POSTGRES_URL;
const children: JsonLineChild[] = [];
afterAll(() => {
  for (const child of children) child.process.kill('SIGKILL');
});

const start = async () => {
  const child = spawnJsonLineChild(new URL('../test-support/instance.child.ts', import.meta.url), [url!]);
  children.push(child);
  const ready = await child.next((line) => 'ready' in line);
  return { child, port: ready.ready as number };
};

// Three processes share one PostgreSQL database: reversals start in the first, callbacks land in
// the second (and again in the first: a provider delivering twice, to any instance), waiters in
// the third resolve; onResult runs once per reversal across all of them.
describe.skipIf(!url && process.env.CI !== 'true')('several instances on one PostgreSQL', () => {
  it('records callbacks wherever they land, wakes waiters everywhere, hands each outcome over once', { timeout: 60_000 }, async () => {
    if (!url) throw new Error('REVERSAL_TEST_POSTGRES_URL is not set: CI must run the tests under scripts/with-postgres.sh.');
    const [reverser, receiver, waiter] = await Promise.all([start(), start(), start()]);
    const run = Date.now().toString(36).toUpperCase().slice(-6);
    const references = Array.from({ length: 6 }, (_, index) => `MI${run}${index}`);

    for (const reference of references) waiter.child.send({ wait: reference });
    const attempts = new Map<string, string>();
    for (const reference of references) {
      reverser.child.send({ reverse: reference });
      const reversed = await reverser.child.next((line) => line.reversed === reference);
      expect(reversed.state).toBe('pending');
      attempts.set(reference, reversed.attempt as string);
    }

    // The provider's callbacks, each delivered twice at once: to the receiver and to the reverser.
    const provider = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
    const statuses = await Promise.all(
      references.flatMap((reference, index) => {
        const outcome = index % 3 === 2 ? { status: 'failed' as const, error: { code: 'TRANSACTION_NOT_FOUND' as const } } : { status: 'succeeded' as const };
        const input = provider.deliverCallback({ reference: attempts.get(reference)!, originalTransactionId: `PAY${reference}` }, outcome);
        return [receiver.port, reverser.port].map(async (port) => {
          const response = await fetch(`http://127.0.0.1:${port}/callbacks`, { method: 'POST', headers: input.headers as Record<string, string>, body: input.body as string });
          return response.status;
        });
      }),
    );
    // A delivery arriving while its twin is inside onResult waits for it (or is answered 503, to be delivered again).
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);

    const outcomes = await Promise.all(references.map((reference) => waiter.child.next((line) => line.outcome === reference)));
    expect(outcomes.map((line) => line.state)).toEqual(references.map((_, index) => (index % 3 === 2 ? 'failed' : 'succeeded')));
    const handed = [reverser, receiver, waiter].flatMap(({ child }) => child.lines.filter((line) => 'onResult' in line));
    expect(handed.map((line) => line.onResult).sort()).toEqual([...references].sort());
  });
});
