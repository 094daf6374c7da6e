import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import { type CallbackDeduplicator, type ClaimOutcome, createMemoryDeduplicator } from './callback-deduplicator.js';
import type { CallbackFailure } from './callback-failure.js';
import type { CallbackHandlerSettings } from './callback-handler-options.js';
import { createCallbackHandler } from './create-callback-handler.js';
import { ReversalDeliveryInProgressError } from './delivery-in-progress-error.js';
import { createSignedTestProvider, type SignedTestCallback } from './test-support/signed-test-provider.js';
import { serveNode, type TestServer } from './test-support/serve.js';

const provider = createSignedTestProvider('test-callback-secret');
const success: SignedTestCallback = { reference: 'REF0001', transactionId: 'PDU91HIVIT', outcome: 'succeeded', requestId: 'AG1' };

const servers: TestServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A gate the test opens; `entered` resolves when onResult is inside it. */
function gate() {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const inside = new Promise<void>((resolve) => (entered = resolve));
  return { open, entered, opened, inside };
}

/** The memory deduplicator, telling the test each time a claim is found in progress. */
function observedDeduplicator(onInProgress: () => void): CallbackDeduplicator {
  const inner = createMemoryDeduplicator();
  return {
    async claim(key, options): Promise<ClaimOutcome> {
      const outcome = await inner.claim(key, options);
      if (outcome.kind === 'in-progress') onInProgress();
      return outcome;
    },
    complete: (key, token) => inner.complete(key, token),
    release: (key, token) => inner.release(key, token),
  };
}

async function serve(settings: Omit<CallbackHandlerSettings, 'onError'>) {
  const failures: CallbackFailure[] = [];
  const callbacks = createCallbackHandler({ provider, ...settings, onError: (failure) => failures.push(failure) });
  const server = await serveNode(callbacks.node);
  servers.push(server);
  const url = provider.callbackUrl(`${server.origin}/callbacks`, success.reference);
  const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(success) });
  return { callbacks, failures, post };
}

describe('a redelivery while the first delivery is still inside onResult', () => {
  it('waits for the first and, when it throws, is not acknowledged either (onResult throws again)', async () => {
    const first = gate();
    let calls = 0;
    let inProgressSeen!: () => void;
    const waiting = new Promise<void>((resolve) => (inProgressSeen = resolve));
    const { callbacks, post } = await serve({
      dedupe: observedDeduplicator(() => inProgressSeen()),
      onResult: async () => {
        calls += 1;
        if (calls === 1) {
          first.entered();
          await first.opened;
        }
        throw new Error('database down');
      },
    });

    const firstAnswer = post();
    await first.inside;
    const duplicateAnswer = post();
    await waiting; // the duplicate found the claim in progress and waits for it
    first.open();

    expect((await firstAnswer).status).toBe(500);
    const duplicate = await duplicateAnswer;
    expect(duplicate.status).not.toBe(200);
    expect(duplicate.status).toBe(500);
    expect(calls).toBe(2);
    expect(await callbacks.store.get(success.reference)).toBeUndefined();
  });

  it('waits for the first and is acknowledged as a duplicate once the first has recorded the outcome', async () => {
    const first = gate();
    const results: ReversalResult[] = [];
    let inProgressSeen!: () => void;
    const waiting = new Promise<void>((resolve) => (inProgressSeen = resolve));
    const { post } = await serve({
      dedupe: observedDeduplicator(() => inProgressSeen()),
      onResult: async (result) => {
        first.entered();
        await first.opened;
        results.push(result);
      },
    });
    const firstAnswer = post();
    await first.inside;
    const duplicateAnswer = post();
    await waiting;
    first.open();
    expect((await firstAnswer).status).toBe(200);
    expect((await duplicateAnswer).status).toBe(200);
    expect(results).toHaveLength(1);
  });

  it('is answered 503 with Retry-After when told not to wait, and handled on the next delivery', async () => {
    const first = gate();
    let calls = 0;
    const { callbacks, failures, post } = await serve({
      dedupeWaitMs: 0,
      onResult: async () => {
        calls += 1;
        if (calls === 1) {
          first.entered();
          await first.opened;
          throw new Error('database down');
        }
      },
    });

    const firstAnswer = post();
    await first.inside;
    const duplicate = await post();
    expect(duplicate.status).toBe(503);
    expect(Number(duplicate.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await duplicate.json()).toMatchObject({ error: 'delivery-in-progress' });
    expect(failures.map((failure) => failure.reason)).toEqual(['delivery-in-progress']);
    expect(calls).toBe(1);
    const sameOutcome = await provider.parseCallback?.({ body: success, url: provider.callbackUrl('http://localhost/', success.reference) });
    await expect(callbacks.deliver(sameOutcome as ReversalResult)).rejects.toSatisfy(ReversalDeliveryInProgressError.isInstance);

    first.open();
    expect((await firstAnswer).status).toBe(500);
    expect((await post()).status).toBe(200); // released: the provider's next delivery is handled
    expect(calls).toBe(2);
    expect((await post()).status).toBe(200); // now a duplicate of a recorded outcome
    expect(calls).toBe(2);
    expect((await callbacks.store.get(success.reference))?.status).toBe('succeeded');
  });

  it('lets a redelivery take over once the lease of a delivery that never settles has ended', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dedupe = createMemoryDeduplicator();
    const stuck = gate();
    // Instance 1 dies inside onResult: its delivery never settles.
    const dead = createCallbackHandler({
      provider,
      dedupe,
      dedupeLeaseMs: 30_000,
      onResult: async () => {
        stuck.entered();
        await new Promise(() => {});
      },
    });
    void dead.handle({ url: provider.callbackUrl('http://localhost/callbacks', success.reference), body: success });
    await stuck.inside;

    const results: ReversalResult[] = [];
    const { post } = await serve({ dedupe, dedupeLeaseMs: 30_000, onResult: (result) => void results.push(result) });
    const during = await post();
    expect(during.status).toBe(503);
    expect(Number(during.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    vi.setSystemTime(Date.now() + 30_001);
    expect((await post()).status).toBe(200);
    expect(results).toHaveLength(1);
  });
});
