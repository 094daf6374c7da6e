import type { Ledger, LedgerEntry, ReconcileReport } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_CODES } from '../exit-codes.js';
import { type DoubtfulEntry, describeDoubt, IN_DOUBT_STATES } from '../ledger/describe-doubt.js';
import { ledgerHint } from '../ledger/describe-location.js';
import { commandLedgerLocation, withLedger } from '../ledger/use-ledger.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { writeJson } from '../write-json.js';
import type { CallbackListener } from './callback-listener.js';
import { startLedgerListener } from './ledger-listener.js';
import { reconcileHelp } from './reconcile-help.js';

const OPTIONS = {
  ledger: { type: 'string' },
  'older-than': { type: 'string' },
  limit: { type: 'string' },
  wait: { type: 'boolean' },
  listen: { type: 'string' },
  'wait-timeout': { type: 'string' },
  dotenv: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/** Attempts a status check can settle (the ledger's own rule): the ones whose answer is awaited. */
const CHECKABLE = new Set(['sending', 'pending', 'unknown', 'duplicate', 'already-reversed']);
/** At most this many entries in doubt are listed (the ledger's largest page). */
const MAX_LISTED = 10_000;

/**
 * `reversal reconcile`: one pass of the ledger's reconciler over the provider configured by the
 * environment; with `--wait`, the status answers of a callback provider (Kenya) are received and
 * recorded here. Then every entry of the ledger still in doubt, of any provider, is listed with
 * why and what to do: exit 0 when there is none, 4 otherwise.
 */
export async function reconcileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('reconcile', args, OPTIONS);
  if (values.help) {
    io.stdout.write(reconcileHelp());
    return 0;
  }
  const olderThanSeconds = Number(values['older-than'] ?? 300);
  if (!(olderThanSeconds >= 0 && olderThanSeconds <= 30 * 86_400)) {
    throw usageError('reconcile', '--older-than must be a number of seconds from 0 to 2592000.');
  }
  const limit = Number(values.limit ?? 100);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
    throw usageError('reconcile', '--limit must be a whole number from 1 to 10000.');
  }
  const waitSeconds = Number(values['wait-timeout'] ?? 60);
  if (!(waitSeconds > 0 && waitSeconds <= 3600)) {
    throw usageError('reconcile', '--wait-timeout must be a number of seconds from 1 to 3600.');
  }
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = commandLedgerLocation({ ...values, 'no-ledger': false }, env, io);
  if (location.kind === 'off') {
    throw new CliError('usage', 'reconcile needs a ledger: REVERSAL_LEDGER is "off".', {
      hint: 'Name it with --ledger <directory | postgres://…>.',
    });
  }
  const providers = await loadProviders(io);
  const provider = providers.fromEnv(env);
  const listens = values.wait === true && provider.capabilities.statusDelivery === 'callback';
  try {
    return await withLedger(location, [provider], io, async ({ ledger, where }) => {
      let listener: CallbackListener | undefined;
      let report: ReconcileReport;
      try {
        if (listens) {
          const definition = providers.selected(env);
          const what = 'the status answers';
          listener = await startLedgerListener({ command: 'reconcile', values, provider, definition, env, ledger, io, what });
        }
        report = await ledger.reconcile({ olderThanMs: olderThanSeconds * 1000, limit });
        if (listener) report = await awaitAnswers(ledger, listener, report, waitSeconds * 1000, io.signal);
      } finally {
        await listener?.close();
      }
      const listed = await ledger.list({ states: IN_DOUBT_STATES, limit: MAX_LISTED });
      const failures = new Map(report.failed.map((entry) => [entry.reference, entry.message]));
      const hint = ledgerHint(location, values.dotenv as string | undefined);
      const now = new Date();
      const inDoubt = listed.map((entry) => describeDoubt(entry, { provider, failures, listened: listens, ledger: hint, now }));
      const more = listed.length === MAX_LISTED;
      if (values.json) writeJson(io.stdout, { ledger: where, ...report, inDoubt, more });
      else io.stdout.write(formatReport(report, inDoubt, { where, more, note: hint.note }));
      return inDoubt.length === 0 ? EXIT_CODES.ok : EXIT_CODES.unknown;
    });
  } finally {
    await provider.close?.();
  }
}

/**
 * Waits until every attempt the pass asked about has its answer (the listener records it), up to
 * `timeoutMs`, and gives the report the entries' states as they are then.
 */
async function awaitAnswers(
  ledger: Ledger,
  listener: CallbackListener,
  report: ReconcileReport,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ReconcileReport> {
  const failed = new Set(report.failed.map((entry) => `${entry.provider}\u0000${entry.reference}`));
  const asked: string[] = [];
  for (const checked of report.checked) {
    if (failed.has(`${checked.provider}\u0000${checked.reference}`)) continue;
    const entry = await ledger.get(checked.reference, { provider: checked.provider });
    for (const attempt of entry?.attempts ?? []) if (CHECKABLE.has(attempt.state)) asked.push(attempt.providerReference);
  }
  if (asked.length > 0) await listener.waitForAll(asked, timeoutMs, signal);
  const checked = [];
  for (const entry of report.checked) {
    const now: LedgerEntry | undefined = await ledger.get(entry.reference, { provider: entry.provider });
    checked.push({ ...entry, after: now?.state ?? entry.after });
  }
  return { ...report, checked };
}

// A failed check's message comes from a provider's answer: no escape sequence may reach the terminal.
const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

function formatReport(
  report: ReconcileReport,
  inDoubt: readonly DoubtfulEntry[],
  view: { where: string; more: boolean; note: string | undefined },
): string {
  const lines = [`Reconciled the ledger ${view.where}`, `  Checked with the provider  ${report.checked.length}`];
  for (const entry of report.checked) lines.push(`    ${entry.reference.padEnd(20)} ${entry.before} -> ${entry.after}`);
  lines.push(`  Handed to a person        ${report.escalated.length}`);
  for (const entry of report.escalated)
    lines.push(`    ${entry.reference.padEnd(20)} needs-attention (${entry.reason}, ${entry.checks} status checks)`);
  lines.push(`  Pruned (past retention)   ${report.pruned}`, '');
  if (inDoubt.length === 0) lines.push('Nothing is left in doubt.');
  else {
    lines.push(`Still in doubt (${inDoubt.length}${view.more ? ' or more' : ''}): do NOT send these again.`);
    for (const entry of inDoubt) {
      const row = `  ${entry.reference.padEnd(20)} ${entry.provider.padEnd(14)} ${entry.state.padEnd(16)} ${entry.why}`;
      lines.push(printable(row), `    next: ${printable(entry.next)}`);
    }
    if (view.note) lines.push(view.note);
  }
  return `${lines.join('\n')}\n`;
}
