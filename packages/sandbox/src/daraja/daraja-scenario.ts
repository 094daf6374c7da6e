import type { DarajaErrorCode } from './daraja-errors.js';

/**
 * How the simulator answers a reversal of one transaction.
 *
 * - `success` – acknowledged, then a success callback; the ledger records the reversal.
 * - result-code scenarios (`already-reversed` … `credential-locked`) – acknowledged, then a failure
 *   callback with that `ResultCode` (see {@link DARAJA_RESULT_SCENARIOS}).
 * - sync-error scenarios (`spike-arrest`, `quota-violation`, `resource-not-found`, `internal-error`,
 *   `invalid-token`) – answered at once with Daraja's error body instead of an acknowledgement, every
 *   time (`invalid-token`: `404.001.03` whatever the token, as for an app refused the product).
 * - `expired-token` – the first request finds every token expired (`404.001.03`); later ones succeed.
 * - `queue-timeout` – acknowledged, then the timeout callback to the QueueTimeOutURL; not reversed.
 * - `queue-timeout-reversed` – the same timeout callback, but the reversal was applied: only a
 *   status query tells the two apart.
 * - `no-callback` – acknowledged and reversed, but no callback is ever sent.
 * - `slow-response` – reversed, but the acknowledgement waits `slowResponseMs` (beyond a client's timeout).
 * - `dropped-connection` – reversed, then the connection is destroyed halfway through the acknowledgement.
 */
export type DarajaScenario =
  | 'success'
  | DarajaResultScenario
  | DarajaSyncErrorScenario
  | 'expired-token'
  | 'queue-timeout'
  | 'queue-timeout-reversed'
  | 'no-callback'
  | 'slow-response'
  | 'dropped-connection';

/** A scenario answered by a failure callback with a result code of the Reversal page (docs/providers/safaricom-ke.md). */
export type DarajaResultScenario =
  | 'already-reversed'
  | 'unknown-transaction'
  | 'insufficient-funds'
  | 'debit-party-invalid-state'
  | 'initiator-not-allowed'
  | 'initiator-invalid'
  | 'declined-account-rule'
  | 'not-permitted'
  | 'credential-locked';

/** A scenario answered by a synchronous Daraja error. */
export type DarajaSyncErrorScenario =
  | 'spike-arrest'
  | 'quota-violation'
  | 'resource-not-found'
  | 'internal-error'
  | 'invalid-token';

/** A failure callback's `ResultCode` (number or string, as Daraja sends it) and `ResultDesc`. */
export interface DarajaResultCode {
  readonly resultCode: number | string;
  readonly resultDesc: string;
}

/** The result code of each failure scenario, from the "Result Codes" table of the Reversal page. */
export const DARAJA_RESULT_SCENARIOS: Readonly<Record<DarajaResultScenario, DarajaResultCode>> = {
  'already-reversed': { resultCode: 'R000001', resultDesc: 'The transaction has already been reversed' },
  'unknown-transaction': { resultCode: 'R000002', resultDesc: 'The OriginalTransactionID is invalid.' },
  'insufficient-funds': { resultCode: 1, resultDesc: 'The balance is insufficient' },
  'debit-party-invalid-state': { resultCode: 11, resultDesc: 'The DebitParty is in an invalid state' },
  'initiator-not-allowed': { resultCode: 21, resultDesc: 'The initiator is not allowed to initiate' },
  'initiator-invalid': { resultCode: 2001, resultDesc: 'The initiator information is invalid' },
  'declined-account-rule': { resultCode: 2006, resultDesc: 'Declined due to account rule' },
  'not-permitted': { resultCode: 2028, resultDesc: 'Not permitted according to product assignment' },
  'credential-locked': { resultCode: 8006, resultDesc: 'The security credential is locked' },
};

/** The error code of each synchronous-error scenario (the Reversal page, "Error Response Codes"). */
export const DARAJA_SYNC_ERROR_SCENARIOS: Readonly<Record<DarajaSyncErrorScenario, DarajaErrorCode>> = {
  'spike-arrest': '500.003.02',
  'quota-violation': '500.003.03',
  'resource-not-found': '404.001.01',
  'internal-error': '500.001.1001',
  'invalid-token': '404.001.03',
};

/** True for a scenario answered by a failure callback. */
export function isResultScenario(scenario: DarajaScenario): scenario is DarajaResultScenario {
  return Object.hasOwn(DARAJA_RESULT_SCENARIOS, scenario);
}

/** True for a scenario answered by a synchronous error. */
export function isSyncErrorScenario(scenario: DarajaScenario): scenario is DarajaSyncErrorScenario {
  return Object.hasOwn(DARAJA_SYNC_ERROR_SCENARIOS, scenario);
}
