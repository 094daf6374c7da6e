import { ReversalValidationError } from '@reversal/core';
import type { ResolveInput } from './ledger.js';
import { LedgerError } from './ledger-error.js';
import { deriveEntryState } from './model/entry-state.js';
import type { LedgerEntryRecord, LedgerResolution } from './model/ledger-entry.js';

const MAX_NOTE_LENGTH = 500;
const MAX_BY_LENGTH = 100;

/** Checks what a person gives `resolve()` and returns the resolution to record. */
export function checkResolveInput(input: ResolveInput | undefined, at: Date): LedgerResolution {
  const issues = [];
  if (input?.outcome !== 'reversed' && input?.outcome !== 'not-reversed') {
    issues.push({ field: 'outcome', message: 'must be "reversed" or "not-reversed": what you established with the provider' });
  }
  if (typeof input?.note !== 'string' || input.note.trim() === '' || input.note.length > MAX_NOTE_LENGTH) {
    issues.push({ field: 'note', message: `is required: 1–${MAX_NOTE_LENGTH} characters saying why, on what evidence` });
  }
  if (input?.by !== undefined && (typeof input.by !== 'string' || input.by.trim() === '' || input.by.length > MAX_BY_LENGTH)) {
    issues.push({ field: 'by', message: `must be 1–${MAX_BY_LENGTH} characters naming who established it, or left out` });
  }
  if (issues.length > 0 || !input) throw new ReversalValidationError(issues);
  return { outcome: input.outcome, note: input.note, ...(input.by === undefined ? {} : { by: input.by }), at };
}

/** Throws `ERR_LEDGER_NOT_RESOLVABLE` unless the entry is in doubt (`unknown` or `needs-attention`). */
export function assertResolvable(entry: LedgerEntryRecord): void {
  const state = deriveEntryState(entry);
  if (state === 'unknown' || state === 'needs-attention') return;
  throw new LedgerError(
    'ERR_LEDGER_NOT_RESOLVABLE',
    `Reference "${entry.reference}" is ${state}, not in doubt: only unknown or needs-attention entries are settled by a person.`,
    { reference: entry.reference },
  );
}
