import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderInput } from '../reversal-provider.js';
import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';
import type { ResultStore } from './result-store.js';
import type { WaitForResultOptions } from './wait-for-result.js';

/** A callback whose body your framework has already read, for {@link CallbackHandler.handle}. */
export interface IncomingCallback {
  /** The HTTP method. Default `POST`. */
  readonly method?: string;
  /** The full URL the callback was delivered to (absolute, or a path resolved against `http://localhost`). */
  readonly url: string | URL;
  /** The request headers. */
  readonly headers?: HeaderInput;
  /** The raw body (string or bytes, preferred: then `maxBodyBytes` applies) or the parsed JSON. */
  readonly body: unknown;
  /** The address of the peer that sent it (e.g. `request.socket.remoteAddress`), for the allow-list. */
  readonly remoteAddress?: string;
}

/** The answer to send back, from {@link CallbackHandler.handle}. */
export interface CallbackAnswer {
  /** The HTTP status: 200 acknowledged, 4xx rejected, 5xx failed or in progress (the provider may deliver again). */
  readonly status: number;
  /** The response headers (`content-type`, and `allow`, `connection` or `retry-after` where they apply). */
  readonly headers: Readonly<Record<string, string>>;
  /** The response body, JSON text: the provider's expected acknowledgement, or `{ "error": … }`. */
  readonly body: string;
}

/** What the fetch handler cannot read from a `Request` itself. */
export interface FetchCallbackContext {
  /** The address of the peer (Hono: `getConnInfo(c).remote.address`), for the allow-list. */
  readonly remoteAddress?: string;
}

/**
 * A callback endpoint for any framework, from `createCallbackHandler`. Every method answers
 * every input (2xx/4xx/5xx) and never throws, except `deliver`, `waitForResult`.
 */
export interface CallbackHandler<TMetadata extends ProviderMetadata = ProviderMetadata> {
  /**
   * The web-standard handler: Next.js route handlers, Hono (`c.req.raw`), Bun, Deno, workers.
   * Reads the body itself, stopping at `maxBodyBytes`.
   */
  fetch(request: Request, context?: FetchCallbackContext): Promise<Response>;
  /**
   * The Node listener: `http.createServer(callbacks.node)`, Express (`app.post(path, callbacks.node)`),
   * Fastify (`reply.hijack(); callbacks.node(request.raw, reply.raw)`). Reads the body itself unless
   * a body parser already set `request.body`. The promise never rejects.
   */
  node(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** The framework-neutral core, for a framework that has already read the body. */
  handle(callback: IncomingCallback): Promise<CallbackAnswer>;
  /**
   * Sends a result you obtained directly (a synchronous provider's `reverse()`, a `checkStatus()`)
   * down the same path as a callback's: `onResult` (once per outcome) and the store. A `pending`
   * result is only recorded. Rejects with what `onResult` or the store threw, or with a
   * `ReversalDeliveryInProgressError` when another delivery of the same outcome is still inside `onResult`.
   */
  deliver(result: ReversalResult<TMetadata>): Promise<void>;
  /** `waitForResult` on this handler's store; see {@link waitForResult}. */
  waitForResult(reference: string, options?: WaitForResultOptions): Promise<ReversalResult<TMetadata> | undefined>;
  /** The store received results are recorded in. */
  readonly store: ResultStore;
}
