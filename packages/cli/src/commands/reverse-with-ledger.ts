import { type AnyProviderDefinition, type Environment, generateReference, type ReversalProvider, type ReversalRequest } from '@reversal/core';
import type { CliIo } from '../cli-io.js';
import { ledgerHint } from '../ledger/describe-location.js';
import type { OpenableLocation } from '../ledger/ledger-location.js';
import { withLedger } from '../ledger/use-ledger.js';
import type { ParsedValues } from '../parse-command-args.js';
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
  return withLedger(location, [provider], io, async ({ ledger, where }) => {
    const reference = input.request.reference ?? generateReference();
    const request = { ...input.request, reference };
    const repeated = (await ledger.get(reference)) !== undefined;
    let listener: CallbackListener | undefined;
    try {
      if (!repeated && values.wait === true && provider.capabilities.resultDelivery === 'callback') {
        listener = await startLedgerListener({ command: 'reverse', values, provider, definition: input.definition, env: input.env, ledger, io, what: 'the result callback' });
      }
      const entry = await runLedgerCall('reverse', () => ledger.reverse(request, io.signal ? { signal: io.signal } : {}));
      return await reportSentEntry({
        entry,
        repeated,
        ledger,
        where,
        hint: ledgerHint(location, values.dotenv as string | undefined),
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
