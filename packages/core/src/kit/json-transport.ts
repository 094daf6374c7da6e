import { Pool } from 'undici';
import * as v from 'valibot';
import { classifyTransportError } from './classify-transport-error.js';
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

const TEXT_KEPT = 4096;

/**
 * Creates the JSON transport adapters share: an undici keep-alive pool per provider instance, a
 * timeout on every call, abort support, and validation of every response body, with failures
 * sorted into *not sent* and *maybe sent* instead of thrown.
 */
export function createJsonTransport(options: JsonTransportOptions): JsonTransport {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  // The connect phase gets part of the budget, so that a stalled connect is reported as
  // "not sent" (UND_ERR_CONNECT_TIMEOUT) before the whole-call timer makes it "maybe sent".
  const connectTimeout = Math.max(1, Math.min(10_000, Math.floor(options.timeoutMs / 2)));
  const pool = new Pool(base.origin, { connections: options.connections ?? 100, connect: { timeout: connectTimeout } });

  async function request<T>(call: JsonRequest<T>): Promise<TransportOutcome<T>> {
    call.signal?.throwIfAborted();
    const timeoutMs = call.timeoutMs ?? options.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    call.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const path = `${basePath}${call.path}`;
    const started = performance.now();
    options.events?.emit({
      type: 'request',
      provider: options.providerId,
      operation: call.operation,
      method: call.method,
      url: `${base.origin}${path}`,
    });
    const outcome = await send<T>(call, `${path}${query}`, controller.signal, () => ({
      timedOut,
      aborted: call.signal?.aborted === true,
    }));
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onCallerAbort);
    options.events?.emit({
      type: 'response',
      provider: options.providerId,
      operation: call.operation,
      outcome: outcome.kind,
      ...(outcome.kind === 'not-sent' ? { code: outcome.code } : {}),
      ...(outcome.kind === 'maybe-sent' ? { code: outcome.code } : {}),
      ...('status' in outcome && outcome.status !== undefined ? { status: outcome.status } : {}),
      durationMs: performance.now() - started,
    });
    return outcome;
  }

  async function send<T>(
    call: JsonRequest<T>,
    path: string,
    signal: AbortSignal,
    context: () => { timedOut: boolean; aborted: boolean },
  ): Promise<TransportOutcome<T>> {
    let status: number | undefined;
    try {
      const body = call.body === undefined ? undefined : JSON.stringify(call.body);
      const response = await pool.request({
        method: call.method,
        path,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        body,
        signal,
      });
      status = response.statusCode;
      const text = await readText(response.body, maxResponseBytes);
      if (text === undefined) {
        return invalid(status, '', `the response body exceeds ${maxResponseBytes} bytes`);
      }
      let parsed: unknown;
      try {
        parsed = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        return invalid(status, text, `the response is not JSON (HTTP ${status})`);
      }
      const result = v.safeParse(call.schema, parsed);
      if (!result.success) {
        const where = result.issues[0]?.path?.map((item) => String(item.key)).join('.') || 'body';
        return invalid(status, text, `the response does not have the expected shape (HTTP ${status}, at ${where})`);
      }
      return { kind: 'response', status, headers: flattenHeaders(response.headers), body: result.output, text };
    } catch (error) {
      const failure = classifyTransportError(error, context());
      return status !== undefined && failure.kind === 'maybe-sent' ? { ...failure, status } : failure;
    }
  }

  return {
    request,
    close: () => pool.close(),
  };
}

function invalid(status: number, text: string, message: string): TransportOutcome<never> {
  return {
    kind: 'maybe-sent',
    reason: 'invalid-response',
    code: 'INVALID_RESPONSE',
    message,
    status,
    text: text.slice(0, TEXT_KEPT),
  };
}

async function readText(body: AsyncIterable<Buffer | Uint8Array>, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
