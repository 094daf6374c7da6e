import type { ReversalProvider } from '../reversal-provider.js';
import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';
import type { CallbackDeduplicator } from './callback-deduplicator.js';
import type { CallbackFailure } from './callback-failure.js';
import type { CallbackLedger } from './callback-ledger.js';
import type { ResultStore } from './result-store.js';

/** Options of `createCallbackHandler`: one `provider`, or several `providers`, and the rest. */
export type CallbackHandlerOptions<TMetadata extends ProviderMetadata = ProviderMetadata> = (
  | {
      /** The provider whose callbacks this handler receives. */
      readonly provider: ReversalProvider<TMetadata>;
      readonly providers?: undefined;
    }
  | {
      /**
       * Several providers behind one endpoint. When more than one receives callbacks, each
       * provider's result URL must name it: `?provider=<id>` or a path segment equal to its id.
       */
      readonly providers: readonly ReversalProvider<TMetadata>[];
      readonly provider?: undefined;
    }
) &
  CallbackHandlerSettings<TMetadata>;

/** The settings of `createCallbackHandler` besides the provider(s). */
export interface CallbackHandlerSettings<TMetadata extends ProviderMetadata = ProviderMetadata> {
  /**
   * Your code: called once per outcome (`succeeded`, `failed`, `unknown`; never `pending`) and
   * awaited before the provider is answered. Throw to have the provider told 500, so that it may
   * deliver again; keep it idempotent, as a provider may deliver twice in any case.
   *
   * Without a `ledger`, only a result that changes what the `store` recorded for its attempt is
   * handed over: a late callback that changes nothing (Daraja's queue timeout after that attempt's
   * success, an `unknown` after its refusal) is acknowledged to the provider and not passed on. Two
   * such callbacks arriving at the same moment may both be handed over.
   */
  readonly onResult: (result: ReversalResult<TMetadata>) => unknown;
  /**
   * Told about every callback answered 4xx/5xx (forged tokens, garbage, `onResult` failures).
   * For logging and alerting; what it throws is ignored.
   */
  readonly onError?: (failure: CallbackFailure) => void;
  /** The largest body read, in bytes; larger ones are answered 413 unread. Default 65,536. */
  readonly maxBodyBytes?: number;
  /**
   * Only these addresses or CIDR ranges may deliver callbacks; others are answered 403 and their
   * body is not read. Off by default. `SAFARICOM_CALLBACK_ADDRESSES` of `@reversal/safaricom-ke` is a preset for Daraja.
   */
  readonly allowList?: readonly string[];
  /**
   * How many reverse proxies in front of this server append to `X-Forwarded-For`. 0 (default)
   * ignores the header, so a sender cannot forge its address; set it to the number of proxies
   * you run (1 behind one load balancer) for the allow-list to see the real sender.
   */
  readonly trustProxy?: number;
  /**
   * Drops repeated deliveries of the same outcome of the same attempt before `onResult`. Default:
   * bounded in-memory (`createMemoryDeduplicator()`); pass a shared one for several instances,
   * `false` for none. A delivery arriving while the same outcome is still inside `onResult` is
   * never acknowledged before that one has succeeded: it waits (`dedupeWaitMs`) or is answered 503
   * with `Retry-After`, so that the provider delivers it again.
   */
  readonly dedupe?: CallbackDeduplicator | false;
  /**
   * How long a delivery may stay inside `onResult` before a redelivery of the same outcome may take
   * over its claim (a process that died there must not block redeliveries for good), in
   * milliseconds. Longer than your slowest `onResult`. Default 60,000.
   */
  readonly dedupeLeaseMs?: number;
  /**
   * How long a redelivery waits for the same outcome's delivery in progress in this process before
   * it is answered 503 with `Retry-After`, in milliseconds; 0 answers at once. Default 5,000.
   */
  readonly dedupeWaitMs?: number;
  /** Where received results are recorded for `waitForResult`. Default: `createMemoryResultStore()`. */
  readonly store?: ResultStore;
  /**
   * A ledger (`createLedger` of `@reversal/ledger`) that records every result to its attempt,
   * durably, before `onResult`. `onResult` then receives each reversal's outcome once, across every
   * instance sharing the ledger, under your reference: not each callback. Results the ledger does
   * not know go down the usual path (`dedupe`, `store`).
   */
  readonly ledger?: CallbackLedger;
}
