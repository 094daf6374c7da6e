import type { StatusQuery } from '@reversal/core';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { formatResult } from '../format-result.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { resultExitCode } from '../result-exit-code.js';
import { resultJson } from '../result-json.js';
import { writeJson } from '../write-json.js';
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
  if (values['transaction-id'] === undefined && values.result === undefined && typeof values.reference === 'string') {
    return statusFromLedger(values.reference, values, io);
  }
  const previous = values.result !== undefined ? await readPreviousResult(values.result as string, io) : {};
  const pick = (option: string, field: keyof StatusQuery) => (values[option] as string | undefined) ?? previous[field];
  const query = {
    originalTransactionId: pick('transaction-id', 'originalTransactionId'),
    reference: pick('reference', 'reference'),
    providerRequestId: pick('provider-request-id', 'providerRequestId'),
    conversationId: pick('conversation-id', 'conversationId'),
    reversalTransactionId: pick('reversal-transaction-id', 'reversalTransactionId'),
  };
  const missing = [
    ...(query.originalTransactionId ? [] : [{ field: '--transaction-id', message: 'is required: the receipt of the payment' }]),
    ...(query.reference ? [] : [{ field: '--reference', message: 'is required: the reference of the reversal request' }]),
  ];
  if (missing.length > 0) throw usageError('status', 'Say which reversal to look up.', missing);

  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const provider = (await loadProviders(io)).fromEnv(env);
  try {
    if (!provider.checkStatus || !provider.capabilities.statusCheck) {
      throw new CliError('usage', `The ${provider.id} provider cannot check a reversal's status: its API has none here.`, {
        hint:
          'Its outcome arrives by callback at your result URL (`reversal reverse --wait` receives it here). ' +
          'For an "unknown" reversal, look the transaction up in the provider portal before reversing again.',
      });
    }
    const checkStatus = provider.checkStatus.bind(provider);
    const complete = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as unknown as StatusQuery;
    const result = await runProviderCall(() => checkStatus(complete, io.signal ? { signal: io.signal } : {}), () => undefined);
    if (values.json) writeJson(io.stdout, resultJson(result));
    else {
      const view = { title: 'Status of the reversal:', provider, command: 'status', query, dotenv: values.dotenv as string | undefined } as const;
      io.stdout.write(formatResult(result, view));
    }
    return resultExitCode(result);
  } finally {
    await provider.close?.();
  }
}
