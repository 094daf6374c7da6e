import type { RequestRules } from './request-rules.js';
import type { ReversalRequest } from './reversal-request.js';
import type { ProviderMetadata, ReversalResult, ReversalStatus } from './reversal-result.js';

/** What a provider can do; applications read it instead of branching on the provider id. */
export interface ProviderCapabilities {
  /** True when the provider can reverse part of a payment (`amount` below the original). */
  readonly partialReversal: boolean;
  /**
   * `sync` – `reverse()` resolves with the final outcome. `callback` – `reverse()` resolves with
   * `pending` and the outcome arrives later at your callback endpoint (see `parseCallback`).
   */
  readonly resultDelivery: 'sync' | 'callback';
  /** ISO 4217 codes of the currencies the provider moves (`["KES"]`). */
  readonly currencies: readonly string[];
  /** True when the provider implements `checkStatus`. */
  readonly statusCheck: boolean;
  /**
   * How a status query's answer arrives: `sync` – `checkStatus()` resolves with it; `callback` –
   * `checkStatus()` resolves with the reversal's status unchanged and the answer arrives later at
   * your callback endpoint, as a result for the reversal's reference.
   */
  readonly statusDelivery: 'sync' | 'callback';
}

/** Per-call options of {@link ReversalProvider.reverse} and {@link ReversalProvider.checkStatus}. */
export interface CallOptions {
  /**
   * Cancels the call. An abort before anything was sent rejects with the signal's reason; an
   * abort after the request was written resolves to `unknown` (the provider may have processed it).
   */
  readonly signal?: AbortSignal;
  /** Overrides the provider's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
}

/** Headers as a web `Headers` object or a Node-style record. */
export type HeaderInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** An incoming callback, as your HTTP framework hands it over. */
export interface CallbackInput {
  /** The raw body (string or bytes) or an already-parsed JSON value. */
  readonly body: unknown;
  /** The full URL the callback was delivered to (path and query carry the reference). */
  readonly url: string | URL;
  /** The request headers. */
  readonly headers?: HeaderInput;
}

/** What identifies a reversal to look up; a previous {@link ReversalResult} fits as it is. */
export interface StatusQuery {
  /** The reference of the reversal request. */
  readonly reference: string;
  /** The receipt of the payment that was to be reversed. */
  readonly originalTransactionId: string;
  /** The provider's conversation id, when the provider returned one. */
  readonly conversationId?: string;
  /** The id the provider knows the reversal request by (see `ReversalResult.providerRequestId`). */
  readonly providerRequestId?: string;
  /** The provider's receipt of the reversal, when known. */
  readonly reversalTransactionId?: string;
  /**
   * The reversal's status as last known (a previous result carries it). A provider whose status
   * answers arrive by callback (`capabilities.statusDelivery: 'callback'`) resolves `checkStatus`
   * with it unchanged; left out, it is taken as `unknown`.
   */
  readonly status?: ReversalStatus;
}

/**
 * The provider-neutral contract every adapter implements. Program against it and the provider
 * becomes a matter of configuration.
 *
 * `reverse()` rejects only when nothing was sent (`ReversalValidationError`,
 * `ReversalConfigError`, or an abort before sending); every other outcome resolves to a
 * {@link ReversalResult}.
 *
 * @example
 * const result = await provider.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00' });
 * if (result.status === 'unknown' && provider.checkStatus) {
 *   const resolved = await provider.checkStatus(result);
 * }
 */
export interface ReversalProvider<TMetadata extends ProviderMetadata = ProviderMetadata> {
  /** The provider id (`"safaricom-ke"`), as used in configuration. */
  readonly id: string;
  /** What the provider can do. */
  readonly capabilities: ProviderCapabilities;
  /**
   * What the provider accepts in a request (receipt format, decimals, reason, the reference's
   * format), the rules `reverse()` validates with. Core's providers (`defineAdapter`, the mock)
   * always set it; a hand-written provider may leave it out, and callers then assume
   * `DEFAULT_REQUEST_RULES`.
   */
  readonly requestRules?: RequestRules;
  /** Asks the provider to reverse a payment. */
  reverse(request: ReversalRequest, options?: CallOptions): Promise<ReversalResult<TMetadata>>;
  /**
   * Reads a result callback of a `callback` provider into the same result model. Rejects with a
   * `ReversalCallbackError` when the callback is malformed or fails authentication.
   */
  parseCallback?(input: CallbackInput): Promise<ReversalResult<TMetadata>>;
  /**
   * The body a `callback` provider expects in answer to a callback it delivered (Daraja:
   * `{ ResultCode: 0, ResultDesc: 'Accepted' }`); a function of the result because some providers
   * want fields of their callback echoed back. Callback endpoints answer `{ received: true }` for a
   * provider without one.
   */
  acknowledgeCallback?(result: ReversalResult<TMetadata>): unknown;
  /** Asks the provider where a `pending` or `unknown` reversal stands. */
  checkStatus?(query: StatusQuery, options?: CallOptions): Promise<ReversalResult<TMetadata>>;
  /** Releases the provider's connections. Calls after `close()` are not supported. */
  close?(): Promise<void>;
}
