import type * as v from 'valibot';
import type { ResultError } from '../reversal-result.js';
import type { EventEmitter, ReversalEvent } from '../kit/events.js';
import type { JsonRequest, JsonTransport } from '../kit/json-transport.js';
import type { Secret } from '../kit/secret.js';
import type { IssuedToken } from '../kit/token-cache.js';
import type { ResponseOutcome } from '../kit/transport-outcome.js';
import type { Money } from '../money.js';
import type { EnvironmentTable } from '../registry/provider-definition.js';
import type { RequestRules } from '../request-rules.js';
import type { CallbackInput, ProviderCapabilities, StatusQuery } from '../reversal-provider.js';
import type { ValidatedReversalRequest } from '../reversal-request.js';
import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';

/** The options every adapter has, whatever else it takes. */
export interface CommonOptions {
  /** The budget of each HTTP call in milliseconds. */
  readonly timeoutMs: number;
  /** Receives every event of this provider instance (see `REVERSAL_CHANNELS`). */
  readonly onEvent?: ((event: ReversalEvent) => void) | undefined;
}

/**
 * An adapter: what is specific to one provider, and nothing else. Core turns it into the
 * `ReversalProvider` users call (`defineAdapter`), doing validation, aborts, the not-sent-only
 * retry policy, tokens, transport-failure results, result base fields, events and scrubbing once.
 *
 * The spec fits the provider flows we know: an answer that settles at once (Vodacom), an
 * acknowledgement with the outcome by callback (Daraja), a status query whose answer arrives by
 * callback (Daraja Transaction Status), an API that may answer either way (M-Pesa OpenAPI), and
 * `202 Accepted` followed by polling with a caller-made id (MTN MoMo).
 */
export interface AdapterSpec<TId extends string, TInput, TOptions extends CommonOptions, TMetadata extends ProviderMetadata> {
  /** The id that selects the provider in configuration (`"safaricom-ke"`). */
  readonly id: TId;
  /** A human name for messages and docs (`"Safaricom M-Pesa Kenya"`). */
  readonly displayName: string;
  /** What the provider can do; `currencies[0]` is the currency of requested amounts. */
  readonly capabilities: ProviderCapabilities;
  /**
   * What the provider accepts in a request, as data, from its documentation; declare `reference`
   * (the format of the field that carries the caller's reference), or 1–20 letters and digits is assumed.
   */
  readonly requestRules: RequestRules;
  /** Validates (and defaults) the options; its messages must never echo a value. */
  readonly optionsSchema: v.GenericSchema<TInput, TOptions>;
  /** The environment variables `fromEnv` reads, option by option. */
  readonly environment: EnvironmentTable<TInput>;
  /** Sets up one provider instance from validated options: transports, credentials, operations. */
  readonly connect: (options: TOptions, context: ConnectContext) => AdapterConnection<TMetadata>;
}

/** What core hands an adapter's `connect`. */
export interface ConnectContext {
  /** The instance's event emitter (adapters rarely need it: core emits requests, retries, tokens and results). */
  readonly events: EventEmitter;
  /**
   * A keep-alive JSON transport to one origin, reporting to the instance's events, with the
   * instance's `timeoutMs`; closed by the provider's `close()`.
   */
  transport(baseUrl: string | URL): JsonTransport;
}

/** One provider instance's operations, as `connect` sets them up. */
export interface AdapterConnection<TMetadata extends ProviderMetadata> {
  /**
   * Every credential of the instance that can go onto the wire (API keys, SecurityCredentials,
   * static bearer tokens). Core removes them, in every encoded form, from `raw`, messages and events.
   */
  readonly secrets: readonly (string | Secret)[];
  /** An access token to obtain first (OAuth), when the provider uses one. */
  readonly credentials?: CredentialSpec;
  /** Sends one reversal and reads the answer. */
  readonly reversal: OperationSpec<ValidatedReversalRequest, TMetadata>;
  /** Asks where a reversal stands; present when `capabilities.statusCheck`. */
  readonly status?: OperationSpec<StatusQuery, TMetadata>;
  /** Reads callbacks; present when results (or status answers) arrive by callback. */
  readonly callback?: CallbackSpec<TMetadata>;
  /** Releases what `connect` opened beyond the transports made through the context. */
  readonly close?: () => Promise<void>;
}

/** One HTTP call, ready to send: built once, sent again as it is when it provably never left. */
export interface PreparedCall {
  /** The request, without `operation`, `signal`, `timeoutMs` (core sets them) or `schema` (any JSON). */
  readonly request: Omit<JsonRequest<unknown>, 'operation' | 'signal' | 'timeoutMs' | 'schema'>;
  /** The id the provider will know this request by, when it is made before sending (Vodacom, MoMo). */
  readonly providerRequestId?: string;
  /** Secrets of this call only (a callback token in a URL of the body); scrubbed like the instance's. */
  readonly secrets?: readonly string[];
}

/** How one operation (reversal or status query) goes onto the wire and how its answer is read. */
export interface OperationSpec<TInput, TMetadata extends ProviderMetadata> {
  /** The transport the call goes through. */
  readonly transport: JsonTransport;
  /** Builds the call for one input (validated request or status query). */
  prepare(input: TInput): PreparedCall | Promise<PreparedCall>;
  /**
   * Reads the provider's answer (any HTTP status). Return what the provider said; core adds the
   * base fields, scrubs and emits.
   */
  read(response: ResponseOutcome<unknown>, input: TInput, call: PreparedCall): ProviderAnswer<TMetadata>;
}

/** Fields of a result every answer may carry; core adds `provider`, `reference` and the rest. */
interface AnswerFields<TMetadata extends ProviderMetadata> {
  readonly reversalTransactionId?: string | undefined;
  readonly conversationId?: string | undefined;
  readonly providerRequestId?: string | undefined;
  readonly amount?: Money | undefined;
  readonly completedAt?: Date | undefined;
  readonly metadata?: TMetadata;
  /** The provider's payload as parsed; core scrubs it. */
  readonly raw: unknown;
}

/**
 * What an adapter read from a provider's answer: the normalised status with what the answer says,
 * without the fields known before sending (core adds them).
 */
export type ProviderAnswer<TMetadata extends ProviderMetadata = ProviderMetadata> =
  | (AnswerFields<TMetadata> & { readonly status: 'pending' | 'succeeded' })
  | (AnswerFields<TMetadata> & { readonly status: 'failed' | 'unknown'; readonly error: ResultError });

/** What a callback says, with the identity it carries (from its URL or its body). */
export type CallbackAnswer<TMetadata extends ProviderMetadata = ProviderMetadata> = ProviderAnswer<TMetadata> & {
  /** The reference of the request the callback answers. */
  readonly reference: string;
  /** The receipt of the payment that was to be reversed. */
  readonly originalTransactionId: string;
  /** `status` when the callback answers a status query rather than the reversal itself. */
  readonly source?: 'reversal' | 'status';
};

/** How a provider's callbacks are read and answered. */
export interface CallbackSpec<TMetadata extends ProviderMetadata> {
  /** Authenticates and reads one callback; rejects with a `ReversalCallbackError` (400 or 401). */
  read(input: CallbackInput): Promise<CallbackAnswer<TMetadata>>;
  /** The body the provider expects in answer (Daraja: `{ ResultCode: 0, ResultDesc: 'Accepted' }`). */
  acknowledge(result: ReversalResult<TMetadata>): unknown;
}

/** Why no access token could be had, in the result model's words. */
export type CredentialFailure = Omit<ResultError, 'retryable'> & {
  /** True when trying later may help (an unreachable or failing token endpoint). */
  readonly retryable: boolean;
  /** What the token endpoint answered, when it answered. */
  readonly raw?: unknown;
};

/**
 * An access token fetched before the operations (OAuth). Core keeps it in a single-flight cache,
 * sends the token call again only when it provably never left, and fetches a new token once when
 * the provider rejects the one it was sent.
 */
export interface CredentialSpec {
  /** The transport of the token call. */
  readonly transport: JsonTransport;
  /** The token call (its Authorization header counts as a secret). */
  prepare(): PreparedCall;
  /** Reads the token endpoint's answer. */
  read(response: ResponseOutcome<unknown>): IssuedToken | { readonly failure: CredentialFailure };
  /** The headers that carry the token on an operation's call. */
  authorize(token: string): Readonly<Record<string, string>>;
  /** True when an operation's answer means "this token is not valid": core refreshes it and sends once more. */
  rejected(response: ResponseOutcome<unknown>): boolean;
}
