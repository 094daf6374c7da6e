import { ReversalValidationError } from '@reversal/core';
import { LedgerError } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ledgerHint } from '../ledger/describe-location.js';
import { entryJson, formatEntry } from '../ledger/entry-output.js';
import { entryExitCode, entryNextStep } from '../ledger/format-entry.js';
import { commandLedgerLocation, withLedger } from '../ledger/use-ledger.js';
import { operatorName } from '../operator-name.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { shellWord } from '../shell-word.js';
import { writeJson } from '../write-json.js';
import { resolveHelp } from './resolve-help.js';

const OPTIONS = {
  reference: { type: 'string' },
  outcome: { type: 'string' },
  note: { type: 'string' },
  by: { type: 'string' },
  ledger: { type: 'string' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

const FIELD_OPTIONS: Readonly<Record<string, string>> = { outcome: '--outcome', note: '--note', by: '--by', reference: '--reference' };

/**
 * `reversal resolve`: records a person's finding about an entry in doubt (`Ledger.resolve`), with
 * who made it (`--by`, default the OS user name). Nothing is sent; the exit code follows the entry.
 */
export async function resolveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('resolve', args, OPTIONS);
  if (values.help) {
    io.stdout.write(resolveHelp());
    return 0;
  }
  const reference = values.reference as string | undefined;
  const outcome = values.outcome as string | undefined;
  const missing = [
    ...(reference ? [] : [{ field: '--reference', message: 'is required: your reference of the reversal' }]),
    ...(outcome === 'reversed' || outcome === 'not-reversed'
      ? []
      : [{ field: '--outcome', message: 'must be reversed or not-reversed: what you established' }]),
    ...(typeof values.note === 'string' && values.note.trim() !== ''
      ? []
      : [{ field: '--note', message: 'is required: why, on what evidence' }]),
  ];
  if (missing.length > 0) throw usageError('resolve', 'Say what you established, and why.', missing);
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const by = (values.by as string | undefined) ?? operatorName(io.env ?? process.env);
  if (!by) throw usageError('resolve', 'Missing --by: no user name is known on this machine; say who settles this entry.');
  const location = commandLedgerLocation(values, env, io);
  if (location.kind === 'off') {
    throw new CliError('usage', 'resolve needs the ledger: REVERSAL_LEDGER is "off".', {
      hint: 'Name it with --ledger <directory | postgres://…>.',
    });
  }
  const provider = (await loadProviders(io)).fromEnv(env);
  try {
    const hint = ledgerHint(location, values.dotenv as string | undefined);
    return await withLedger(location, [provider], io, async ({ ledger, where }) => {
      const input = { outcome: outcome as 'reversed' | 'not-reversed', note: values.note as string, by };
      const entry = await ledger.resolve(reference!, input).catch((error: unknown) => {
        throw resolveError(error, where, `reversal status --reference ${shellWord(reference!)}${hint.args}`);
      });
      if (values.json) writeJson(io.stdout, entryJson(entry, where, false));
      else {
        const nextStep = entryNextStep(entry, { repeated: false, statusCheck: provider.capabilities.statusCheck, ledger: hint });
        io.stdout.write(formatEntry(entry, provider, where, nextStep));
      }
      return entryExitCode(entry);
    });
  } finally {
    await provider.close?.();
  }
}

function resolveError(error: unknown, where: string, readIt: string): unknown {
  if (LedgerError.isInstance(error, 'ERR_LEDGER_NOT_FOUND')) {
    return new CliError('usage', `The ledger ${where} has no such reversal: ${error.message}`, {
      hint: 'Check the reference, REVERSAL_PROVIDER and --ledger; `reversal entries` lists what the ledger holds.',
    });
  }
  if (LedgerError.isInstance(error, 'ERR_LEDGER_NOT_RESOLVABLE')) {
    return new CliError('usage', `${error.message} Nothing was changed.`, { hint: `Read the entry: ${readIt}` });
  }
  if (ReversalValidationError.isInstance(error)) {
    const issues = error.issues.map((issue) => ({ field: FIELD_OPTIONS[issue.field] ?? issue.field, message: issue.message }));
    return usageError('resolve', 'The resolution is invalid; nothing was changed.', issues);
  }
  return error;
}
