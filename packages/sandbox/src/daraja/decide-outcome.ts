import { fromMinorUnits, toMinorUnits } from '@reversal/core';
import { DARAJA_RESULT_SCENARIOS, type DarajaResultCode, isResultScenario } from './daraja-scenario.js';
import { generateReceipt, type DarajaTransaction } from './ledger.js';
import type { SimulatorContext } from './simulator-context.js';
import type { DarajaReversalBody } from './validate-reversal-body.js';

/** What M-Pesa does with an acknowledged reversal request. */
export type ReversalOutcome =
  | {
      readonly kind: 'reversed';
      readonly transaction: DarajaTransaction;
      /** What is POSTed: the result, the queue-timeout notice (applied all the same), or nothing. */
      readonly notice: 'result' | 'queue-timeout' | 'none';
      readonly balance: string;
    }
  | { readonly kind: 'failed'; readonly code: DarajaResultCode }
  | { readonly kind: 'queue-timeout' };

/**
 * Decides, at acknowledgement time, how an accepted request ends, and updates the ledger. Runs
 * synchronously so that concurrent requests for one transaction reverse it at most once.
 */
export function decideOutcome(
  context: SimulatorContext,
  body: DarajaReversalBody,
  transaction: DarajaTransaction | undefined,
  credentialValid: boolean,
): ReversalOutcome {
  const fail = (code: DarajaResultCode): ReversalOutcome => ({ kind: 'failed', code });
  if (!credentialValid) return fail(DARAJA_RESULT_SCENARIOS['initiator-invalid']);
  if (!transaction || body.ReceiverParty !== context.shortCode) {
    return fail(DARAJA_RESULT_SCENARIOS['unknown-transaction']);
  }
  const { scenario } = transaction;
  if (isResultScenario(scenario)) return fail(DARAJA_RESULT_SCENARIOS[scenario]);
  if (scenario === 'queue-timeout') return { kind: 'queue-timeout' };
  if (transaction.reversalTransactionId !== undefined) return fail(DARAJA_RESULT_SCENARIOS['already-reversed']);
  if (body.amount !== transaction.amount) return fail(context.amountMismatch);
  const amount = toMinorUnits(transaction.amount);
  if (amount > context.utilityBalance) return fail(DARAJA_RESULT_SCENARIOS['insufficient-funds']);

  context.utilityBalance -= amount;
  transaction.reversalTransactionId = generateReceipt();
  return {
    kind: 'reversed',
    transaction,
    notice: scenario === 'no-callback' ? 'none' : scenario === 'queue-timeout-reversed' ? 'queue-timeout' : 'result',
    balance: fromMinorUnits(context.utilityBalance),
  };
}
