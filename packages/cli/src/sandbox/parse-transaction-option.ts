import { parseAmount } from '@reversal/core';
import { usageError } from '../cli-error.js';
import type { SeedTransaction } from './sandbox-scenarios.js';

/**
 * Reads a `--ke-transaction` / `--mz-transaction` value, `ID=AMOUNT[:SCENARIO]`
 * (`PDU91HIVIT=250:insufficient-funds`), checking the scenario with `isScenario`.
 */
export function parseTransactionOption(
  option: string,
  value: string,
  isScenario: (name: string) => boolean,
  scenarios: string,
): SeedTransaction {
  const match = /^([A-Za-z0-9]{1,20})=([^:]+)(?::(.+))?$/.exec(value);
  if (!match) {
    throw usageError('sandbox', `${option} "${value}" must be ID=AMOUNT or ID=AMOUNT:SCENARIO, e.g. PDU91HIVIT=250:success.`);
  }
  const [, transactionId, amountText, scenario = 'success'] = match as unknown as [string, string, string, string?];
  const amount = parseAmount(amountText);
  if (!amount.ok) throw usageError('sandbox', `${option} ${transactionId}: the amount ${amount.reason}.`);
  if (!isScenario(scenario)) {
    throw usageError('sandbox', `${option} ${transactionId}: unknown scenario "${scenario}"; use one of ${scenarios}.`);
  }
  return { transactionId, amount: amount.value, scenario };
}
