import { ReversalValidationError, type ValidationIssue } from '@reversal/core';
import type { ListQuery } from './ledger.js';
import { ENTRY_STATES } from './model/entry-state.js';
import type { StoreListQuery } from './store/ledger-store.js';

const MAX_LIMIT = 10_000;

/** Checks what `Ledger.list()` was given and returns the store's query (limit defaulted to 100). */
export function checkListQuery(query: ListQuery = {}): StoreListQuery {
  const issues: ValidationIssue[] = [];
  const { provider, states, transactionId, updatedBefore, limit = 100 } = query;
  if (provider !== undefined && (typeof provider !== 'string' || provider === '')) {
    issues.push({ field: 'provider', message: 'must be a provider id' });
  }
  if (states !== undefined && (!Array.isArray(states) || !states.every((state) => ENTRY_STATES.includes(state)))) {
    issues.push({ field: 'states', message: `must be a list of entry states (${ENTRY_STATES.join(', ')})` });
  }
  if (transactionId !== undefined && (typeof transactionId !== 'string' || transactionId === '')) {
    issues.push({ field: 'transactionId', message: 'must be the receipt of a payment' });
  }
  if (updatedBefore !== undefined && !(updatedBefore instanceof Date && Number.isFinite(updatedBefore.getTime()))) {
    issues.push({ field: 'updatedBefore', message: 'must be a valid Date' });
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    issues.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
  }
  if (issues.length > 0) throw new ReversalValidationError(issues);
  return {
    limit,
    ...(provider === undefined ? {} : { provider }),
    ...(states === undefined ? {} : { states }),
    ...(transactionId === undefined ? {} : { transactionId }),
    ...(updatedBefore === undefined ? {} : { updatedBefore }),
  };
}
