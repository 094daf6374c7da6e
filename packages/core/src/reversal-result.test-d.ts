import { expectTypeOf } from 'vitest';
import type { ResultErrorCode } from './result-error-code.js';
import {
  type FailedReversalResult,
  isFinalResult,
  type PendingReversalResult,
  type ResultError,
  type ReversalResult,
  type ReversalStatus,
  type SucceededReversalResult,
  type UnknownReversalResult,
} from './reversal-result.js';

// Checked by `pnpm typecheck`: the result model is a union discriminated by status.
expectTypeOf<ReversalResult['status']>().toEqualTypeOf<ReversalStatus>();
expectTypeOf<ReversalStatus>().toEqualTypeOf<'pending' | 'succeeded' | 'failed' | 'unknown'>();
expectTypeOf<Extract<ReversalResult, { status: 'failed' }>>().toEqualTypeOf<FailedReversalResult>();
expectTypeOf<FailedReversalResult['error']>().toEqualTypeOf<ResultError>();
expectTypeOf<UnknownReversalResult['error']>().toEqualTypeOf<ResultError>();
expectTypeOf<ResultError['code']>().toEqualTypeOf<ResultErrorCode>();
expectTypeOf<PendingReversalResult>().not.toHaveProperty('error');
expectTypeOf<SucceededReversalResult>().not.toHaveProperty('error');
expectTypeOf<ReversalResult['amount']>().toEqualTypeOf<{ readonly value: string; readonly currency: string } | undefined>();

declare const result: ReversalResult;
if (isFinalResult(result)) expectTypeOf(result).toEqualTypeOf<SucceededReversalResult | FailedReversalResult>();
if (result.status === 'unknown') expectTypeOf(result.error.retryable).toBeBoolean();

// Metadata is typed per adapter.
type Metadata = { readonly balance: string };
expectTypeOf<ReversalResult<Metadata>['metadata']>().toEqualTypeOf<Metadata>();
