import { attemptStatusQuery } from '@reversal/ledger';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { entryExitCode, entryNextStep } from '../ledger/format-entry.js';
import { ledgerLocation, openLedger } from '../ledger/open-ledger.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import type { ParsedValues } from '../parse-command-args.js';
import { writeJson } from '../write-json.js';
import { entryJson, formatEntry } from './reverse.js';
import { runProviderCall } from './run-provider-call.js';

/** Attempts a status check can settle (the ledger's own rule). */
const CHECKABLE = new Set(['sending', 'pending', 'unknown', 'duplicate', 'already-reversed']);

/**
 * `reversal status --reference <yours>`: reads the entry from the ledger and, while it is in doubt
 * and the provider has a status check, asks the provider about each attempt in doubt and records
 * the answers. The exit code follows the entry.
 */
export async function statusFromLedger(reference: string, values: ParsedValues, io: CliIo): Promise<number> {
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = ledgerLocation(values.ledger as string | undefined, false, env, io.cwd ?? process.cwd());
  if (location.kind === 'off') {
    throw new CliError('usage', 'Without a ledger, say which reversal to look up: --transaction-id and --reference.', { hint: 'Run `reversal status --help` for the options.' });
  }
  const provider = (await loadProviders(io)).fromEnv(env);
  try {
    const opened = await openLedger(location, provider);
    try {
      let entry = await opened.ledger.get(reference);
      if (!entry) {
        throw new CliError('usage', `The ledger ${opened.where} has no reversal with reference ${reference} (${provider.id}).`, {
          hint: 'Check the reference and --ledger, or ask the provider directly with --transaction-id and --reference.',
        });
      }
      const checkStatus = provider.capabilities.statusCheck ? provider.checkStatus?.bind(provider) : undefined;
      if (checkStatus && !['succeeded', 'double-reversed', 'resolved', 'failed', 'retryable'].includes(entry.state)) {
        for (const attempt of entry.attempts.filter((each) => CHECKABLE.has(each.state))) {
          const current = entry;
          const result = await runProviderCall(() => checkStatus(attemptStatusQuery(current, attempt), io.signal ? { signal: io.signal } : {}), () => undefined);
          entry = (await opened.ledger.record(result, 'status')) ?? entry;
        }
      }
      const ledgerArgs = `${values.ledger === undefined ? '' : ` --ledger ${values.ledger as string}`}${values.dotenv === undefined ? '' : ` --dotenv ${values.dotenv as string}`}`;
      if (values.json) writeJson(io.stdout, entryJson(entry, opened.where, true));
      else io.stdout.write(formatEntry(entry, provider, opened.where, entryNextStep(entry, { repeated: false, statusCheck: checkStatus !== undefined, ledgerArgs })));
      return entryExitCode(entry);
    } finally {
      await opened.close();
    }
  } finally {
    await provider.close?.();
  }
}
