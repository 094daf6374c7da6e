import type { ValidatedReversalRequest } from '../reversal-request.js';
import type { MockReversalCall } from './mock-call.js';
import type { MockOutcome } from './mock-outcome.js';

/**
 * How a mock provider answers one `reverse()` call: an outcome, or a function of the validated
 * request and the recorded call that returns one (or a promise of one). A function may also throw
 * or reject, and `reverse()` then rejects with that error.
 *
 * @example
 * mock.respondWith((request) =>
 *   request.amount === '500.00' ? { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS' } } : { status: 'succeeded' },
 * );
 */
export type MockResponse =
  | MockOutcome
  | ((request: ValidatedReversalRequest, call: MockReversalCall) => MockOutcome | Promise<MockOutcome>);

/** The scripted responses of a mock: queued one-off responses first, then the standing one. */
export interface ResponseScript {
  /** Sets the response of every call that has no queued response. */
  always(response: MockResponse | undefined): void;
  /** Queues responses for the next calls, in order. */
  enqueue(responses: readonly MockResponse[]): void;
  /** Takes the response of the next call: the oldest queued one, else the standing one. */
  next(): MockResponse | undefined;
  /** Forgets every scripted response. */
  clear(): void;
}

/** Creates an empty {@link ResponseScript}. */
export function createResponseScript(): ResponseScript {
  let standing: MockResponse | undefined;
  let queue: MockResponse[] = [];
  return {
    always(response) {
      standing = response;
    },
    enqueue(responses) {
      queue.push(...responses);
    },
    next() {
      return queue.shift() ?? standing;
    },
    clear() {
      standing = undefined;
      queue = [];
    },
  };
}
