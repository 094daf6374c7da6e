import diagnosticsChannel from 'node:diagnostics_channel';
import type { EntryState } from './model/entry-state.js';

/** The `node:diagnostics_channel` channel the ledger publishes its events to. */
export const LEDGER_CHANNEL = 'reversal:ledger';

/**
 * Something a person must know about: an entry became a double reversal (two attempts both
 * succeeded) or needs attention (in doubt, and no status check can settle it, or the reconciler
 * escalated it after its checks or time in doubt ran out: see the entry's `escalation`).
 */
export interface LedgerEvent {
  readonly type: 'double-reversal' | 'needs-attention';
  readonly provider: string;
  /** The caller's reference of the entry. */
  readonly reference: string;
  /** The entry's state after the change. */
  readonly state: EntryState;
  /** The provider references of the entry's attempts, in order. */
  readonly attempts: readonly string[];
}

const channel = diagnosticsChannel.channel(LEDGER_CHANNEL);

/** Publishes to the channel and to `onEvent`; a throwing listener is ignored. */
export function publishLedgerEvent(event: LedgerEvent, onEvent?: (event: LedgerEvent) => void): void {
  if (channel.hasSubscribers) channel.publish(event);
  try {
    onEvent?.(event);
  } catch {
    // A listener's failure must not undo or hide what the ledger recorded.
  }
}
