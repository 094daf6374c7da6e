import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackHandler, type ReversalProvider, type ReversalResult } from '@reversal/core';
import { CliError } from '../cli-error.js';

/** Where `reverse --wait` listens for the provider's result callback. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** A local endpoint receiving a callback provider's results; see {@link startCallbackListener}. */
export interface CallbackListener {
  /** The address it listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /**
   * Resolves with the outcome delivered for `reference` (`succeeded`, `failed`, or `unknown` for a
   * queue timeout), or `undefined` when `timeoutMs` passes or `signal` aborts first.
   */
  waitFor(reference: string, timeoutMs: number, signal?: AbortSignal): Promise<ReversalResult | undefined>;
  /**
   * Resolves once a result has arrived for every one of `references` (with them, in order), or
   * with those that did when `timeoutMs` passes or `signal` aborts first (`undefined` for the others).
   */
  waitForAll(references: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<(ReversalResult | undefined)[]>;
  close(): Promise<void>;
}

/** What {@link startCallbackListener} does besides answering the provider. */
export interface ListenerOptions {
  /** Hears about callbacks that were refused (a forged token, a malformed body): what an integrator debugs. */
  readonly onIgnored: (message: string) => void;
  /**
   * Records a result before the provider is acknowledged (the ledger): when it throws, the provider
   * is answered 500 and delivers again.
   */
  readonly record?: (result: ReversalResult) => Promise<unknown>;
}

// Bounded: a reconcile waits for at most one answer per attempt it asked about (--limit entries).
const MAX_KEPT_RESULTS = 20_000;

/**
 * Starts an HTTP server answering the provider's callbacks with the library's own handler
 * (`createCallbackHandler`: token check, acknowledgement Daraja expects): reversal results and,
 * for providers that answer status queries by callback, status answers. Start it before sending
 * the reversal or the status query: a simulator calls back within milliseconds.
 */
export async function startCallbackListener(
  provider: ReversalProvider,
  address: ListenAddress,
  options: ListenerOptions,
): Promise<CallbackListener> {
  const { onIgnored, record } = options;
  const received = new Map<string, ReversalResult>();
  const waiters = new Map<string, (result: ReversalResult) => void>();
  const handler = createCallbackHandler({
    provider,
    dedupe: false,
    async onResult(result) {
      await record?.(result);
      if (received.size >= MAX_KEPT_RESULTS) received.delete(received.keys().next().value!);
      received.set(result.reference, result);
      waiters.get(result.reference)?.(result);
    },
    onError: (failure) => onIgnored(`refused a callback (HTTP ${failure.status}, ${failure.reason}): ${failure.message}`),
  });
  const server = createServer((request, response) => void handler.node(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be listened on (${error.code ?? error.message})`;
      reject(
        new CliError('configuration', `Port ${address.port} on ${address.host} ${reason}; nothing was sent.`, {
          hint: 'Give --listen another port (the one your result URL reaches), or stop the process using it.',
        }),
      );
    });
    server.listen(address.port, address.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;

  const listener: CallbackListener = {
    url: `http://${host}:${port}`,
    waitFor(reference, timeoutMs, signal) {
      const known = received.get(reference);
      if (known) return Promise.resolve(known);
      if (signal?.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const finish = (result: ReversalResult | undefined) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiters.delete(reference);
          resolve(result);
        };
        const onAbort = () => finish(undefined);
        const timer = setTimeout(onAbort, timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.set(reference, finish);
      });
    },
    waitForAll(references, timeoutMs, signal) {
      return Promise.all(references.map((reference) => listener.waitFor(reference, timeoutMs, signal)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return listener;
}
