import type { ReversalProvider, ReversalResult, StatusQuery } from '@reversal/core';
import { type ResultOutcome, resultOutcome } from './result-outcome.js';
import { statusCommandLine } from './status-command-line.js';
import { statusQueryOf } from './status-query-of.js';

/** What the human-readable view of a result needs besides the result. */
export interface ResultView {
  /** The first line, e.g. "Reversal" or "Status of the reversal:". */
  readonly title: string;
  /** The provider that produced it: its capabilities decide the advice. */
  readonly provider: Pick<ReversalProvider, 'capabilities'>;
  /** The command that produced it: `reverse` sent a reversal, `status` queried one. */
  readonly command: 'reverse' | 'status';
  /**
   * `status` only: the query that was run, to run again. Never the answer's ids: a status answer
   * carries the status query's own conversation id, and querying by it would loop.
   */
  readonly query?: Partial<Record<keyof StatusQuery, string>>;
  /** `reverse --wait` only: the seconds it waited for the result callback. */
  readonly waitedSeconds?: number;
  /** The `--dotenv` file the command was given, repeated in the command it prints. */
  readonly dotenv?: string | undefined;
  /** What to do next, when the caller knows better (the ledger's record): replaces the advice. */
  readonly nextStep?: string;
  /** More rows after the result's own (the ledger's record). */
  readonly rows?: readonly (readonly [string, unknown])[];
}

/** The word on the first line: "already reversed" and "duplicate" are never shown as FAILED. */
const OUTCOME_LABELS: Readonly<Record<ResultOutcome, string>> = Object.freeze({
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  unknown: 'UNKNOWN',
  pending: 'PENDING',
  'already-reversed': 'ALREADY REVERSED',
  duplicate: 'UNKNOWN',
});

const PORTAL = 'look the transaction up in the M-Pesa organisation portal';

// Provider text ends up on a terminal: no escape sequence from a response may reach it.
const printable = (value: unknown): string => String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** Formats a result for a person: the outcome, the identifiers, the error, and what to do next. */
export function formatResult(result: ReversalResult, view: ResultView): string {
  const outcome = resultOutcome(result);
  const rows: (readonly [string, unknown])[] = [
    ['Transaction', result.originalTransactionId],
    ['Reference', result.reference],
    ['Reversal receipt', result.reversalTransactionId],
    ['Conversation', result.conversationId],
    ['Amount', result.amount ? `${result.amount.value} ${result.amount.currency}` : undefined],
    ['Completed at', result.completedAt?.toISOString()],
  ];
  if (result.status === 'failed' || result.status === 'unknown') {
    const { code, providerCode, retryable } = result.error;
    rows.push(['Error', `${code} (provider code ${providerCode})${retryable && outcome === 'failed' ? ', retryable' : ''}`]);
    rows.push(['Message', result.error.message]);
  }
  rows.push(...(view.rows ?? []));
  const lines = [`${view.title} ${OUTCOME_LABELS[outcome]} (${printable(result.provider)})`];
  for (const [label, value] of rows) {
    if (value !== undefined && value !== '') lines.push(`  ${label.padEnd(17)} ${printable(value)}`);
  }
  lines.push('', view.nextStep ?? nextStep(result, outcome, view));
  return `${lines.join('\n')}\n`;
}

/** What to do next, for each outcome; never "not reversed" for a payment that is or may be reversed. */
function nextStep(result: ReversalResult, outcome: ResultOutcome, view: ResultView): string {
  const { capabilities } = view.provider;
  // Where the status answer comes by callback (Kenya), the suggested command waits for it.
  const wait = capabilities.statusDelivery === 'callback' ? ' --wait' : '';
  const command = capabilities.statusCheck ? `${statusCommandLine(view.query ?? statusQueryOf(result), view)}${wait}` : undefined;
  const checkIt = (lead: string) => `${lead}\n  ${command}`;
  switch (outcome) {
    case 'succeeded':
      return 'Done: the payment is reversed.';
    case 'failed':
      return result.status === 'failed' && result.error.retryable
        ? 'Not reversed. The same request may succeed later (for example once the account is funded or after a pause).'
        : 'Not reversed. Fix the cause above before trying again.';
    case 'already-reversed':
      return (
        'Already reversed: the provider says this payment was reversed before, by an earlier request ' +
        '(perhaps an earlier attempt whose answer did not reach you). This request changed nothing. ' +
        `Do NOT send it again; to see which reversal it was, ${PORTAL}.`
      );
    case 'duplicate': {
      const lead =
        'A request with this reference was already received: this one changed nothing, and the earlier one ' +
        'may have reversed the payment. Do NOT send it again, under this or any other reference;';
      return command ? checkIt(`${lead} check its status with:`) : `${lead} ${PORTAL}.`;
    }
    case 'unknown':
      if (!command) {
        return `The reversal may have been applied. Do NOT send it again: wait for the result callback, or ${PORTAL}.`;
      }
      return view.command === 'status'
        ? checkIt('Still unknown: the reversal may have been applied. Do NOT send it again; check again later with:')
        : checkIt('The reversal may have been applied. Do NOT send it again; check it with:');
    case 'pending':
      return pendingStep(view, command);
  }
}

function pendingStep(view: ResultView, command: string | undefined): string {
  const then = (lead: string, otherwise: string) => (command ? `${lead}\n  ${command}` : otherwise);
  if (view.command === 'status') return then('Still in progress. Do NOT send it again; check again later with:', `Still in progress. Do NOT send it again; ${PORTAL}.`);
  if (view.waitedSeconds !== undefined) {
    const lead = `No result callback arrived within ${view.waitedSeconds} s. The reversal was accepted and may still be applied: do NOT send it again.`;
    return then(
      `${lead} Check it with:`,
      `${lead} Its outcome goes to your result URL, where nothing listens now that this command has ended: ${PORTAL}.`,
    );
  }
  if (view.provider.capabilities.resultDelivery === 'callback') {
    const lead =
      'Accepted: the provider will POST the outcome to your result URL. Do NOT send it again: running this ' +
      'command again, even with --wait, sends a second reversal.';
    return then(`${lead} Check where it stands with:`, `${lead} Read the outcome where your result URL is served, or ${PORTAL}.`);
  }
  return then('Accepted, not finished yet. Do NOT send it again; check it with:', `Accepted, not finished yet. Do NOT send it again; ${PORTAL}.`);
}
