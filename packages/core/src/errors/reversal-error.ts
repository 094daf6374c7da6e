/**
 * The code of an error the library throws (as opposed to the codes inside a result):
 *
 * - `ERR_VALIDATION` – the request is invalid; nothing was sent.
 * - `ERR_CONFIG` – the provider configuration is invalid; nothing was sent.
 * - `ERR_CALLBACK` – a callback body is malformed; answer 400.
 * - `ERR_CALLBACK_UNAUTHENTICATED` – a callback's token is missing, forged or expired; answer 401.
 * - `ERR_DELIVERY_IN_PROGRESS` – the same outcome is still being handed to `onResult`; deliver it again later.
 */
export type ReversalErrorCode =
  | 'ERR_VALIDATION'
  | 'ERR_CONFIG'
  | 'ERR_CALLBACK'
  | 'ERR_CALLBACK_UNAUTHENTICATED'
  | 'ERR_DELIVERY_IN_PROGRESS';

/** One offending field and what is wrong with it, e.g. `{ field: 'amount', message: 'must be…' }`. */
export interface ValidationIssue {
  /** Dotted path of the field (`"amount"`, `"options.resultUrl"`). */
  readonly field: string;
  /** What is wrong and how to fix it. Never echoes the value (it may be a secret). */
  readonly message: string;
}

const MARKER = Symbol.for('@reversal/core/ReversalError');

/**
 * The base of every error the library throws. Check with `ReversalError.isInstance(error)`, which
 * works even when two copies of `@reversal/core` are installed (unlike `instanceof`).
 */
export class ReversalError extends Error {
  /** What kind of error this is. */
  readonly code: ReversalErrorCode;

  constructor(code: ReversalErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReversalError';
    this.code = code;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for any error thrown by any copy of this library. */
  static isInstance(error: unknown): error is ReversalError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Formats issues as `field: message; field: message`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}
