import { ReversalConfigError, type Secret } from '@reversal/core';
import type { AdapterConnection, ConnectContext } from '@reversal/core/kit';
import { computeBearerToken } from './bearer-token.js';
import type { VodacomMzMetadata } from './metadata.js';
import { type ResolvedVodacomMzOptions, VODACOM_MZ_HOSTS } from './options.js';
import { reversalOperation } from './reversal.js';
import { statusOperation } from './status.js';

/** The base URL of one API: the host (or `baseUrl`) with that API's port. */
export function apiUrl(host: string, port: number): string {
  const url = new URL(host);
  url.port = String(port);
  return url.href;
}

/**
 * Sets up one provider instance: a transport per API (each has its own port), the headers of every
 * call, and the secrets core scrubs — the API key, the SecurityCredential and the bearer token,
 * which works like the API key. The token is computed here, once: RSA with a 4096-bit key costs
 * milliseconds that a request should not pay, and there is no session to refresh.
 */
export function connect(options: ResolvedVodacomMzOptions, context: ConnectContext): AdapterConnection<VodacomMzMetadata> {
  const bearer = bearerToken(options);
  const host = options.baseUrl ?? VODACOM_MZ_HOSTS[options.environment];
  const headers = Object.freeze({ authorization: `Bearer ${bearer.reveal()}`, origin: options.origin });
  return {
    secrets: [options.apiKey, options.securityCredential, bearer],
    reversal: reversalOperation(context.transport(apiUrl(host, options.reversalPort)), headers, options),
    status: statusOperation(context.transport(apiUrl(host, options.statusPort)), headers, options),
  };
}

function bearerToken(options: ResolvedVodacomMzOptions): Secret {
  try {
    return computeBearerToken(options.apiKey, options.publicKey);
  } catch (error) {
    throw new ReversalConfigError(
      'vodacom-mz provider',
      [{ field: 'publicKey', message: 'is too small to encrypt the apiKey: use the 4096-bit key Vodacom issued' }],
      { cause: error },
    );
  }
}
