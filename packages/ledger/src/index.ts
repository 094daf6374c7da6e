export { createLedger } from './create-ledger.js';
export type { EntryLookup, Ledger, LedgerRequest, ListQuery, ResolveInput } from './ledger.js';
export type { LedgerErrorCode } from './ledger-error.js';
export { LedgerError } from './ledger-error.js';
export type { LedgerEvent } from './ledger-events.js';
export { LEDGER_CHANNEL } from './ledger-events.js';
export type { LedgerOptions } from './ledger-options.js';
export type { EscalationOptions, EscalationPolicy } from './escalation-policy.js';
export { DEFAULT_ESCALATION } from './escalation-policy.js';
export { STATUS_CHECK_BACKOFF_MS } from './model/status-check-schedule.js';
export type { AttemptEvent, AttemptState } from './model/attempt-state.js';
export {
  ATTEMPT_EVENTS,
  ATTEMPT_STATES,
  ATTEMPT_TRANSITIONS,
  classifyAnswer,
  DID_NOTHING_STATES,
  FINAL_ATTEMPT_STATES,
  nextAttemptState,
} from './model/attempt-state.js';
export { attemptStatusQuery } from './model/attempt-status-query.js';
export type { EntryState, EntryStateInput } from './model/entry-state.js';
export { DELETABLE_ENTRY_STATES, deriveEntryState, ENTRY_STATES, OUTCOME_ENTRY_STATES } from './model/entry-state.js';
export type {
  AnswerSource,
  AttemptAnswer,
  EntryEscalation,
  EntryStatusChecks,
  LedgerAttempt,
  LedgerEntry,
  LedgerEntryRecord,
  LedgerRequestRecord,
  LedgerResolution,
  OutcomeDelivery,
} from './model/ledger-entry.js';
export type { LedgerTombstone } from './model/ledger-tombstone.js';
export { blocksPayment, PAYMENT_BLOCKING_STATES } from './model/payment-guard.js';
export { entryResult } from './model/entry-result.js';
export type { StopWatching } from './store/change-feed.js';
export type {
  DueLease,
  DueQuery,
  EntryKey,
  InsertOptions,
  InsertOutcome,
  LedgerStore,
  PruneOptions,
  StoreListQuery,
} from './store/ledger-store.js';
export type { MemoryLedgerStoreOptions } from './store/memory-store.js';
export { createMemoryLedgerStore } from './store/memory-store.js';
export type { PgliteStoreOptions } from './pglite/create-pglite-store.js';
export { createPgliteStore } from './pglite/create-pglite-store.js';
export type { PostgresPool, PostgresPoolClient, PostgresStoreOptions } from './postgres/create-postgres-store.js';
export { createPostgresStore } from './postgres/create-postgres-store.js';
export type { Migration } from './sql/migrations.js';
export { MIGRATIONS } from './sql/migrations.js';
export type { WaitForOutcomeOptions } from './wait-for-outcome.js';
export type { ReconciledEntry, ReconcileOptions, ReconcileReport } from './reconcile.js';
export { DEFAULT_CALLBACK_WINDOW_MS } from './reconcile.js';
export type { RunningReconciler, StartReconcilerOptions } from './start-reconciler.js';
