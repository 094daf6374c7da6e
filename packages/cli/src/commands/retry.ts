import { LedgerError } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { exitCodeName } from '../exit-code-name.js';
import { ledgerHint } from '../ledger/describe-location.js';
import { entryJson } from '../ledger/entry-output.js';
import { entryExitCode, entryNextStep } from '../ledger/format-entry.js';
import { commandLedgerLocation, withLedger } from '../ledger/use-ledger.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import type { CallbackListener } from './callback-listener.js';
import { runLedgerCall } from './ledger-call.js';
import { startLedgerListener } from './ledger-listener.js';
import { reportSentEntry } from './report-sent-entry.js';
import { retryHelp } from './retry-help.js';

const OPTIONS = {
  reference: { type: 'string' },
  wait: { type: 'boolean' },
  listen: { type: 'string' },
  'wait-timeout': { type: 'string' },
  ledger: { type: 'string' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/**
 * `reversal retry --reference <yours>`: a new attempt through the ledger's `retry()`, refused (with
 * the ledger's reason, nothing sent) when an earlier attempt may have reversed the payment. The
 * exit code follows the entry, also when refused.
 */
export async function retryCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('retry', args, OPTIONS);
  if (values.help) {
    io.stdout.write(retryHelp());
    return 0;
  }
  const reference = values.reference as string | undefined;
  if (!reference) throw usageError('retry', 'Missing --reference: your reference of the reversal to retry.');
  const waitSeconds = Number(values['wait-timeout'] ?? 60);
  if (!(waitSeconds > 0 && waitSeconds <= 3600)) throw usageError('retry', '--wait-timeout must be a number of seconds from 1 to 3600.');
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = commandLedgerLocation(values, env, io);
  if (location.kind === 'off') {
    throw new CliError('usage', 'retry needs the ledger: REVERSAL_LEDGER is "off".', {
      hint: 'Name it with --ledger <directory | postgres://…>.',
    });
  }
  const providers = await loadProviders(io);
  const provider = providers.fromEnv(env);
  try {
    return await withLedger(location, [provider], io, async ({ ledger, where }) => {
      const hint = ledgerHint(location, values.dotenv as string | undefined);
      const before = await ledger.get(reference);
      if (!before) {
        throw new CliError('usage', `The ledger ${where} has no reversal with reference ${reference} (${provider.id}). Nothing was sent.`, {
          hint: 'Check the reference, REVERSAL_PROVIDER and --ledger; `reversal entries` lists what the ledger holds.',
        });
      }
      let listener: CallbackListener | undefined;
      try {
        if (values.wait === true && provider.capabilities.resultDelivery === 'callback') {
          listener = await startLedgerListener({
            command: 'retry',
            values,
            provider,
            definition: providers.selected(env),
            env,
            ledger,
            io,
            what: 'the result callback',
          });
        }
        const context = { command: 'retry', args: hint.args, partialReversal: provider.capabilities.partialReversal };
        const entry = await runLedgerCall(context, async () => {
          try {
            return await ledger.retry(reference, io.signal ? { signal: io.signal } : {});
          } catch (error) {
            if (!LedgerError.isInstance(error, 'ERR_LEDGER_NOT_RETRYABLE')) throw error;
            const current = (await ledger.get(reference)) ?? before;
            const statusByCallback = provider.capabilities.statusDelivery === 'callback';
            const next = entryNextStep(current, {
              repeated: false,
              statusCheck: provider.capabilities.statusCheck,
              statusByCallback,
              ledger: hint,
            });
            throw new CliError(exitCodeName(entryExitCode(current)), `${error.message} Nothing was sent.`, {
              hint: next,
              data: { entry: entryJson(current, where, true) },
            });
          }
        });
        return await reportSentEntry({
          entry,
          repeated: false,
          ledger,
          where,
          hint,
          provider,
          listener,
          waitSeconds,
          json: values.json === true,
          io,
        });
      } finally {
        await listener?.close();
      }
    });
  } finally {
    await provider.close?.();
  }
}
