import { ReversalConfigError, type Secret, secret } from '@reversal/core';
import type { AdapterConnection, ConnectContext } from '@reversal/core/kit';
import { darajaCallbacks } from './callback.js';
import { createCallbackCorrelator } from './callback-urls.js';
import { SAFARICOM_KE_ID } from './capabilities.js';
import { PRODUCTION_CERTIFICATE } from './certificates/production-certificate.js';
import { SANDBOX_CERTIFICATE } from './certificates/sandbox-certificate.js';
import { basicCredential, darajaCredentials } from './credentials.js';
import { DARAJA_BASE_URLS } from './daraja-base-urls.js';
import type { SafaricomKeMetadata } from './metadata.js';
import type { ResolvedSafaricomKeOptions } from './options.js';
import { reversalOperation } from './reversal.js';
import { createSecurityCredential } from './security-credential.js';
import { statusOperation } from './status.js';

const BUNDLED_CERTIFICATES = { sandbox: SANDBOX_CERTIFICATE, production: PRODUCTION_CERTIFICATE } as const;

/** The code of the warning emitted when a provider accepts unsigned callbacks. */
export const UNSIGNED_CALLBACKS_WARNING = 'REVERSAL_UNSIGNED_CALLBACKS';
let warnedUnsigned = false;

/**
 * Sets up one Safaricom Kenya provider instance: the SecurityCredential (computed once), one
 * keep-alive transport to Daraja, the OAuth token call, the callback URLs and the operations
 * (reversal, Transaction Status, callbacks).
 */
export function connect(options: ResolvedSafaricomKeOptions, context: ConnectContext): AdapterConnection<SafaricomKeMetadata> {
  const securityCredential = resolveSecurityCredential(options);
  const transport = context.transport(options.baseUrl ?? DARAJA_BASE_URLS[options.environment]);
  const basic = basicCredential(options.consumerKey, options.consumerSecret);
  if (!options.callbackSecret) warnUnsignedCallbacks();
  const correlator = createCallbackCorrelator({
    resultUrl: options.resultUrl,
    queueTimeoutUrl: options.queueTimeoutUrl ?? options.resultUrl,
    ttlSeconds: options.callbackTokenTtlSeconds,
    secret: options.callbackSecret && new TextEncoder().encode(options.callbackSecret.reveal()),
  });
  const settings = {
    initiatorName: options.initiatorName,
    securityCredential: securityCredential.reveal(),
    shortCode: options.shortCode,
    correlator,
  };
  const secrets: (string | Secret)[] = [options.consumerKey, options.consumerSecret, basic, securityCredential];
  if (options.initiatorPassword) secrets.push(options.initiatorPassword);
  if (options.callbackSecret) secrets.push(options.callbackSecret);
  return {
    secrets,
    credentials: darajaCredentials(transport, basic),
    reversal: reversalOperation(transport, settings),
    status: statusOperation(transport, settings),
    callback: darajaCallbacks(correlator),
  };
}

/**
 * The SecurityCredential of a provider instance: the one given, or the initiator password encrypted
 * with the given certificate (or the bundled one of the environment). Throws a `ReversalConfigError`
 * naming `certificate` when the certificate cannot be read.
 */
function resolveSecurityCredential(options: ResolvedSafaricomKeOptions): Secret {
  if (options.securityCredential) return options.securityCredential;
  try {
    return secret(createSecurityCredential(options.initiatorPassword!.reveal(), options.certificate ?? BUNDLED_CERTIFICATES[options.environment]));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'cannot be read';
    throw new ReversalConfigError(`${SAFARICOM_KE_ID} provider`, [{ field: 'certificate', message }]);
  }
}

/** Says once per process that callbacks are not authenticated (`unsignedCallbacks: true`). */
function warnUnsignedCallbacks(): void {
  if (warnedUnsigned) return;
  warnedUnsigned = true;
  process.emitWarning(
    'safaricom-ke: unsignedCallbacks is true, so callback URLs carry no token and anyone who learns one can post a made-up ' +
      'reversal outcome to it. Set callbackSecret (openssl rand -base64 32) to refuse forged callbacks.',
    { type: 'SecurityWarning', code: UNSIGNED_CALLBACKS_WARNING },
  );
}
