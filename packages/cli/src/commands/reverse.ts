import type { ReversalRequest, ReversalResult } from '@reversal/core';
import { usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { formatResult } from '../format-result.js';
import { commandLedgerLocation } from '../ledger/use-ledger.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { resultExitCode } from '../result-exit-code.js';
import { resultJson } from '../result-json.js';
import { writeJson } from '../write-json.js';
import { type CallbackListener, startCallbackListener } from './callback-listener.js';
import { requestUsageError } from './ledger-call.js';
import { resolveListenAddress } from './listen-address.js';
import { paymentReference } from '../payment-reference.js';
import { reverseHelp } from './reverse-help.js';
import { reverseWithLedger } from './reverse-with-ledger.js';
import { runProviderCall } from './run-provider-call.js';

const OPTIONS = {
  'transaction-id': { type: 'string' },
  amount: { type: 'string' },
  reference: { type: 'string' },
  reason: { type: 'string' },
  additional: { type: 'boolean' },
  wait: { type: 'boolean' },
  listen: { type: 'string' },
  'wait-timeout': { type: 'string' },
  ledger: { type: 'string' },
  'no-ledger': { type: 'boolean' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/** `reversal reverse`: sends one reversal and prints its result; the exit code follows its status. */
export async function reverseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('reverse', args, OPTIONS);
  if (values.help) {
    io.stdout.write(reverseHelp((await loadProviders(io)).definitions));
    return 0;
  }
  const transactionId = values['transaction-id'] as string | undefined;
  if (!transactionId) throw usageError('reverse', 'Missing --transaction-id: the receipt of the payment to reverse.');
  const waitSeconds = Number(values['wait-timeout'] ?? 60);
  if (!(waitSeconds > 0 && waitSeconds <= 3600)) {
    throw usageError('reverse', '--wait-timeout must be a number of seconds from 1 to 3600.');
  }
  let request: ReversalRequest = {
    transactionId,
    ...(values.amount !== undefined ? { amount: values.amount as string } : {}),
    ...(values.reference !== undefined ? { reference: values.reference as string } : {}),
    ...(values.reason !== undefined ? { reason: values.reason as string } : {}),
  };

  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = commandLedgerLocation(values, env, io);
  if (values.additional === true && location.kind === 'off') {
    throw usageError('reverse', '--additional is a ledger option (a further partial reversal of a payment it holds): drop --no-ledger.');
  }
  const providers = await loadProviders(io);
  const provider = providers.fromEnv(env);
  // Without --reference, one derived from the payment, never a random one: running the command
  // again anywhere sends the same reference (see payment-reference.ts). --additional asks for a new one.
  if (request.reference === undefined && values.additional !== true) {
    request = { ...request, reference: paymentReference(provider.id, transactionId, request.amount === undefined ? undefined : String(request.amount)) };
  }
  if (location.kind !== 'off') {
    try {
      return await reverseWithLedger({ provider, definition: providers.selected(env), env, request, location, values, waitSeconds, io });
    } finally {
      await provider.close?.();
    }
  }
  const waits = values.wait === true && provider.capabilities.resultDelivery === 'callback';
  let listener: CallbackListener | undefined;
  try {
    if (waits) {
      const address = resolveListenAddress(values.listen as string | undefined, providers.selected(env), env);
      listener = await startCallbackListener(provider, address, { onIgnored: (message) => io.stderr.write(`Warning: ${message}\n`) });
      if (!values.json) io.stderr.write(`Listening for the result callback on ${listener.url}\n`);
    }
    let result: ReversalResult = await runProviderCall(() => provider.reverse(request, withSignal(io)), requestUsageError);
    if (listener && result.status === 'pending') {
      result = (await listener.waitFor(result.reference, waitSeconds * 1000, io.signal)) ?? result;
    }
    if (values.json) writeJson(io.stdout, resultJson(result));
    else {
      const waited = listener && result.status === 'pending' ? { waitedSeconds: waitSeconds } : {};
      const view = { title: 'Reversal', provider, command: 'reverse', dotenv: values.dotenv as string | undefined, ...waited } as const;
      io.stdout.write(formatResult(result, view));
    }
    return resultExitCode(result);
  } finally {
    await listener?.close();
    await provider.close?.();
  }
}

function withSignal(io: CliIo) {
  return io.signal ? { signal: io.signal } : {};
}
