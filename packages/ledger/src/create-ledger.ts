import {
  type CallOptions,
  type ReversalProvider,
  ReversalError,
  type ReversalResult,
  ReversalValidationError,
  isValidReference,
} from '@reversal/core';
import { validateReversalRequest } from '@reversal/core/kit';
import type { Ledger, LedgerRequest } from './ledger.js';
import { LedgerError } from './ledger-error.js';
import { publishLedgerEvent } from './ledger-events.js';
import type { LedgerOptions } from './ledger-options.js';
import { applyAnswer, applyLedgerEvent } from './model/apply-answer.js';
import type { EntryState } from './model/entry-state.js';
import { toLedgerEntry, withDerivedState } from './model/entry-view.js';
import type { LedgerAttempt, LedgerEntry, LedgerEntryRecord, LedgerRequestRecord } from './model/ledger-entry.js';
import { newAttempt } from './model/new-attempt.js';
import { attemptReference } from './attempt-reference.js';
import { assertSameRequest } from './request-conflict.js';
import { paymentInUse, referencePruned } from './payment-refusals.js';
import { checkListQuery } from './list-query.js';
import { resolveProviders } from './resolve-providers.js';
import { createOutcomeClaims, markOutcomeDue, outcomeReceipt } from './outcome-claims.js';
import { createOutcomeHandOver } from './hand-over-outcome.js';
import { callbackWindow } from './callback-window.js';
import { escalationPolicy } from './escalation-policy.js';
import { reconcileOnce } from './reconcile.js';
import { assertRetryable } from './retry-refusal.js';
import { runReconciler } from './start-reconciler.js';
import { assertResolvable, checkResolveInput } from './resolve-entry.js';
import type { EntryKey } from './store/ledger-store.js';
import { createOutcomeWaiters } from './wait-for-outcome.js';

const DEFAULT_RETENTION_MS = 30 * 86_400_000;
// Longer than any reversal window we know of, and a year of audits: a payment reversed that long
// ago is still refused a second reversal.
const DEFAULT_TOMBSTONE_RETENTION_MS = 400 * 86_400_000;

/**
 * Creates a ledger over your provider(s) and a store: every payment reversed exactly once, across
 * retries, restarts and instances sharing a database.
 *
 * @example
 * const ledger = createLedger({ store: await createPgliteStore({ directory: './reversals' }), provider });
 * const entry = await ledger.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' });
 * if (entry.state === 'retryable') await ledger.retry('ORDER1234');
 */
export function createLedger(options: LedgerOptions): Ledger {
  const { store, onEvent } = options;
  const pickProvider = resolveProviders(options);
  const now = options.now ?? (() => new Date());
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const tombstoneRetentionMs = options.tombstoneRetentionMs ?? DEFAULT_TOMBSTONE_RETENTION_MS;
  for (const [name, value] of [['retentionMs', retentionMs], ['tombstoneRetentionMs', tombstoneRetentionMs]] as const) {
    if (!(Number.isFinite(value) && value >= 0)) throw new LedgerError('ERR_LEDGER_CONFIG', `${name} must be a number of milliseconds, 0 or more.`);
  }
  const windowOf = callbackWindow(options.callbackWindowMs);
  const escalationOf = escalationPolicy(options.escalation);
  const waitForOutcome = createOutcomeWaiters(store, options.maxWaiters ?? 10_000);
  const outcomeClaims = createOutcomeClaims(store, now, { releaseToDue: true });
  const handOver = options.onOutcome && createOutcomeHandOver(outcomeClaims, options.onOutcome);

  /**
   * Changes an entry under the store's lock, with its state derived afresh (and, with `onOutcome`,
   * an outcome marked due in the same write); publishes events; hands the outcome over. A failed
   * hand-over rejects only when `strict` (a callback: the provider delivers again); otherwise the
   * reconciler tries again.
   */
  const change = async (key: EntryKey, edit: (entry: LedgerEntryRecord) => LedgerEntryRecord | undefined, strict = false) => {
    let before: EntryState | undefined;
    const stored = await store.update(key, (current) => {
      before = current.state;
      const next = edit(current);
      if (!next) return undefined;
      const derived = withDerivedState(next, now());
      // Marked whether or not this instance has onOutcome: another instance sharing the store may
      // (a service with onOutcome, and an operator's `reversal reconcile --wait` recording a callback).
      return markOutcomeDue(derived);
    });
    if (!stored) return undefined;
    if (before !== stored.state) announce(stored);
    if (handOver) await handOver(stored).catch((error: unknown) => {
      if (strict) throw error;
    });
    return toLedgerEntry(stored);
  };

  const announce = (entry: LedgerEntryRecord) => {
    if (entry.state !== 'double-reversed' && entry.state !== 'needs-attention') return;
    publishLedgerEvent(
      {
        type: entry.state === 'double-reversed' ? 'double-reversal' : 'needs-attention',
        provider: entry.provider,
        reference: entry.reference,
        state: entry.state,
        attempts: entry.attempts.map((attempt) => attempt.providerReference),
      },
      onEvent,
    );
  };

  const replaceAttempt = (entry: LedgerEntryRecord, attempt: LedgerAttempt, edit: (current: LedgerAttempt) => LedgerAttempt) => ({
    ...entry,
    attempts: entry.attempts.map((current) => (current.number === attempt.number ? edit(current) : current)),
  });

  /** Sends one recorded attempt and records what came back. */
  const send = async (provider: ReversalProvider, entry: LedgerEntryRecord, attempt: LedgerAttempt, callOptions?: CallOptions) => {
    const { transactionId, amount, reason } = entry.request;
    let result: ReversalResult;
    try {
      result = await provider.reverse(
        { transactionId, ...(amount === undefined ? {} : { amount }), reference: attempt.providerReference, ...(reason === undefined ? {} : { reason }) },
        callOptions,
      );
    } catch (error) {
      // The contract: reverse() rejects only when nothing was sent. Anything else is read as
      // "may have left", so that a broken adapter can never open the way to a second reversal.
      const notSent = ReversalError.isInstance(error) || callOptions?.signal?.aborted === true;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : 'reverse() rejected';
      await change(entry, (current) =>
        replaceAttempt(current, attempt, (stored) => applyLedgerEvent(stored, notSent ? 'not-sent' : 'maybe-processed', message, now())),
      );
      throw error;
    }
    let recorded: LedgerEntry | undefined;
    try {
      recorded = await change(entry, (current) => replaceAttempt(current, attempt, (stored) => applyAnswer(stored, result, 'reverse', now())));
    } catch (error) {
      throw new LedgerError(
        'ERR_LEDGER_STORE',
        `The reversal "${entry.reference}" was sent (the provider answered ${result.status}) but the answer could not be recorded: ` +
          `${error instanceof Error ? error.message : String(error)}. It may have been applied: do NOT send it again. ` +
          `Its attempt ${attempt.providerReference} stays in doubt and the reconciler settles it with a status check.`,
        { reference: entry.reference, cause: error },
      );
    }
    if (!recorded) throw new LedgerError('ERR_LEDGER_NOT_FOUND', `The entry "${entry.reference}" disappeared while its attempt was sent.`);
    return recorded;
  };

  const lookup = async (reference: string, providerId: string | undefined): Promise<[ReversalProvider, EntryKey]> => {
    const provider = pickProvider(providerId);
    return [provider, { provider: provider.id, reference }];
  };

  const recordAnswer = async (result: ReversalResult, source: 'callback' | 'status', strict: boolean) => {
    const found = await store.findByAttempt(result.provider, result.reference);
    const attempt = found?.attempts.find((candidate) => candidate.providerReference === result.reference);
    if (!found || !attempt) return undefined;
    return change(found, (current) => replaceAttempt(current, attempt, (stored) => applyAnswer(stored, result, source, now())), strict);
  };
  const record: Ledger['record'] = (result, source) => recordAnswer(result, source, false);

  const prune = (limit = 1_000) => {
    const at = now();
    return store.prune({
      before: new Date(at.getTime() - retentionMs),
      tombstonesBefore: new Date(at.getTime() - tombstoneRetentionMs),
      limit,
      now: at,
    });
  };
  const reconcile: Ledger['reconcile'] = (reconcileOptions) =>
    reconcileOnce(
      {
        store,
        providers: options.providers ?? (options.provider ? [options.provider] : []),
        callbackWindowMs: windowOf,
        escalation: escalationOf,
        now,
        change: (key, edit) => change(key, edit),
        ...(handOver ? { handOver: async (key: EntryKey) => {
          const entry = await store.get(key);
          return entry ? handOver(entry) : 'none';
        } } : {}),
        prune: () => prune(),
      },
      reconcileOptions,
    );

  return {
    reconcile,
    startReconciler: (startOptions) => runReconciler(reconcile, startOptions),

    outcomeClaims,

    async receive(result) {
      // With onOutcome the ledger hands outcomes over itself (a failure rejects: the provider delivers again).
      const entry = await recordAnswer(result, 'callback', true);
      if (!entry) return { kind: 'not-ours' };
      return handOver ? { kind: 'recorded' } : outcomeReceipt(entry);
    },

    async reverse(request: LedgerRequest, callOptions?: CallOptions): Promise<LedgerEntry> {
      if (typeof request !== 'object' || request === null || !isValidReference(request.reference)) {
        throw new ReversalValidationError([
          { field: 'reference', message: 'is required by the ledger: your idempotency key for this reversal, 1–20 letters and digits' },
        ]);
      }
      const { provider: providerId, additional, reference, ...reversal } = request;
      const provider = pickProvider(providerId);
      // Validated with the provider's own rules, under the reference its first attempt will carry,
      // before anything is recorded: a request the provider would refuse burns no reference.
      const firstReference = attemptReference(provider, reference, 1);
      const validated = validateReversalRequest(
        { ...reversal, reference: firstReference },
        { capabilities: provider.capabilities, ...(provider.requestRules ? { rules: provider.requestRules } : {}) },
      );
      checkAdditional(additional, provider, validated.amount);
      const requested: LedgerRequestRecord = {
        transactionId: validated.transactionId,
        ...(validated.amount === undefined ? {} : { amount: validated.amount }),
        ...(validated.reason === undefined ? {} : { reason: validated.reason }),
      };
      const at = now();
      const attempt = newAttempt(1, at, firstReference);
      const outcome = await store.insert(
        withDerivedState(
          {
            provider: provider.id,
            reference,
            request: requested,
            statusCheck: provider.capabilities.statusCheck && typeof provider.checkStatus === 'function',
            attempts: [attempt],
            createdAt: at,
            updatedAt: at,
          },
          at,
        ),
        { guardPayment: additional !== true },
      );
      switch (outcome.kind) {
        case 'exists':
          assertSameRequest(reference, outcome.entry.request, requested);
          return toLedgerEntry(outcome.entry);
        case 'pruned':
          throw referencePruned(outcome.tombstone);
        case 'payment-in-use':
          throw paymentInUse(reference, validated.transactionId, outcome.other);
        case 'inserted':
          return send(provider, outcome.entry, attempt, callOptions);
      }
    },

    async retry(reference, retryOptions) {
      const [provider, key] = await lookup(reference, retryOptions?.provider);
      let attempt: LedgerAttempt | undefined;
      const entry = await change(key, (current) => {
        assertRetryable(current);
        const number = current.attempts.length + 1;
        attempt = newAttempt(number, now(), attemptReference(provider, reference, number));
        return { ...current, attempts: [...current.attempts, attempt] };
      });
      if (!entry || !attempt) throw notFound(reference);
      const { signal, timeoutMs } = retryOptions ?? {};
      return send(provider, entry, attempt, { ...(signal ? { signal } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    },

    async get(reference, getOptions) {
      const [, key] = await lookup(reference, getOptions?.provider);
      const entry = await store.get(key);
      return entry && toLedgerEntry(entry);
    },

    async list(query) {
      const entries = await store.list(checkListQuery(query));
      return entries.map(toLedgerEntry);
    },

    record,

    async waitForOutcome(reference, waitOptions) {
      const [, key] = await lookup(reference, waitOptions?.provider);
      return waitForOutcome(key, waitOptions);
    },

    async resolve(reference, input) {
      const [, key] = await lookup(reference, input?.provider);
      const resolution = checkResolveInput(input, now());
      const entry = await change(key, (current) => {
        assertResolvable(current);
        return { ...current, resolution };
      });
      if (!entry) throw notFound(reference);
      return entry;
    },

    async prune(pruneOptions) {
      return prune(pruneOptions?.limit);
    },
  };
}

function checkAdditional(additional: unknown, provider: ReversalProvider, amount: string | undefined): void {
  if (additional === undefined || additional === false) return;
  const why =
    additional !== true
      ? 'must be true or false'
      : !provider.capabilities.partialReversal
        ? `is only for a further partial reversal, and ${provider.id} cannot reverse part of a payment`
        : amount === undefined
          ? 'needs an amount: a further partial reversal names the part it reverses'
          : undefined;
  if (why) throw new ReversalValidationError([{ field: 'additional', message: why }]);
}

function notFound(reference: string): LedgerError {
  return new LedgerError('ERR_LEDGER_NOT_FOUND', `No ledger entry has reference "${reference}". Check the reference (and provider).`, {
    reference,
  });
}
