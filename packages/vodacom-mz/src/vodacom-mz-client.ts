import { ReversalConfigError } from '@reversal/core';
import { createEventEmitter, createJsonTransport, type EventEmitter, type JsonTransport } from '@reversal/core/kit';
import { computeBearerToken } from './bearer-token.js';
import { VODACOM_MZ_HOSTS, type ResolvedVodacomMzOptions } from './vodacom-mz-options.js';

/** The provider id of the Vodacom Mozambique adapter. */
export const VODACOM_MZ_ID = 'vodacom-mz';

/** What the operations of one provider instance share: a transport per API, headers, events. */
export interface VodacomMzClient {
  readonly options: ResolvedVodacomMzOptions;
  /** Keep-alive transport to the Reversal API (`host:reversalPort`). */
  readonly reversal: JsonTransport;
  /** Keep-alive transport to the Query Transaction Status API (`host:statusPort`). */
  readonly status: JsonTransport;
  /** `Authorization` and `Origin`, the headers of every call. */
  readonly headers: () => Readonly<Record<string, string>>;
  readonly events: EventEmitter;
}

/** The base URL of one API: the host (or `baseUrl`) with that API's port. */
export function apiUrl(host: string, port: number): string {
  const url = new URL(host);
  url.port = String(port);
  return url.href;
}

/**
 * Builds the client of one provider instance. The bearer token is computed here, once: RSA with a
 * 4096-bit key costs milliseconds that a request should not pay.
 */
export function createVodacomMzClient(options: ResolvedVodacomMzOptions): VodacomMzClient {
  let bearer: ReturnType<typeof computeBearerToken>;
  try {
    bearer = computeBearerToken(options.apiKey, options.publicKey);
  } catch (error) {
    throw new ReversalConfigError(
      `${VODACOM_MZ_ID} provider`,
      [{ field: 'publicKey', message: 'is too small to encrypt the apiKey: use the 4096-bit key Vodacom issued' }],
      { cause: error },
    );
  }
  const host = options.baseUrl ?? VODACOM_MZ_HOSTS[options.environment];
  const events = createEventEmitter(options.onEvent);
  const transport = (port: number) =>
    createJsonTransport({ baseUrl: apiUrl(host, port), providerId: VODACOM_MZ_ID, timeoutMs: options.timeoutMs, events });
  return {
    options,
    reversal: transport(options.reversalPort),
    status: transport(options.statusPort),
    headers: () => ({ authorization: `Bearer ${bearer.reveal()}`, origin: options.origin }),
    events,
  };
}
