import type { DarajaErrorCode } from './daraja-errors.js';
import type { DarajaResultCode } from './daraja-scenario.js';

/**
 * How the simulator answers a Transaction Status query about one payment or its reversal (set per
 * payment: `addTransaction({ statusScenario })` or `setStatusScenario(id, scenario)`).
 *
 * - `answer` – acknowledged, then the result from the ledger (the default).
 * - `no-callback` – acknowledged, but no result is ever sent (the callback is lost).
 * - `late-result` – the result comes after `lateResultMs` instead of `callbackDelayMs`.
 * - `malformed-result` – the result is cut off halfway: not valid JSON.
 * - `queue-timeout` – acknowledged, then the timeout notice to the query's QueueTimeOutURL.
 * - `slow-response`, `dropped-connection` – the acknowledgement is held or cut off; the result still comes.
 * - `expired-token` – the first query finds every token expired (`404.001.03`); later ones are answered.
 * - result-code scenarios (`initiator-invalid`, `operator-not-found`) – a failed-query result with that code.
 * - sync-error scenarios – answered at once with the error of the Transaction Status page, every time.
 */
export type DarajaStatusScenario =
  | 'answer'
  | 'no-callback'
  | 'late-result'
  | 'malformed-result'
  | 'queue-timeout'
  | 'slow-response'
  | 'dropped-connection'
  | 'expired-token'
  | DarajaStatusResultScenario
  | DarajaStatusSyncErrorScenario;

/** A status scenario answered by a failed-query result (no `ResultParameters`). */
export type DarajaStatusResultScenario = 'initiator-invalid' | 'operator-not-found';

/** A status scenario answered by a synchronous error of the Transaction Status page. */
export type DarajaStatusSyncErrorScenario =
  | 'spike-arrest'
  | 'quota-violation'
  | 'internal-error'
  | 'resource-not-found'
  | 'invalid-token'
  | 'bad-request'
  | 'invalid-payload'
  | 'invalid-authentication-header';

/**
 * The result code of each failed-query scenario: `2001` as captured in a real Transaction Status
 * result (dkiptugen/mpesa-php-full-integration#1), `SFC_IC0003` from the page's "Result codes".
 */
export const DARAJA_STATUS_RESULT_SCENARIOS: Readonly<Record<DarajaStatusResultScenario, DarajaResultCode>> = {
  'initiator-invalid': { resultCode: 2001, resultDesc: 'The initiator information is invalid.' },
  'operator-not-found': { resultCode: 'SFC_IC0003', resultDesc: 'The operator does not exist.' },
};

/** The error code of each synchronous-error scenario ("Error Codes" of the Transaction Status page). */
export const DARAJA_STATUS_SYNC_ERROR_SCENARIOS: Readonly<Record<DarajaStatusSyncErrorScenario, DarajaErrorCode>> = {
  'spike-arrest': '500.003.02',
  'quota-violation': '500.003.03',
  'internal-error': '500.003.1001',
  'resource-not-found': '404.003.01',
  'invalid-token': '400.003.01',
  'bad-request': '400.003.02',
  'invalid-payload': '400.002.05',
  'invalid-authentication-header': '404.001.04',
};

/** True for a status scenario answered by a failed-query result. */
export function isStatusResultScenario(scenario: DarajaStatusScenario): scenario is DarajaStatusResultScenario {
  return Object.hasOwn(DARAJA_STATUS_RESULT_SCENARIOS, scenario);
}

/** True for a status scenario answered by a synchronous error. */
export function isStatusSyncErrorScenario(scenario: DarajaStatusScenario): scenario is DarajaStatusSyncErrorScenario {
  return Object.hasOwn(DARAJA_STATUS_SYNC_ERROR_SCENARIOS, scenario);
}
