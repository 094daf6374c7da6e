import diagnosticsChannel from 'node:diagnostics_channel';
import type { ReversalStatus } from '../reversal-result.js';

/**
 * The `node:diagnostics_channel` channel names the library publishes to. Subscribe to log, count
 * or trace; the library itself never prints.
 *
 * @example
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(REVERSAL_CHANNELS.result, (event) => logger.info(event));
 */
export const REVERSAL_CHANNELS = Object.freeze({
  request: 'reversal:request',
  response: 'reversal:response',
  retry: 'reversal:retry',
  token: 'reversal:token',
  result: 'reversal:result',
} as const);

/** An HTTP request is about to be sent. */
export interface RequestEvent {
  readonly type: 'request';
  readonly provider: string;
  readonly operation: string;
  readonly method: string;
  /** Origin and path, without the query string. */
  readonly url: string;
}

/** An HTTP exchange ended: with a response, or with a transport failure. */
export interface ResponseEvent {
  readonly type: 'response';
  readonly provider: string;
  readonly operation: string;
  readonly outcome: 'response' | 'not-sent' | 'maybe-sent';
  readonly status?: number;
  /** Transport failure code (`ECONNREFUSED`, `TIMEOUT`), when there was no usable response. */
  readonly code?: string;
  readonly durationMs: number;
}

/** A request that provably did not reach the provider is being sent again. */
export interface RetryEvent {
  readonly type: 'retry';
  readonly provider: string;
  readonly operation: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: string;
}

/** An access token was fetched (first use, expiry, or rejection by the provider). */
export interface TokenEvent {
  readonly type: 'token';
  readonly provider: string;
  readonly reason: 'initial' | 'expired' | 'rejected';
  readonly ok: boolean;
}

/** A result was produced by `reverse`, `parseCallback` or `checkStatus`. */
export interface ResultEvent {
  readonly type: 'result';
  readonly provider: string;
  readonly source: 'reverse' | 'callback' | 'status';
  readonly status: ReversalStatus;
  readonly reference: string;
  readonly code?: string;
}

/** Everything the library reports; never carries a credential. */
export type ReversalEvent = RequestEvent | ResponseEvent | RetryEvent | TokenEvent | ResultEvent;

/** What adapters report through; see {@link createEventEmitter}. */
export interface EventEmitter {
  /** Publishes an event to its channel and to `onEvent`. */
  emit(event: ReversalEvent): void;
  /**
   * True when anyone listens (an `onEvent` callback or a channel subscriber): callers skip
   * building events nobody would see.
   */
  readonly observed: boolean;
}

/**
 * Publishes events to the {@link REVERSAL_CHANNELS} and to an optional `onEvent` callback. A
 * callback that throws is ignored: observing a payment must never break it.
 */
export function createEventEmitter(onEvent?: (event: ReversalEvent) => void): EventEmitter {
  const channels = Object.fromEntries(
    Object.entries(REVERSAL_CHANNELS).map(([type, name]) => [type, diagnosticsChannel.channel(name)]),
  ) as Record<ReversalEvent['type'], diagnosticsChannel.Channel>;
  const all = Object.values(channels);
  return {
    get observed() {
      return onEvent !== undefined || all.some((channel) => channel.hasSubscribers);
    },
    emit(event) {
      const channel = channels[event.type];
      if (channel.hasSubscribers) channel.publish(event);
      if (onEvent) {
        try {
          onEvent(event);
        } catch {
          // Deliberately ignored, see above.
        }
      }
    },
  };
}
