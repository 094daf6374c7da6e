import type { ReversalProvider } from '@reversal/core';
import type { LedgerEntry } from '@reversal/ledger';
import { formatResult } from '../format-result.js';
import { resultJson } from '../result-json.js';
import { entryRows } from './format-entry.js';

// Ledger text ends up on a terminal: no escape sequence from a provider's answer may reach it.
const printable = (value: string): string => value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** An entry for people: its deciding result under your reference, the ledger's rows, the next step. */
export function formatEntry(entry: LedgerEntry, provider: Pick<ReversalProvider, 'capabilities'>, where: string, nextStep: string): string {
  const rows = entryRows(entry, where);
  if (entry.result) {
    return formatResult(
      { ...entry.result, reference: entry.reference },
      { title: 'Reversal', provider, command: 'reverse', rows, nextStep },
    );
  }
  // No answer recorded (the sender stopped before it): the ledger's record is all there is.
  const lines = [
    `Reversal ${entry.state.toUpperCase()} (${printable(entry.provider)})`,
    ...[['Transaction', entry.request.transactionId], ['Reference', entry.reference], ...rows].map(
      ([label, value]) => `  ${label!.padEnd(17)} ${printable(value!)}`,
    ),
  ];
  return `${lines.join('\n')}\n\n${nextStep}\n`;
}

/** `--json` with the ledger: the deciding result (under your reference) and the entry. */
export function entryJson(entry: LedgerEntry, where: string, repeated: boolean): object {
  return {
    ...(entry.result ? resultJson({ ...entry.result, reference: entry.reference }) : { status: 'unknown', reference: entry.reference }),
    ledger: {
      where,
      repeated,
      provider: entry.provider,
      state: entry.state,
      reference: entry.reference,
      attempts: entry.attempts,
      ...(entry.resolution ? { resolution: entry.resolution } : {}),
    },
  };
}
