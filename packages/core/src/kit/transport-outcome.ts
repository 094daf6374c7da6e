/** A response arrived and its JSON body passed the schema. */
export interface ResponseOutcome<T> {
  readonly kind: 'response';
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed and validated body. */
  readonly body: T;
  /** The body as received. */
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
  /** The body, when one arrived but could not be read (at most 4 KiB of it). */
  readonly text?: string;
}

/** What a transport call ends with; it never throws for a network or provider problem. */
export type TransportOutcome<T> = ResponseOutcome<T> | NotSentOutcome | MaybeSentOutcome;

/** A transport outcome that is not a usable response. */
export type TransportFailure = NotSentOutcome | MaybeSentOutcome;
