import type { ReversalProvider, ReversalResult } from '@reversal/core';

/** What the human-readable view of a result needs besides the result. */
export interface ResultView {
  /** The first line, e.g. "Reversal" or "Status of the reversal". */
  readonly title: string;
  /** The provider that produced it: its capabilities decide the advice. */
  readonly provider: Pick<ReversalProvider, 'capabilities'>;
  /** True when the result came from `reverse` without `--wait` (advice: add --wait). */
  readonly canWait?: boolean;
}

// Provider text ends up on a terminal: no escape sequence from a response may reach it.
const printable = (value: unknown): string => String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** Formats a result for a person: the outcome, the identifiers, the error, and what to do next. */
export function formatResult(result: ReversalResult, view: ResultView): string {
  const rows: [string, unknown][] = [
    ['Transaction', result.originalTransactionId],
    ['Reference', result.reference],
    ['Reversal receipt', result.reversalTransactionId],
    ['Conversation', result.conversationId],
    ['Amount', result.amount ? `${result.amount.value} ${result.amount.currency}` : undefined],
    ['Completed at', result.completedAt?.toISOString()],
  ];
  if (result.status === 'failed' || result.status === 'unknown') {
    const { code, providerCode, retryable } = result.error;
    rows.push(['Error', `${code} (provider code ${providerCode})${retryable ? ', retryable' : ''}`]);
    rows.push(['Message', result.error.message]);
  }
  const lines = [`${view.title} ${result.status.toUpperCase()} (${printable(result.provider)})`];
  for (const [label, value] of rows) {
    if (value !== undefined && value !== '') lines.push(`  ${label.padEnd(17)} ${printable(value)}`);
  }
  lines.push('', nextStep(result, view));
  return `${lines.join('\n')}\n`;
}

function nextStep(result: ReversalResult, view: ResultView): string {
  const { capabilities } = view.provider;
  switch (result.status) {
    case 'succeeded':
      return 'Done: the payment is reversed.';
    case 'pending':
      if (view.canWait && capabilities.resultDelivery === 'callback') {
        return 'Accepted: the provider will POST the outcome to your result URL. Add --wait to receive it here.';
      }
      return 'Accepted, not finished yet: the outcome arrives at your result URL, or check again later.';
    case 'failed':
      return result.error.retryable
        ? 'Not reversed. The same request may succeed later (for example once the account is funded or after a pause).'
        : 'Not reversed. Fix the cause above before trying again.';
    case 'unknown':
      return capabilities.statusCheck
        ? `The reversal may have been applied. Do NOT send it again; check it with:\n  ${statusCommand(result)}`
        : 'The reversal may have been applied. Do NOT send it again: wait for the result callback, or look the transaction up in the M-Pesa organisation portal.';
  }
}

/** The `reversal status` command line that looks up this result. */
export function statusCommand(result: ReversalResult): string {
  const parts = ['reversal status', `--transaction-id ${result.originalTransactionId}`, `--reference ${result.reference}`];
  if (result.conversationId) parts.push(`--conversation-id ${result.conversationId}`);
  if (result.reversalTransactionId) parts.push(`--reversal-transaction-id ${result.reversalTransactionId}`);
  return printable(parts.join(' '));
}
