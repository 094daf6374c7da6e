import type { LedgerEntry } from '@reversal/ledger';
import { csvRecord } from './csv-cell.js';
import { ENTRY_COLUMNS } from './entry-columns.js';

// Ledger text ends up on a terminal: no escape sequence from a provider's answer may reach it.
const printable = (value: string): string => value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** `reversal entries --csv`: a header and one record per entry (see `ENTRY_COLUMNS`). */
export function entriesCsv(entries: readonly LedgerEntry[]): string {
  return [
    csvRecord(ENTRY_COLUMNS.map((column) => column.name)),
    ...entries.map((entry) => csvRecord(ENTRY_COLUMNS.map((column) => column.value(entry)))),
  ].join('');
}

/** The table of `reversal entries` for people: one line per entry, oldest change first. */
export function entriesTable(entries: readonly LedgerEntry[], now: Date): string {
  const header = ['REFERENCE', 'PROVIDER', 'STATE', 'TRANSACTION', 'AMOUNT', 'TRIES', 'UNCHANGED FOR', 'RESOLVED BY'];
  const rows = entries.map((entry) =>
    [
      entry.reference,
      entry.provider,
      entry.state,
      entry.request.transactionId,
      entry.request.amount ?? 'full',
      String(entry.attempts.length),
      age(now.getTime() - entry.updatedAt.getTime()),
      entry.resolution?.by ?? '',
    ].map(printable),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A duration for people: `42s`, `17m`, `5h`, `3d`. */
export function age(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3_600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}
