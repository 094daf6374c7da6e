import { ReversalError } from '../errors/reversal-error.js';

/**
 * `callbacks.deliver(result)` found the same outcome of the same attempt still being handed to
 * `onResult` by another delivery (a callback, another `deliver`), which may yet fail: it was not
 * handed over again, and it is not recorded yet. Deliver it again after `retryAfterSeconds`.
 */
export class ReversalDeliveryInProgressError extends ReversalError {
  /** How long to wait before delivering again, in seconds (at most the claim's lease). */
  readonly retryAfterSeconds: number;

  constructor(reference: string, retryAfterSeconds: number) {
    super(
      'ERR_DELIVERY_IN_PROGRESS',
      `The result of ${JSON.stringify(reference)} is still being handed to onResult by another delivery; deliver it again in ${retryAfterSeconds} s.`,
    );
    this.name = 'ReversalDeliveryInProgressError';
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** True for this error from any copy of this library. */
  static override isInstance(error: unknown): error is ReversalDeliveryInProgressError {
    return ReversalError.isInstance(error) && error.code === 'ERR_DELIVERY_IN_PROGRESS';
  }
}
