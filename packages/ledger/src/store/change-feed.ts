import type { EntryKey } from './ledger-store.js';

/** Stops a {@link LedgerStore.watch} subscription. */
export type StopWatching = () => Promise<void>;

/** The listeners of one store in this process; bounded by the ledgers watching it (one each). */
export interface ChangeFeed {
  /** Tells every listener; a throwing listener is ignored. */
  emit(key: EntryKey): void;
  watch(listener: (key: EntryKey) => void): Promise<StopWatching>;
}

/** A change feed within this process (the memory and PGlite stores; PostgreSQL adds LISTEN/NOTIFY). */
export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<(key: EntryKey) => void>();
  return {
    emit(key) {
      for (const listener of [...listeners]) {
        try {
          listener(key);
        } catch {
          // A listener's failure is its own: the change is recorded and the others must hear of it.
        }
      }
    },
    async watch(listener) {
      const entry = (key: EntryKey) => listener(key);
      listeners.add(entry);
      return async () => {
        listeners.delete(entry);
      };
    },
  };
}

/** The payload of a change notification: the entry's key as JSON. */
export function encodeEntryKey(key: EntryKey): string {
  return JSON.stringify([key.provider, key.reference]);
}

/** The key of a change notification's payload, or `undefined` when it is not one. */
export function decodeEntryKey(payload: string | undefined): EntryKey | undefined {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') return { provider: value[0], reference: value[1] };
  } catch {
    // Not ours: another application may use the channel name.
  }
  return undefined;
}
