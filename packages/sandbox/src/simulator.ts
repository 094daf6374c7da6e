/**
 * What every simulator's ledger answers about one payment: a frozen snapshot, amounts as canonical
 * two-decimal strings. A simulator adds its own fields (what was reversed, its scenario).
 */
export interface SimulatorTransaction {
  /** The provider's id of the payment (an M-Pesa receipt such as `PDU91HIVIT`). */
  readonly transactionId: string;
  /** The amount paid, two-decimal string (`"200.00"`), in the provider's currency. */
  readonly amount: string;
}

/**
 * What every simulator's `addTransaction` takes: the payment, and optionally how reversals of it
 * are answered (`TScenario`, specific to each provider).
 */
export interface SimulatorTransactionInput<TScenario> {
  /** The payment's id; generated (10 upper-case letters and digits) when left out. */
  readonly transactionId?: string;
  /** The amount paid, in major units: `200`, `"200"`, `"1.00"`. */
  readonly amount: number | string;
  /** How reversals of this payment are answered; a plain success when left out. */
  readonly scenario?: TScenario;
}

/**
 * The shape every simulator of `@reversal/sandbox` shares, so that tests, the `reversal sandbox`
 * command and the next simulator read alike. A simulator is started by `start<Provider>Simulator(options)`,
 * which resolves once it listens; there is no separate `start()`.
 *
 * @typeParam TTransaction - its ledger snapshot.
 * @typeParam TInput - what `addTransaction` takes.
 * @typeParam TRequest - one received request, as `requests()` lists it.
 * @typeParam TProviderOptions - the adapter options that target it.
 */
export interface Simulator<
  TTransaction extends SimulatorTransaction,
  TInput extends SimulatorTransactionInput<unknown>,
  TRequest,
  TProviderOptions,
> {
  /**
   * The base URL an adapter's `baseUrl` option takes (`http://127.0.0.1:<port>`, or
   * `http://127.0.0.1` for an API with one port per operation, given in `providerOptions`).
   */
  readonly baseUrl: string;
  /** The options of the provider's adapter (`create<Provider>Provider`) that target this simulator. */
  readonly providerOptions: TProviderOptions;
  /** The same as environment variables for `registry.fromEnv()`, `REVERSAL_PROVIDER` included. */
  readonly environment: Readonly<Record<string, string>>;
  /** Records a payment that can be reversed; returns its snapshot (with the generated id). */
  addTransaction(input: TInput): TTransaction;
  /** A snapshot of a payment, or `undefined` when unknown (or forgotten: the ledger is bounded). */
  transaction(transactionId: string): TTransaction | undefined;
  /** The last requests received (bounded), oldest first. */
  requests(): readonly TRequest[];
  /**
   * Stops listening, closes open connections (keep-alive included), cancels late answers and
   * pending callbacks, and aborts callbacks in flight, so that the process can exit at once.
   */
  close(): Promise<void>;
}

/** One callback a simulator of an asynchronous API sent, or tried to send. */
export interface CallbackDelivery<TKind extends string = string> {
  /** Which callback it was (Daraja: `result` to the ResultURL, `queue-timeout` to the QueueTimeOutURL). */
  readonly kind: TKind;
  /** The URL it was POSTed to, exactly as given in the request. */
  readonly url: string;
  /** The JSON body sent. */
  readonly body: unknown;
  /** The receiver's HTTP status, when it answered. */
  readonly status?: number;
  /** Why delivery failed (connection refused, timeout, invalid URL), when it did. */
  readonly error?: string;
}

/**
 * True when a delivery failed: no answer (`error`), or an answer outside 2xx. The provider then
 * considers the result undelivered; the merchant's system never learnt it.
 */
export function isFailedDelivery(delivery: CallbackDelivery): boolean {
  return delivery.status === undefined || delivery.status < 200 || delivery.status > 299;
}

/** The options every simulator of an asynchronous API takes about its callbacks. */
export interface CallbackSimulatorOptions<TKind extends string = string> {
  /**
   * Called once for each callback that failed (see `isFailedDelivery`), after the attempt. The
   * simulator never redelivers unless a scenario option says so. An exception it throws is ignored.
   */
  readonly onDeliveryFailure?: (delivery: CallbackDelivery<TKind>) => void;
}

/** A simulator of an asynchronous API, which POSTs results to the caller's callback URLs. */
export interface CallbackSimulator<
  TTransaction extends SimulatorTransaction,
  TInput extends SimulatorTransactionInput<unknown>,
  TRequest,
  TProviderOptions,
  TKind extends string = string,
> extends Simulator<TTransaction, TInput, TRequest, TProviderOptions> {
  /** The last callbacks sent or attempted (at most 1,000), oldest first. */
  deliveries(): readonly CallbackDelivery<TKind>[];
  /** The last failed callbacks (at most 1,000), oldest first; see `isFailedDelivery`. */
  failedDeliveries(): readonly CallbackDelivery<TKind>[];
}
