import type { ReversalProvider } from '@reversal/core';
import { ReversalValidationError } from '@reversal/core';
import { LedgerError } from './ledger-error.js';
import type { LedgerOptions } from './ledger-options.js';

/** Picks a provider by id; the id may be left out when there is only one. */
export type ProviderPicker = (id: string | undefined) => ReversalProvider;

/** Checks `provider`/`providers` and returns the picker of the ledger's providers. */
export function resolveProviders(options: LedgerOptions): ProviderPicker {
  const list = options.providers ?? (options.provider ? [options.provider] : []);
  if ((options.provider && options.providers) || list.length === 0) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'Give the ledger either `provider` (one) or `providers` (several), not both and not neither.');
  }
  const byId = new Map<string, ReversalProvider>();
  for (const provider of list) {
    if (byId.has(provider.id)) {
      throw new LedgerError('ERR_LEDGER_CONFIG', `Two providers have the id "${provider.id}"; give the ledger each provider once.`);
    }
    byId.set(provider.id, provider);
  }
  const only = list.length === 1 ? list[0] : undefined;
  const ids = [...byId.keys()].join(', ');
  return (id) => {
    const provider = id === undefined ? only : byId.get(id);
    if (provider) return provider;
    throw new ReversalValidationError([
      {
        field: 'provider',
        message:
          id === undefined
            ? `is required: this ledger has several providers (${ids}); name the one to use`
            : `must be one of this ledger's providers (${ids})`,
      },
    ]);
  };
}
