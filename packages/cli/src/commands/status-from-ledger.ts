import { attemptStatusQuery, type LedgerEntry } from '@reversal/ledger';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ledgerHint } from '../ledger/describe-location.js';
import { entryJson, formatEntry } from '../ledger/entry-output.js';
import { entryExitCode, entryNextStep } from '../ledger/format-entry.js';
import { commandLedgerLocation, withLedger } from '../ledger/use-ledger.js';
import type { ParsedValues } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { statusQueryRefused } from '../status-refused.js';
import { writeJson } from '../write-json.js';
import type { CallbackListener } from './callback-listener.js';
import { startLedgerListener } from './ledger-listener.js';
import { runProviderCall } from './run-provider-call.js';

/** Attempts a status check can settle (the ledger's own rule). */
const CHECKABLE = new Set(['sending', 'pending', 'unknown', 'duplicate', 'already-reversed']);
/** Entry states no status check changes. */
const SETTLED = new Set(['succeeded', 'double-reversed', 'resolved', 'failed', 'retryable']);

/**
 * `reversal status --reference <yours>`: reads the entry from the ledger and, while it is in doubt
 * and the provider has a status check, asks the provider about each attempt in doubt and records
 * the answers. Where the answers come by callback (Kenya), `--wait` receives them on a local
 * listener, records them, and waits up to `--wait-timeout` for every attempt asked about to be
 * answered. The exit code follows the entry.
 */
export async function statusFromLedger(reference: string, values: ParsedValues, waitSeconds: number, io: CliIo): Promise<number> {
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = commandLedgerLocation({ ...values, 'no-ledger': false }, env, io);
  if (location.kind === 'off') {
    throw new CliError('usage', 'Without a ledger, say which reversal to look up: --transaction-id and --reference.', {
      hint: 'Run `reversal status --help` for the options.',
    });
  }
  const providers = await loadProviders(io);
  const provider = providers.fromEnv(env);
  const byCallback = provider.capabilities.statusDelivery === 'callback';
  try {
    return await withLedger(location, [provider], io, async ({ ledger, where }) => {
      let entry = await ledger.get(reference);
      if (!entry) {
        throw new CliError('usage', `The ledger ${where} has no reversal with reference ${reference} (${provider.id}).`, {
          hint: 'Check the reference and --ledger, or ask the provider directly with --transaction-id and --reference.',
        });
      }
      const checkStatus = provider.capabilities.statusCheck ? provider.checkStatus?.bind(provider) : undefined;
      let listener: CallbackListener | undefined;
      let unanswered = 0;
      try {
        if (checkStatus && !SETTLED.has(entry.state)) {
          if (values.wait === true && byCallback) {
            const definition = providers.selected(env);
            listener = await startLedgerListener({
              command: 'status',
              values,
              provider,
              definition,
              env,
              ledger,
              io,
              what: 'the status answers',
            });
          }
          const asked: string[] = [];
          for (const attempt of entry.attempts.filter((each) => CHECKABLE.has(each.state))) {
            const current: LedgerEntry = entry;
            const result = await runProviderCall(
              () => checkStatus(attemptStatusQuery(current, attempt), io.signal ? { signal: io.signal } : {}),
              () => undefined,
            );
            entry = (await ledger.record(result, 'status')) ?? entry;
            if (!statusQueryRefused(result)) asked.push(attempt.providerReference);
          }
          if (listener && asked.length > 0) {
            const answers = await listener.waitForAll(asked, waitSeconds * 1000, io.signal);
            unanswered = answers.filter((answer) => answer === undefined).length;
            entry = (await ledger.get(reference)) ?? entry;
          }
        }
      } finally {
        await listener?.close();
      }
      if (values.json) writeJson(io.stdout, entryJson(entry, where, true));
      else {
        const hint = ledgerHint(location, values.dotenv as string | undefined);
        const context = { repeated: false, statusCheck: checkStatus !== undefined, statusByCallback: byCallback, ledger: hint };
        const waited = unanswered > 0 ? `No status answer arrived within ${waitSeconds} s for ${unanswered} attempt(s). ` : '';
        const byCallbackNote =
          byCallback && checkStatus && values.wait !== true && !SETTLED.has(entry.state)
            ? `${provider.id} answers status queries by callback, at your result URL: add --wait to receive the answer here. `
            : '';
        io.stdout.write(formatEntry(entry, provider, where, `${waited}${byCallbackNote}${entryNextStep(entry, context)}`));
      }
      return entryExitCode(entry);
    });
  } finally {
    await provider.close?.();
  }
}
