import {
  type AnyProviderDefinition,
  type Environment,
  generateReference,
  type ReversalProvider,
  type ReversalRequest,
} from '@reversal/core';
import type { Ledger } from '@reversal/ledger';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ledgerHint } from '../ledger/describe-location.js';
import type { OpenableLocation } from '../ledger/ledger-location.js';
import { withLedger } from '../ledger/use-ledger.js';
import type { ParsedValues } from '../parse-command-args.js';
import { shellWord } from '../shell-word.js';
import type { CallbackListener } from './callback-listener.js';
import { runLedgerCall } from './ledger-call.js';
import { startLedgerListener } from './ledger-listener.js';
import { reportSentEntry } from './report-sent-entry.js';

/** What `reverse` hands over once it knows the ledger is on. */
export interface ReverseWithLedgerInput {
  readonly provider: ReversalProvider;
  readonly definition: AnyProviderDefinition | undefined;
  readonly env: Environment;
  readonly request: ReversalRequest;
  readonly location: OpenableLocation;
  readonly values: ParsedValues;
  readonly waitSeconds: number;
  readonly io: CliIo;
}

/**
 * `reverse` with the ledger: the entry and its attempt are recorded before anything is sent; a
 * reference the ledger holds sends nothing and prints the entry as it stands. `--wait` listens for
 * the result callback, which the listener records to the entry.
 */
export async function reverseWithLedger(input: ReverseWithLedgerInput): Promise<number> {
  const { provider, values, io, location } = input;
  const additional = values.additional === true;
  const hint = ledgerHint(location, values.dotenv as string | undefined);
  return withLedger(location, [provider], io, async ({ ledger, where }) => {
    if (values.reference === undefined && !additional) {
      await refuseKnownPayment(ledger, input.request.transactionId, provider, hint.args, input.request.reference);
    }
    const reference = input.request.reference ?? generateReference();
    const request = { ...input.request, reference, ...(additional ? { additional } : {}) };
    const repeated = (await ledger.get(reference)) !== undefined;
    let listener: CallbackListener | undefined;
    try {
      if (!repeated && values.wait === true && provider.capabilities.resultDelivery === 'callback') {
        listener = await startLedgerListener({
          command: 'reverse',
          values,
          provider,
          definition: input.definition,
          env: input.env,
          ledger,
          io,
          what: 'the result callback',
        });
      }
      const context = { command: 'reverse', args: hint.args, partialReversal: provider.capabilities.partialReversal };
      const entry = await runLedgerCall(context, () => ledger.reverse(request, io.signal ? { signal: io.signal } : {}));
      return await reportSentEntry({
        entry,
        repeated,
        ledger,
        where,
        hint,
        provider,
        listener,
        waitSeconds: input.waitSeconds,
        json: values.json === true,
        io,
      });
    } finally {
      await listener?.close();
    }
  });
}

/**
 * Without `--reference` the command uses one derived from the payment; it never sends it for a
 * payment the ledger already has an entry for under another reference (whatever its state): it
 * refuses, nothing sent, naming each entry and the command that moves it on. The same command run
 * again finds its own entry and prints it.
 */
async function refuseKnownPayment(
  ledger: Ledger,
  transactionId: string,
  provider: ReversalProvider,
  args: string,
  derived: string | undefined,
): Promise<void> {
  const known = await ledger.list({ transactionId, provider: provider.id, limit: 20 });
  // The entry of this very command (the reference derived from the payment): shown, not refused.
  if (known.some((entry) => entry.reference === derived)) return;
  if (known.length === 0) return;
  const byCallback = provider.capabilities.statusDelivery === 'callback' ? ' --wait' : '';
  const issues = known.map((entry) => {
    const reference = shellWord(entry.reference);
    const next = DID_NOTHING.has(entry.state)
      ? `reversal retry --reference ${reference}${args}`
      : `reversal status --reference ${reference}${args}${IN_DOUBT.has(entry.state) ? byCallback : ''}`;
    const amount = entry.request.amount ?? 'full';
    return {
      field: entry.reference,
      message: `${entry.state}, amount ${amount}, recorded ${entry.createdAt.toISOString()}; next: ${next}`,
    };
  });
  const further = provider.capabilities.partialReversal
    ? ' For a further partial reversal of this payment, add --additional (with --amount).'
    : '';
  throw new CliError(
    'usage',
    `The ledger already holds a reversal of payment ${transactionId} (${provider.id}): nothing was sent, and no new reference made.`,
    {
      issues,
      hint: `Run the next step of the reversal above (the same --reference again sends nothing).${further}`,
      data: {
        entries: known.map((entry) => ({
          reference: entry.reference,
          state: entry.state,
          amount: entry.request.amount,
          createdAt: entry.createdAt,
        })),
      },
    },
  );
}

const DID_NOTHING: ReadonlySet<string> = new Set(['failed', 'retryable']);
const IN_DOUBT: ReadonlySet<string> = new Set(['sending', 'pending', 'unknown']);
