import { OUTCOME_ENTRY_STATES } from './model/entry-state.js';
import { toLedgerEntry } from './model/entry-view.js';
import type { LedgerEntry } from './model/ledger-entry.js';
import type { StopWatching } from './store/change-feed.js';
import type { EntryKey, LedgerStore } from './store/ledger-store.js';

/** Options of `waitForOutcome`. */
export interface WaitForOutcomeOptions {
  /** How long to wait for an outcome, in milliseconds. Default 60,000. */
  readonly timeoutMs?: number;
  /** Stops waiting: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The provider id; required only when the ledger has several providers. */
  readonly provider?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const OUTCOME_STATES = new Set(OUTCOME_ENTRY_STATES);
const keyText = (key: EntryKey) => JSON.stringify([key.provider, key.reference]);

/**
 * The waiters of one ledger: one `watch` of the store while anyone waits (given back when nobody
 * does), each change looked up by key. Bounded: at most `maxWaiters` at once, beyond it a `RangeError`.
 */
export function createOutcomeWaiters(store: LedgerStore, maxWaiters: number) {
  const waiters = new Map<string, Set<() => void>>();
  let count = 0;
  let watching: Promise<StopWatching> | undefined;

  const startWatching = () => {
    watching ??= store.watch((key) => {
      for (const wake of [...(waiters.get(keyText(key)) ?? [])]) wake();
    });
    watching.catch(() => {
      watching = undefined;
    });
    return watching;
  };
  const stopWatchingIfIdle = () => {
    if (count > 0 || !watching) return;
    const stopping = watching;
    watching = undefined;
    stopping.then((stop) => stop()).catch(() => {});
  };

  return function waitForOutcome(key: EntryKey, options: WaitForOutcomeOptions = {}): Promise<LedgerEntry | undefined> {
    const { signal } = options;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs >= 0) || !Number.isFinite(timeoutMs)) {
      return Promise.reject(new RangeError('waitForOutcome needs timeoutMs to be a finite number of milliseconds >= 0.'));
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (count >= maxWaiters) {
      return Promise.reject(new RangeError(`The ledger already has ${maxWaiters} waiters; wait for fewer outcomes at once or raise maxWaiters.`));
    }

    return new Promise((resolve, reject) => {
      const text = keyText(key);
      let settled = false;
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const set = waiters.get(text);
        set?.delete(wake);
        if (set?.size === 0) waiters.delete(text);
        count -= 1;
        stopWatchingIfIdle();
        settle();
      };
      const read = () => store.get(key).then((entry) => entry && toLedgerEntry(entry));
      const wake = () => {
        read().then(
          (entry) => {
            if (entry && OUTCOME_STATES.has(entry.state)) finish(() => resolve(entry));
          },
          (error: unknown) => finish(() => reject(error)),
        );
      };
      const onAbort = () => finish(() => reject(signal?.reason));
      const timer = setTimeout(() => finish(() => read().then(resolve, reject)), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      count += 1;
      waiters.set(text, (waiters.get(text) ?? new Set()).add(wake));
      // Listen before reading, so that an outcome recorded in between is not missed.
      startWatching().then(
        () => {
          if (!settled) wake();
        },
        (error: unknown) => finish(() => reject(error)),
      );
    });
  };
}
