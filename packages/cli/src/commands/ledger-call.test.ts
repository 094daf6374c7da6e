import { LedgerError } from '@reversal/ledger';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { runLedgerCall } from './ledger-call.js';

const context = { command: 'reverse', args: ' --ledger "$REVERSAL_LEDGER"', partialReversal: true };

async function refusal(error: LedgerError, partialReversal = true): Promise<CliError> {
  try {
    await runLedgerCall({ ...context, partialReversal }, () => Promise.reject(error));
  } catch (thrown) {
    if (thrown instanceof CliError) return thrown;
    throw thrown;
  }
  throw new Error('runLedgerCall resolved');
}

describe('the ledger refusals, as the CLI says them', () => {
  it('a payment another reference is reversing: nothing sent, that reference to look at, --additional where it applies', async () => {
    const error = new LedgerError(
      'ERR_LEDGER_PAYMENT_IN_USE',
      'Payment PDU91HIVIT already has a reversal under reference "REFUND1", which is unknown: it may have reversed the payment. ' +
        'Nothing was recorded or sent for "REFUND2". Look at "REFUND1" first (get it, or check its status); for a further partial ' +
        'reversal of this payment, send again with additional: true.',
      { reference: 'REFUND1', state: 'unknown' },
    );
    const problem = await refusal(error);
    expect(problem.exit).toBe('usage');
    expect(problem.message).toBe(
      'Payment PDU91HIVIT already has a reversal under reference "REFUND1", which is unknown: it may have reversed the payment. ' +
        'Nothing was recorded or sent.',
    );
    expect(problem.hint).toBe(
      'Look at that reversal first: reversal status --reference REFUND1 --ledger "$REVERSAL_LEDGER"; ' +
        'for a further partial reversal of this payment, add --additional (with --amount).',
    );
    expect(problem.data).toEqual({ reference: 'REFUND1', state: 'unknown' });
    expect((await refusal(error, false)).hint).not.toContain('--additional');
  });

  it('a pruned reference: what happened to it, and a new reference for a new reversal', async () => {
    const message =
      'Reference "REFUND1" was used on 2026-10-02 to reverse payment PDU91HIVIT (200.00), which ended succeeded; its entry was ' +
      'pruned for retention. Nothing was sent. A reference names one reversal: use a new reference for a new one.';
    const problem = await refusal(new LedgerError('ERR_LEDGER_PRUNED', message, { reference: 'REFUND1', state: 'succeeded' }));
    expect(problem.exit).toBe('usage');
    expect(problem.message).toBe(message);
    expect(problem.hint).toBe('A reference names one reversal: give a new --reference for a new one.');
  });

  it('a store failure after sending: unknown (exit 4), never to be sent again', async () => {
    const problem = await refusal(new LedgerError('ERR_LEDGER_STORE', 'The answer could not be recorded; the request may have been sent.'));
    expect(problem.exit).toBe('unknown');
    expect(problem.hint).toContain('do NOT send it again');
    expect(problem.hint).toContain('`reversal reconcile --ledger "$REVERSAL_LEDGER"`');
  });
});
