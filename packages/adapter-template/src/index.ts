// The public surface of @reversal/adapter-template, listed by name.
export { ACME_MONEY_CAPABILITIES, ACME_MONEY_ID, ACME_MONEY_REQUEST_RULES } from './capabilities.js';
export { ACME_MONEY_CODES, UNKNOWN_CODE } from './codes/result-codes.js';
export { createAcmeMoneyProvider } from './create-provider.js';
export { acmeMoney } from './definition.js';
export { ACME_MONEY_ENVIRONMENT } from './environment.js';
export type { AcmeMoneyMetadata } from './metadata.js';
export type { AcmeMoneyOptions } from './options.js';
export { ACME_MONEY_BASE_URL } from './options.js';
