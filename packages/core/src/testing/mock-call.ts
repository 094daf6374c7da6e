import type { CallOptions, StatusQuery } from '../reversal-provider.js';
import type { ReversalRequest, ValidatedReversalRequest } from '../reversal-request.js';
import type { ReversalResult } from '../reversal-result.js';

/** One `reverse()` call a mock provider received (a request that passed validation). */
export interface MockReversalCall {
  /** Position among the recorded calls since creation or the last `reset()`, from 0. */
  readonly index: number;
  /** The request exactly as the caller passed it. */
  readonly request: ReversalRequest;
  /** The request after validation: reference set (generated if absent), amount canonical. */
  readonly validatedRequest: ValidatedReversalRequest;
  /** The call options as passed (`signal`, `timeoutMs`), or `undefined`. */
  readonly options: CallOptions | undefined;
  /** When the call was made. */
  readonly time: Date;
  /** The result, once `reverse()` resolved; `undefined` while it runs or when it rejected. */
  readonly result: ReversalResult | undefined;
  /** What `reverse()` rejected with, when a scripted function threw. */
  readonly error?: unknown;
}

/** One `checkStatus()` call a mock provider received. */
export interface MockStatusCheck {
  /** The query as passed. */
  readonly query: StatusQuery;
  /** The call options as passed, or `undefined`. */
  readonly options: CallOptions | undefined;
  /** When the call was made. */
  readonly time: Date;
  /** The result it resolved to. */
  readonly result: ReversalResult;
}
