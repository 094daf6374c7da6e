import { LedgerError } from './ledger-error.js';
import type { LedgerOptions } from './ledger-options.js';
import { DEFAULT_CALLBACK_WINDOW_MS } from './reconcile.js';

/** Checks `callbackWindowMs` and returns each provider's window (the default where none is given). */
export function callbackWindow(option: LedgerOptions['callbackWindowMs']): (provider: string) => number {
  const valid = (ms: unknown): ms is number => typeof ms === 'number' && ms >= 0 && Number.isFinite(ms);
  const windows = typeof option === 'object' && option !== null ? option : {};
  if ((option !== undefined && typeof option !== 'object' && !valid(option)) || !Object.values(windows).every(valid)) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'callbackWindowMs must be milliseconds >= 0, or an object of them by provider id.');
  }
  return (provider) => (typeof option === 'number' ? option : (windows[provider] ?? DEFAULT_CALLBACK_WINDOW_MS));
}
