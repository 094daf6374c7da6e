import type { AdapterConnection, ConnectContext } from '@reversal/core/kit';
import { ACME_MONEY_CAPABILITIES } from './capabilities.js';
import type { AcmeMoneyMetadata } from './metadata.js';
import type { ResolvedAcmeMoneyOptions } from './options.js';
import { type OperationSettings, reversalOperation } from './reversal.js';
import { statusOperation } from './status.js';

/**
 * Sets up one Acme Money provider instance: one keep-alive transport to the API, the API key on
 * every call (core scrubs it from results, messages and events), and the two operations.
 */
export function connect(options: ResolvedAcmeMoneyOptions, context: ConnectContext): AdapterConnection<AcmeMoneyMetadata> {
  const settings: OperationSettings = {
    transport: context.transport(options.baseUrl),
    currency: ACME_MONEY_CAPABILITIES.currencies[0]!,
    headers: { authorization: `Bearer ${options.apiKey.reveal()}` },
  };
  return {
    secrets: [options.apiKey],
    reversal: reversalOperation(settings),
    status: statusOperation(settings),
  };
}
