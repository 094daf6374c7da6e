import type { AnyProviderDefinition, Environment, ReversalProvider, ReversalResult } from '@reversal/core';
import type { Ledger } from '@reversal/ledger';
import type { CliIo } from '../cli-io.js';
import type { ParsedValues } from '../parse-command-args.js';
import { type CallbackListener, startCallbackListener } from './callback-listener.js';
import { resolveListenAddress } from './listen-address.js';

/** Where a command's listener is and what it hears: its options, its provider, the command's environment. */
export interface LedgerListenerInput {
  readonly command: string;
  readonly values: ParsedValues;
  readonly provider: ReversalProvider;
  readonly definition: AnyProviderDefinition | undefined;
  readonly env: Environment;
  readonly ledger: Ledger;
  readonly io: CliIo;
  /** What it listens for, for the line on stderr: "the result callback", "the status answers". */
  readonly what: string;
}

/**
 * Starts the local listener of `--wait` (see `startCallbackListener`) recording every result that
 * arrives into the ledger before the provider is acknowledged: a status answer (Kenya's
 * Transaction Status, which comes by callback) as `status`, a reversal's result as `callback`. A
 * result for no attempt of this ledger is named on stderr and otherwise ignored.
 */
export async function startLedgerListener(input: LedgerListenerInput): Promise<CallbackListener> {
  const { values, io, ledger } = input;
  const warn = (message: string) => io.stderr.write(`Warning: ${message}\n`);
  const address = resolveListenAddress(values.listen as string | undefined, input.definition, input.env, input.command);
  const listener = await startCallbackListener(input.provider, address, {
    onIgnored: warn,
    async record(result) {
      const entry = await ledger.record(result, answerSource(result));
      if (!entry) warn(`received a result for ${result.reference}, which no attempt in this ledger was sent as; it is not recorded.`);
    },
  });
  if (!values.json) io.stderr.write(`Listening for ${input.what} on ${listener.url}\n`);
  return listener;
}

/** A status query's answer carries what happened to the query (`metadata.statusQuery`); a reversal's result does not. */
function answerSource(result: ReversalResult): 'status' | 'callback' {
  return (result.metadata as { statusQuery?: unknown } | undefined)?.statusQuery === undefined ? 'callback' : 'status';
}
