// The public surface of @reversal/safaricom-ke, listed by name.
export { SAFARICOM_CALLBACK_ADDRESSES } from './callback-addresses.js';
export { SAFARICOM_KE_CAPABILITIES, SAFARICOM_KE_ID, SAFARICOM_KE_REQUEST_RULES } from './capabilities.js';
export { PRODUCTION_CERTIFICATE } from './certificates/production-certificate.js';
export { SANDBOX_CERTIFICATE } from './certificates/sandbox-certificate.js';
export { DARAJA_ERROR_CODES } from './codes/error-codes.js';
export { DARAJA_RESULT_CODES } from './codes/result-codes.js';
export { DARAJA_STATUS_ERROR_CODES, DARAJA_STATUS_RESULT_CODES, DARAJA_TRANSACTION_STATES } from './codes/status-codes.js';
export type { SafaricomKeProvider } from './create-provider.js';
export { createSafaricomKeProvider } from './create-provider.js';
export { DARAJA_BASE_URLS } from './daraja-base-urls.js';
export type { AccountBalance } from './debit-account-balance.js';
export { safaricomKe } from './definition.js';
export { SAFARICOM_KE_ENVIRONMENT } from './environment.js';
export type { SafaricomKeMetadata, StatusQueryMetadata } from './metadata.js';
export type { ResolvedSafaricomKeOptions, SafaricomKeOptions } from './options.js';
export type { CertificateInput } from './security-credential.js';
export { createSecurityCredential } from './security-credential.js';
