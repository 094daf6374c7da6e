import { ReversalError } from './reversal-error.js';

/**
 * A callback could not be turned into a result. `status` is what to answer the sender:
 * 400 for a malformed body (`ERR_CALLBACK`), 401 for a missing, forged or expired token
 * (`ERR_CALLBACK_UNAUTHENTICATED`).
 */
export class ReversalCallbackError extends ReversalError {
  /** The HTTP status to answer the sender with. */
  readonly status: 400 | 401;

  constructor(
    code: 'ERR_CALLBACK' | 'ERR_CALLBACK_UNAUTHENTICATED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ReversalCallbackError';
    this.status = code === 'ERR_CALLBACK' ? 400 : 401;
  }

  /** True for a callback error from any copy of this library. */
  static override isInstance(error: unknown): error is ReversalCallbackError {
    return (
      ReversalError.isInstance(error) && (error.code === 'ERR_CALLBACK' || error.code === 'ERR_CALLBACK_UNAUTHENTICATED')
    );
  }
}
