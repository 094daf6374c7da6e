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
  close(): Promise<void>;
}

const MAX_KEPT_RESULTS = 100;

/**
 * Starts an HTTP server answering the provider's callbacks with the library's own handler
 * (`createCallbackHandler`: token check, acknowledgement Daraja expects). Start it before sending
 * the reversal: a simulator calls back within milliseconds. `onIgnored` hears about callbacks that
 * were refused (a forged token, a malformed body), which is what an integrator debugs.
 */
export async function startCallbackListener(
  provider: ReversalProvider,
  address: ListenAddress,
  onIgnored: (message: string) => void,
): Promise<CallbackListener> {
  const received = new Map<string, ReversalResult>();
  const waiters = new Map<string, (result: ReversalResult) => void>();
  const handler = createCallbackHandler({
    provider,
    dedupe: false,
    onResult(result) {
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

  return {
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
