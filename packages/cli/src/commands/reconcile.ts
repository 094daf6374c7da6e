import type { ReconcileReport } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_CODES } from '../exit-codes.js';
import { commandLedgerLocation, withLedger } from '../ledger/use-ledger.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { writeJson } from '../write-json.js';
import { reconcileHelp } from './reconcile-help.js';

const OPTIONS = {
  ledger: { type: 'string' },
  'older-than': { type: 'string' },
  limit: { type: 'string' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/** Entry states after a check that are still in doubt: the provider could not settle them yet. */
const STILL_IN_DOUBT = new Set(['sending', 'pending', 'unknown', 'needs-attention']);

/**
 * `reversal reconcile`: one pass of the ledger's reconciler over the provider configured by the
 * environment. Exit 0 when nothing due is left in doubt, 4 when some entries are (listed).
 */
export async function reconcileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('reconcile', args, OPTIONS);
  if (values.help) {
    io.stdout.write(reconcileHelp());
    return 0;
  }
  const olderThanSeconds = Number(values['older-than'] ?? 300);
  if (!(olderThanSeconds >= 0 && olderThanSeconds <= 30 * 86_400)) throw usageError('reconcile', '--older-than must be a number of seconds from 0 to 2592000.');
  const limit = Number(values.limit ?? 100);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw usageError('reconcile', '--limit must be a whole number from 1 to 10000.');
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = commandLedgerLocation({ ...values, 'no-ledger': false }, env, io);
  if (location.kind === 'off') throw new CliError('usage', 'reconcile needs a ledger: REVERSAL_LEDGER is "off".', { hint: 'Name it with --ledger <directory | postgres://…>.' });
  const provider = (await loadProviders(io)).fromEnv(env);
  try {
    return await withLedger(location, [provider], io, async (opened) => {
      const report = await opened.ledger.reconcile({ olderThanMs: olderThanSeconds * 1000, limit });
      const inDoubt = [
        ...report.checked.filter((entry) => STILL_IN_DOUBT.has(entry.after)).map((entry) => ({ reference: entry.reference, state: entry.after, why: 'still in doubt after the status check' })),
        ...report.unsupported.map((entry) => ({ reference: entry.reference, state: entry.state, why: `${provider.id} has no status check: look it up in the provider portal` })),
        ...report.failed.map((entry) => ({ reference: entry.reference, state: 'unknown', why: `the status check failed: ${entry.message}` })),
      ];
      if (values.json) writeJson(io.stdout, { ledger: opened.where, ...report, inDoubt });
      else io.stdout.write(formatReport(report, inDoubt, opened.where));
      return inDoubt.length === 0 ? EXIT_CODES.ok : EXIT_CODES.unknown;
    });
  } finally {
    await provider.close?.();
  }
}

function formatReport(report: ReconcileReport, inDoubt: readonly { reference: string; state: string; why: string }[], where: string): string {
  const lines = [`Reconciled the ledger ${where}`, `  Checked with the provider  ${report.checked.length}`];
  for (const entry of report.checked) lines.push(`    ${entry.reference.padEnd(20)} ${entry.before} -> ${entry.after}`);
  lines.push(`  Pruned (past retention)   ${report.pruned}`, '');
  if (inDoubt.length === 0) lines.push('Nothing due is left in doubt.');
  else {
    lines.push(`Still in doubt (${inDoubt.length}): do NOT send these again.`);
    for (const entry of inDoubt) lines.push(`  ${entry.reference.padEnd(20)} ${entry.state.padEnd(16)} ${entry.why}`);
  }
  return `${lines.join('\n')}\n`;
}
