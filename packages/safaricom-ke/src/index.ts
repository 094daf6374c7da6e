// The public surface of @reversal/safaricom-ke, listed by name.
export { SAFARICOM_CALLBACK_ADDRESSES } from './callback-addresses.js';
export { PRODUCTION_CERTIFICATE } from './certificates/production-certificate.js';
export { SANDBOX_CERTIFICATE } from './certificates/sandbox-certificate.js';
export { createSafaricomKeProvider } from './create-safaricom-ke-provider.js';
export { DARAJA_BASE_URLS } from './daraja-base-urls.js';
export type { AccountBalance } from './debit-account-balance.js';
export { DARAJA_ERROR_CODES } from './error-codes.js';
export { DARAJA_RESULT_CODES } from './result-codes.js';
export { SAFARICOM_KE_ENVIRONMENT, safaricomKe } from './safaricom-ke-definition.js';
export type { SafaricomKeMetadata } from './safaricom-ke-metadata.js';
export type { ResolvedSafaricomKeOptions, SafaricomKeOptions } from './safaricom-ke-options.js';
export { safaricomKeOptionsSchema } from './safaricom-ke-options.js';
export type { SafaricomKeProvider } from './safaricom-ke-provider.js';
export { SAFARICOM_KE_CAPABILITIES, SAFARICOM_KE_ID } from './safaricom-ke-provider.js';
export type { CertificateInput } from './security-credential.js';
export { createSecurityCredential } from './security-credential.js';
