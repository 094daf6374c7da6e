/** A response arrived and its JSON body passed the schema. */
export interface ResponseOutcome<T> {
  readonly kind: 'response';
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed and validated body. */
  readonly body: T;
  /** The body as received (in what an adapter's `read` gets: scrubbed of the call's secrets, like `body`). */
  readonly text: string;
}

/**
 * The request provably never reached the provider (connection refused, DNS failure, TLS or
 * connect failure): nothing can have been processed, so it is safe to try again.
 */
export interface NotSentOutcome {
  readonly kind: 'not-sent';
  /** `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`, … */
  readonly code: string;
  readonly message: string;
}

/**
 * The request may have reached the provider and we cannot tell what it did: no answer in time
 * (`timeout`), the connection dropped mid-exchange (`connection-lost`), the answer could not be
 * read (`invalid-response`), or the caller aborted after sending (`aborted`).
 */
export interface MaybeSentOutcome {
  readonly kind: 'maybe-sent';
  readonly reason: 'timeout' | 'connection-lost' | 'invalid-response' | 'aborted';
  readonly code: string;
  readonly message: string;
  /** The HTTP status, when a response started arriving. */
  readonly status?: number;
  /**
   * The body, when one arrived but could not be read: whole (at most the transport's
   * `maxResponseBytes`), secrets included if the provider echoed any. Scrub it before keeping any of
   * it, then cut it (core keeps 4,096 code points in a result's `raw.body`).
   */
  readonly text?: string;
}

/** What a transport call ends with; it never throws for a network or provider problem. */
export type TransportOutcome<T> = ResponseOutcome<T> | NotSentOutcome | MaybeSentOutcome;

/** A transport outcome that is not a usable response. */
export type TransportFailure = NotSentOutcome | MaybeSentOutcome;
