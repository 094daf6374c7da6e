import type { ReversalResult } from '@reversal/core';

/** One line of the demo's table. */
export interface Row {
  readonly country: string;
  readonly step: string;
  readonly result: ReversalResult;
}

const COLUMNS = ['country', 'step', 'reference', 'status', 'code', 'amount'] as const;

/** Prints the normalised results as a plain-text table. */
export function printTable(rows: readonly Row[]): void {
  const cells = rows.map(({ country, step, result }) => ({
    country,
    step,
    reference: result.reference,
    status: result.status,
    code: 'error' in result ? `${result.error.code} (${result.error.providerCode})` : '',
    amount: result.amount ? `${result.amount.value} ${result.amount.currency}` : '',
  }));
  const widths = COLUMNS.map((column) => Math.max(column.length, ...cells.map((cell) => cell[column].length)));
  const line = (values: readonly string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join('  ').trimEnd();
  console.log(line(COLUMNS));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const cell of cells) console.log(line(COLUMNS.map((column) => cell[column])));
}
