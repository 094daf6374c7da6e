import { generateReference, type ReversalProvider, type ReversalRequest, type ReversalResult, ReversalValidationError } from '@reversal/core';
import { type LedgerEntry, LedgerError } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { formatResult } from '../format-result.js';
import { type OptionTable, type ParsedValues, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { resultExitCode } from '../result-exit-code.js';
import { resultJson } from '../result-json.js';
import { writeJson } from '../write-json.js';
import { entryExitCode, entryNextStep, entryRows } from '../ledger/format-entry.js';
import { type LedgerLocation, ledgerLocation, type OpenLedger, openLedger } from '../ledger/open-ledger.js';
import { type CallbackListener, startCallbackListener } from './callback-listener.js';
import { resolveListenAddress } from './listen-address.js';
import { reverseHelp } from './reverse-help.js';
import { runProviderCall } from './run-provider-call.js';

const OPTIONS = {
  'transaction-id': { type: 'string' },
  amount: { type: 'string' },
  reference: { type: 'string' },
  reason: { type: 'string' },
  wait: { type: 'boolean' },
  listen: { type: 'string' },
  'wait-timeout': { type: 'string' },
  ledger: { type: 'string' },
  'no-ledger': { type: 'boolean' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/** The request field each option fills, to name options (not fields) in validation errors. */
export const REQUEST_OPTIONS: Readonly<Record<keyof ReversalRequest, string>> = {
  transactionId: '--transaction-id',
  amount: '--amount',
  reference: '--reference',
  reason: '--reason',
};

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
  const request: ReversalRequest = {
    transactionId,
    ...(values.amount !== undefined ? { amount: values.amount as string } : {}),
    ...(values.reference !== undefined ? { reference: values.reference as string } : {}),
    ...(values.reason !== undefined ? { reason: values.reason as string } : {}),
  };

  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = ledgerLocation(values.ledger as string | undefined, values['no-ledger'] === true, env, io.cwd ?? process.cwd());
  const providers = await loadProviders(io);
  const provider = providers.fromEnv(env);
  if (location.kind !== 'off') {
    try {
      return await reverseWithLedger(provider, { ...request, reference: request.reference ?? generateReference() }, location, values, io, () =>
        values.wait === true && provider.capabilities.resultDelivery === 'callback'
          ? startCallbackListener(provider, resolveListenAddress(values.listen as string | undefined, providers.selected(env), env), (message) =>
              io.stderr.write(`Warning: ${message}\n`),
            )
          : undefined,
      );
    } finally {
      await provider.close?.();
    }
  }
  const waits = values.wait === true && provider.capabilities.resultDelivery === 'callback';
  let listener: CallbackListener | undefined;
  try {
    if (waits) {
      const address = resolveListenAddress(values.listen as string | undefined, providers.selected(env), env);
      listener = await startCallbackListener(provider, address, (message) => io.stderr.write(`Warning: ${message}\n`));
      if (!values.json) io.stderr.write(`Listening for the result callback on ${listener.url}\n`);
    }
    let result: ReversalResult = await runProviderCall(() => provider.reverse(request, withSignal(io)), toUsageError);
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

type Values = ParsedValues;

/**
 * `reverse` with the ledger: the entry and its attempt are recorded before anything is sent; a
 * reference the ledger holds sends nothing and prints the entry as it stands. `--wait` records the
 * callback to the entry.
 */
async function reverseWithLedger(
  provider: ReversalProvider,
  request: ReversalRequest & { reference: string },
  location: Exclude<LedgerLocation, { kind: 'off' }>,
  values: Values,
  io: CliIo,
  listen: () => Promise<CallbackListener> | undefined,
): Promise<number> {
  const opened: OpenLedger = await openLedger(location, provider);
  let listener: CallbackListener | undefined;
  try {
    const { ledger } = opened;
    const repeated = (await ledger.get(request.reference)) !== undefined;
    if (!repeated) {
      listener = await listen();
      if (listener && !values.json) io.stderr.write(`Listening for the result callback on ${listener.url}\n`);
    }
    let entry: LedgerEntry = await runLedgerCall(() => ledger.reverse(request, withSignal(io)));
    const waitSeconds = Number(values['wait-timeout'] ?? 60);
    let waited = false;
    if (listener && entry.state === 'pending') {
      const sent = entry.attempts.at(-1)!.providerReference;
      const result = await listener.waitFor(sent, waitSeconds * 1000, io.signal);
      waited = result === undefined;
      if (result) entry = (await ledger.record(result, 'callback')) ?? entry;
    }
    const ledgerArgs = `${values.ledger === undefined ? '' : ` --ledger ${values.ledger as string}`}${values.dotenv === undefined ? '' : ` --dotenv ${values.dotenv as string}`}`;
    if (values.json) writeJson(io.stdout, entryJson(entry, opened.where, repeated));
    else {
      const nextStep = entryNextStep(entry, { repeated, statusCheck: provider.capabilities.statusCheck, ledgerArgs });
      const waitedNote = waited ? `No result callback arrived within ${waitSeconds} s. ` : '';
      io.stdout.write(formatEntry(entry, provider, opened.where, `${waitedNote}${nextStep}`));
    }
    return entryExitCode(entry);
  } finally {
    await listener?.close();
    await opened.close();
  }
}

/** An entry for people: its deciding result under your reference, the ledger's rows, the next step. */
export function formatEntry(entry: LedgerEntry, provider: ReversalProvider, where: string, nextStep: string): string {
  const rows = entryRows(entry, where);
  if (entry.result) return formatResult({ ...entry.result, reference: entry.reference }, { title: 'Reversal', provider, command: 'reverse', rows, nextStep });
  // No answer recorded (the sender stopped before it): the ledger's record is all there is.
  const lines = [`Reversal ${entry.state.toUpperCase()} (${entry.provider})`, ...[['Transaction', entry.request.transactionId], ['Reference', entry.reference], ...rows].map(([label, value]) => `  ${label!.padEnd(17)} ${value}`)];
  return `${lines.join('\n')}\n\n${nextStep}\n`;
}

/** `--json` with the ledger: the deciding result (under your reference) and the entry. */
export function entryJson(entry: LedgerEntry, where: string, repeated: boolean): object {
  return {
    ...(entry.result ? resultJson({ ...entry.result, reference: entry.reference }) : { status: 'unknown', reference: entry.reference }),
    ledger: { where, repeated, state: entry.state, reference: entry.reference, attempts: entry.attempts, ...(entry.resolution ? { resolution: entry.resolution } : {}) },
  };
}

async function runLedgerCall(call: () => Promise<LedgerEntry>): Promise<LedgerEntry> {
  try {
    return await call();
  } catch (error) {
    if (LedgerError.isInstance(error, 'ERR_LEDGER_CONFLICT')) {
      throw new CliError('usage', `${error.message} Nothing was sent.`, { hint: 'Use a new --reference for another payment or amount.' });
    }
    const known = toUsageError(error);
    if (known) throw known;
    if (error instanceof Error && error.name === 'AbortError') {
      throw new CliError('interrupted', 'Interrupted before the request was sent: nothing was reversed.');
    }
    throw error;
  }
}

function withSignal(io: CliIo) {
  return io.signal ? { signal: io.signal } : {};
}

function toUsageError(error: unknown): CliError | undefined {
  if (!ReversalValidationError.isInstance(error)) return undefined;
  const issues = error.issues.map((issue) => ({
    field: REQUEST_OPTIONS[issue.field as keyof ReversalRequest] ?? issue.field,
    message: issue.message,
  }));
  return usageError('reverse', 'The reversal request is invalid; nothing was sent.', issues);
}
