import type { ReversalResult, StatusQuery } from '@reversal/core';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { formatResult } from '../format-result.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { resultExitCode } from '../result-exit-code.js';
import { resultJson } from '../result-json.js';
import { statusQueryRefused } from '../status-refused.js';
import { writeJson } from '../write-json.js';
import { type CallbackListener, startCallbackListener } from './callback-listener.js';
import { resolveListenAddress } from './listen-address.js';
import { readPreviousResult } from './read-previous-result.js';
import { statusFromLedger } from './status-from-ledger.js';
import { runProviderCall } from './run-provider-call.js';
import { statusHelp } from './status-help.js';

const OPTIONS = {
  'transaction-id': { type: 'string' },
  reference: { type: 'string' },
  'conversation-id': { type: 'string' },
  'reversal-transaction-id': { type: 'string' },
  'provider-request-id': { type: 'string' },
  result: { type: 'string' },
  ledger: { type: 'string' },
  wait: { type: 'boolean' },
  listen: { type: 'string' },
  'wait-timeout': { type: 'string' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/** `reversal status`: asks the provider where a reversal stands; the exit code follows its status. */
export async function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('status', args, OPTIONS);
  if (values.help) {
    io.stdout.write(statusHelp((await loadProviders(io)).definitions));
    return 0;
  }
  const waitSeconds = Number(values['wait-timeout'] ?? 60);
  if (!(waitSeconds > 0 && waitSeconds <= 3600)) {
    throw usageError('status', '--wait-timeout must be a number of seconds from 1 to 3600.');
  }
  if (values['transaction-id'] === undefined && values.result === undefined && typeof values.reference === 'string') {
    return statusFromLedger(values.reference, values, waitSeconds, io);
  }
  const previous = values.result !== undefined ? await readPreviousResult(values.result as string, io) : {};
  const pick = (option: string, field: Exclude<keyof StatusQuery, 'status'>) => (values[option] as string | undefined) ?? previous[field];
  const query = {
    originalTransactionId: pick('transaction-id', 'originalTransactionId'),
    reference: pick('reference', 'reference'),
    providerRequestId: pick('provider-request-id', 'providerRequestId'),
    conversationId: pick('conversation-id', 'conversationId'),
    reversalTransactionId: pick('reversal-transaction-id', 'reversalTransactionId'),
    status: previous.status,
  };
  const missing = [
    ...(query.originalTransactionId ? [] : [{ field: '--transaction-id', message: 'is required: the receipt of the payment' }]),
    ...(query.reference ? [] : [{ field: '--reference', message: 'is required: the reference of the reversal request' }]),
  ];
  if (missing.length > 0) throw usageError('status', 'Say which reversal to look up.', missing);

  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const providers = await loadProviders(io);
  const provider = providers.fromEnv(env);
  // A provider whose status answers arrive by callback: --wait listens for the answer here.
  const waits = values.wait === true && provider.capabilities.statusDelivery === 'callback';
  let listener: CallbackListener | undefined;
  try {
    if (!provider.checkStatus || !provider.capabilities.statusCheck) {
      throw new CliError('usage', `The ${provider.id} provider cannot check a reversal's status: its API has none here.`, {
        hint:
          'Its outcome arrives by callback at your result URL (`reversal reverse --wait` receives it here). ' +
          'For an "unknown" reversal, look the transaction up in the provider portal before reversing again.',
      });
    }
    if (waits) {
      const address = resolveListenAddress(values.listen as string | undefined, providers.selected(env), env, 'status');
      listener = await startCallbackListener(provider, address, { onIgnored: (message) => io.stderr.write(`Warning: ${message}\n`) });
      if (!values.json) io.stderr.write(`Listening for the status answer on ${listener.url}\n`);
    }
    const checkStatus = provider.checkStatus.bind(provider);
    const complete = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as unknown as StatusQuery;
    let result: ReversalResult = await runProviderCall(
      () => checkStatus(complete, io.signal ? { signal: io.signal } : {}),
      () => undefined,
    );
    if (listener && !statusQueryRefused(result)) {
      result = (await listener.waitFor(result.reference, waitSeconds * 1000, io.signal)) ?? result;
    }
    if (values.json) writeJson(io.stdout, resultJson(result));
    else {
      const view = {
        title: 'Status of the reversal:',
        provider,
        command: 'status',
        query,
        dotenv: values.dotenv as string | undefined,
      } as const;
      io.stdout.write(formatResult(result, view));
    }
    return resultExitCode(result);
  } finally {
    await listener?.close();
    await provider.close?.();
  }
}
