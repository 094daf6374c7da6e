import type { EnvironmentTable } from '@reversal/core';
import type { SafaricomKeOptions } from './options.js';

/** The environment variables `registry.fromEnv()` reads for Safaricom Kenya, option by option. */
export const SAFARICOM_KE_ENVIRONMENT: EnvironmentTable<SafaricomKeOptions> = Object.freeze({
  environment: { name: 'MPESA_KE_ENVIRONMENT', description: '`sandbox` (default) or `production`, in any case.' },
  baseUrl: { name: 'MPESA_KE_BASE_URL', description: 'Overrides the Daraja base URL (e.g. a local simulator).' },
  consumerKey: { name: 'MPESA_KE_CONSUMER_KEY', description: 'Consumer Key of your Daraja app.', secret: true },
  consumerSecret: { name: 'MPESA_KE_CONSUMER_SECRET', description: 'Consumer Secret of your Daraja app.', secret: true },
  initiatorName: { name: 'MPESA_KE_INITIATOR_NAME', description: 'The API operator (Initiator) user name.' },
  initiatorPassword: {
    name: 'MPESA_KE_INITIATOR_PASSWORD',
    description: "The API operator's password (or set MPESA_KE_SECURITY_CREDENTIAL instead).",
    secret: true,
  },
  securityCredential: {
    name: 'MPESA_KE_SECURITY_CREDENTIAL',
    description: 'A pre-computed SecurityCredential (instead of MPESA_KE_INITIATOR_PASSWORD).',
    secret: true,
  },
  certificate: {
    name: 'MPESA_KE_CERTIFICATE',
    description: 'The M-Pesa certificate as PEM (indented or with `\\n` escapes) or base64 DER; default: the bundled one.',
  },
  certificateFile: {
    name: 'MPESA_KE_CERTIFICATE_FILE',
    description: 'The path of the certificate file instead (read once, at configuration; relative to the working directory).',
  },
  shortCode: { name: 'MPESA_KE_SHORT_CODE', description: 'Your pay bill or till number (`ReceiverParty`).' },
  resultUrl: { name: 'MPESA_KE_RESULT_URL', description: 'Where Daraja POSTs results; may contain `{reference}`.' },
  queueTimeoutUrl: { name: 'MPESA_KE_QUEUE_TIMEOUT_URL', description: 'Where Daraja POSTs queue timeouts; default: the result URL.' },
  callbackSecret: {
    name: 'MPESA_KE_CALLBACK_SECRET',
    description: 'Required: at least 32 random characters (`openssl rand -base64 32`); callback URLs carry a token signed with it.',
    secret: true,
  },
  unsignedCallbacks: {
    name: 'MPESA_KE_UNSIGNED_CALLBACKS',
    description: '`true` to run without a callback secret: anyone who learns a callback URL can forge an outcome.',
    type: 'boolean',
  },
  callbackTokenTtlSeconds: {
    name: 'MPESA_KE_CALLBACK_TOKEN_TTL_SECONDS',
    description: 'Lifetime of a callback token in seconds (default 86400).',
    type: 'integer',
  },
  timeoutMs: { name: 'MPESA_KE_TIMEOUT_MS', description: 'Budget of each HTTP call in ms (default 30000).', type: 'integer' },
});
