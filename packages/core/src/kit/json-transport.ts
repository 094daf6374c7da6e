import { Pool } from 'undici';
import * as v from 'valibot';
import { classifyTransportError } from './classify-transport-error.js';
import { type Exchange, exchange } from './dispatch-exchange.js';
import type { EventEmitter } from './events.js';
import type { TransportOutcome } from './transport-outcome.js';

/** How a {@link JsonTransport} reaches one provider origin. */
export interface JsonTransportOptions {
  /** The origin (and optional base path) of the provider, e.g. `https://sandbox.safaricom.co.ke`. */
  readonly baseUrl: string | URL;
  /** The provider id, for events. */
  readonly providerId: string;
  /** The whole-call budget in milliseconds, unless a call sets its own. */
  readonly timeoutMs: number;
  /** At most this many keep-alive connections to the origin (default 100). */
  readonly connections?: number;
  /** A response body larger than this is not read (default 1 MiB). */
  readonly maxResponseBytes?: number;
  /** Where requests and responses are reported. */
  readonly events?: EventEmitter;
}

/** One JSON call. */
export interface JsonRequest<T> {
  /** A name for events (`"oauth"`, `"reversal"`). */
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Validates the parsed body (an empty body parses as `undefined`). */
  readonly schema: v.GenericSchema<unknown, T>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A keep-alive JSON client for one provider origin; see {@link createJsonTransport}. */
export interface JsonTransport {
  /**
   * Sends one request. Resolves with the outcome whatever happens on the network; rejects only
   * when `signal` is already aborted, before anything is sent.
   */
  request<T>(request: JsonRequest<T>): Promise<TransportOutcome<T>>;
  /** Closes the pool's connections. */
  close(): Promise<void>;
}

/**
 * Creates the JSON transport adapters share: an undici keep-alive pool per provider instance, a
 * timeout on every call, abort support, and validation of every response body, with failures
 * sorted into *not sent* and *maybe sent* instead of thrown.
 *
 * It talks to the pool through `dispatch` with a handler of its own rather than `request()`: no
 * response stream, no AbortController per call, no async resource — a JSON body is a few hundred
 * bytes, collected as it arrives.
 */
export function createJsonTransport(options: JsonTransportOptions): JsonTransport {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  // The connect phase gets part of the budget, so that a stalled connect is reported as
  // "not sent" (UND_ERR_CONNECT_TIMEOUT) before the whole-call timer makes it "maybe sent".
  const connectTimeout = Math.max(1, Math.min(10_000, Math.floor(options.timeoutMs / 2)));
  const pool = new Pool(base.origin, { connections: options.connections ?? 100, connect: { timeout: connectTimeout } });
  const events = options.events;

  async function request<T>(call: JsonRequest<T>): Promise<TransportOutcome<T>> {
    call.signal?.throwIfAborted();
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const path = `${basePath}${call.path}`;
    const observed = events?.observed === true;
    const started = observed ? performance.now() : 0;
    if (observed) {
      events!.emit({ type: 'request', provider: options.providerId, operation: call.operation, method: call.method, url: `${base.origin}${path}` });
    }
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const exchanged = await exchange(
      pool,
      {
        origin: base.origin,
        method: call.method,
        path: `${path}${query}`,
        headers: requestHeaders(body !== undefined, call.headers),
        body,
      },
      call.timeoutMs ?? options.timeoutMs,
      maxResponseBytes,
      call.signal,
    );
    const outcome = toOutcome(exchanged, call.schema, maxResponseBytes);
    if (observed) {
      events!.emit({
        type: 'response',
        provider: options.providerId,
        operation: call.operation,
        outcome: outcome.kind,
        ...(outcome.kind === 'not-sent' ? { code: outcome.code } : {}),
        ...(outcome.kind === 'maybe-sent' ? { code: outcome.code } : {}),
        ...('status' in outcome && outcome.status !== undefined ? { status: outcome.status } : {}),
        durationMs: performance.now() - started,
      });
    }
    return outcome;
  }

  return {
    request,
    close: () => pool.close(),
  };
}

/** Turns an exchange into the outcome adapters read: parsed and validated, or a classified failure. */
function toOutcome<T>(exchanged: Exchange, schema: v.GenericSchema<unknown, T>, maxResponseBytes: number): TransportOutcome<T> {
  if (!exchanged.ok) {
    if (exchanged.tooLarge && exchanged.status !== undefined) {
      return invalid(exchanged.status, '', `the response body exceeds ${maxResponseBytes} bytes`);
    }
    const failure = classifyTransportError(exchanged.error, exchanged);
    return exchanged.status !== undefined && failure.kind === 'maybe-sent' ? { ...failure, status: exchanged.status } : failure;
  }
  const { status, text } = exchanged;
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // A body of whitespace only is an empty body, not an invalid one.
    if (text.trim() !== '') return invalid(status, text, `the response is not JSON (HTTP ${status})`);
  }
  const result = v.safeParse(schema, parsed);
  if (!result.success) {
    const where = result.issues[0]?.path?.map((item) => String(item.key)).join('.') || 'body';
    return invalid(status, text, `the response does not have the expected shape (HTTP ${status}, at ${where})`);
  }
  return { kind: 'response', status, headers: flattenHeaders(exchanged.headers), body: result.output, text };
}

function requestHeaders(hasBody: boolean, extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  // Assigned rather than `{ accept, ...extra }`: in Node 20 a spread in a literal is a slow
  // runtime copy, and this runs on every request.
  const headers: Record<string, string> = hasBody ? { accept: 'application/json', 'content-type': 'application/json' } : { accept: 'application/json' };
  if (extra) for (const name of Object.keys(extra)) headers[name] = extra[name]!;
  return headers;
}

function invalid(status: number, text: string, message: string): TransportOutcome<never> {
  return {
    kind: 'maybe-sent',
    reason: 'invalid-response',
    code: 'INVALID_RESPONSE',
    message,
    status,
    // Whole (the body is bounded by maxResponseBytes): whoever keeps it scrubs secrets first, then cuts.
    text,
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
