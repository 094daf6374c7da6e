import { reviveResult, type ReversalResult } from '@reversal/core';
import type { AttemptState } from '../model/attempt-state.js';
import type { EntryState } from '../model/entry-state.js';
import type {
  AttemptAnswer,
  EntryEscalation,
  EntryStatusChecks,
  LedgerAttempt,
  LedgerEntryRecord,
  LedgerResolution,
  OutcomeDelivery,
} from '../model/ledger-entry.js';
import type { LedgerTombstone } from '../model/ledger-tombstone.js';

/** A row of `reversal_ledger_entries`. */
export interface EntryRow {
  provider: string;
  reference: string;
  transaction_id: string;
  amount: string | null;
  reason: string | null;
  status_check: boolean;
  state: string;
  resolution: { outcome: LedgerResolution['outcome']; note: string; by?: string; at: string } | null;
  outcome_delivery: (Omit<OutcomeDelivery, 'leaseEndsAt'> & { leaseEndsAt?: string }) | null;
  created_at: Date;
  updated_at: Date;
  status_checks: number;
  last_check_at: Date | null;
  next_check_at: Date | null;
  escalation: (Omit<EntryEscalation, 'at'> & { at: string }) | null;
}

/** A row of `reversal_ledger_attempts`. */
export interface AttemptRow {
  number: number;
  provider_reference: string;
  state: string;
  conversation_id: string | null;
  provider_request_id: string | null;
  result: unknown;
  answers: (Omit<AttemptAnswer, 'at'> & { at: string })[];
  created_at: Date;
  updated_at: Date;
}

/** A row of `reversal_ledger_tombstones`. */
export interface TombstoneRow {
  provider: string;
  reference: string;
  transaction_id: string;
  amount: string | null;
  state: string;
  resolution_outcome: string | null;
  created_at: Date;
  updated_at: Date;
  pruned_at: Date;
}

/** The tombstone of a row. */
export function toTombstone(row: TombstoneRow): LedgerTombstone {
  return {
    provider: row.provider,
    reference: row.reference,
    transactionId: row.transaction_id,
    ...(row.amount === null ? {} : { amount: row.amount }),
    state: row.state as EntryState,
    ...(row.resolution_outcome === null ? {} : { resolutionOutcome: row.resolution_outcome as LedgerResolution['outcome'] }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    prunedAt: new Date(row.pruned_at),
  };
}

/** The entry record of a row and its attempt rows (ordered by number). */
export function toRecord(row: EntryRow, attempts: readonly AttemptRow[]): LedgerEntryRecord {
  return {
    provider: row.provider,
    reference: row.reference,
    request: {
      transactionId: row.transaction_id,
      ...(row.amount === null ? {} : { amount: row.amount }),
      ...(row.reason === null ? {} : { reason: row.reason }),
    },
    statusCheck: row.status_check,
    state: row.state as EntryState,
    attempts: attempts.map(toAttempt),
    ...(row.resolution === null ? {} : { resolution: { ...row.resolution, at: new Date(row.resolution.at) } }),
    ...(row.outcome_delivery == null ? {} : { outcomeDelivery: toOutcomeDelivery(row.outcome_delivery) }),
    ...(row.next_check_at == null ? {} : { statusChecks: toStatusChecks(row, row.next_check_at) }),
    ...(row.escalation == null ? {} : { escalation: { ...row.escalation, at: new Date(row.escalation.at) } }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toStatusChecks(row: EntryRow, nextAt: Date): EntryStatusChecks {
  return { count: Number(row.status_checks), lastAt: new Date(row.last_check_at ?? nextAt), nextAt: new Date(nextAt) };
}

function toOutcomeDelivery(stored: NonNullable<EntryRow['outcome_delivery']>): OutcomeDelivery {
  const { leaseEndsAt, ...rest } = stored;
  return { ...rest, ...(leaseEndsAt === undefined ? {} : { leaseEndsAt: new Date(leaseEndsAt) }) };
}

function toAttempt(row: AttemptRow): LedgerAttempt {
  return {
    number: Number(row.number),
    providerReference: row.provider_reference,
    state: row.state as AttemptState,
    ...(row.conversation_id === null ? {} : { conversationId: row.conversation_id }),
    ...(row.provider_request_id === null ? {} : { providerRequestId: row.provider_request_id }),
    ...(row.result === null ? {} : { result: reviveResult(row.result) }),
    answers: row.answers.map((answer) => ({ ...answer, at: new Date(answer.at) })),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The parameters of an entry row, in the column order of {@link ENTRY_COLUMNS}. */
export function entryParams(entry: LedgerEntryRecord): unknown[] {
  return [
    entry.provider,
    entry.reference,
    entry.request.transactionId,
    entry.request.amount ?? null,
    entry.request.reason ?? null,
    entry.statusCheck,
    entry.state,
    entry.resolution ? toJson(entry.resolution) : null,
    entry.createdAt,
    entry.updatedAt,
    entry.outcomeDelivery ? toJson(entry.outcomeDelivery) : null,
    entry.statusChecks?.count ?? 0,
    entry.statusChecks?.lastAt ?? null,
    entry.statusChecks?.nextAt ?? null,
    entry.escalation ? toJson(entry.escalation) : null,
  ];
}

/** The columns of an entry row. */
export const ENTRY_COLUMNS =
  'provider, reference, transaction_id, amount, reason, status_check, state, resolution, created_at, updated_at, outcome_delivery, ' +
  'status_checks, last_check_at, next_check_at, escalation';

/** The parameters of an attempt row, in the column order of {@link ATTEMPT_COLUMNS}. */
export function attemptParams(entry: LedgerEntryRecord, attempt: LedgerAttempt): unknown[] {
  return [
    entry.provider,
    entry.reference,
    attempt.number,
    attempt.providerReference,
    attempt.state,
    attempt.conversationId ?? null,
    attempt.providerRequestId ?? null,
    attempt.result ? toJson(attempt.result satisfies ReversalResult) : null,
    toJson(attempt.answers),
    attempt.createdAt,
    attempt.updatedAt,
  ];
}

/** The columns of an attempt row. */
export const ATTEMPT_COLUMNS =
  'provider, reference, number, provider_reference, state, conversation_id, provider_request_id, result, answers, created_at, updated_at';

/**
 * JSON text for a `jsonb` column. PostgreSQL refuses the NUL character and lone UTF-16 surrogates
 * (an emoji cut in half by a provider, or by a `slice`) in `jsonb`; a payload carrying one is stored
 * with U+FFFD in its place rather than failing the write. `JSON.stringify` escapes exactly those
 * (`\u0000`, `\ud83d` alone), never a valid pair, so replacing the escapes it wrote is enough.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g, '$1\\ufffd');
}
