// The public surface of @reversal/vodacom-mz, listed by name.
export { VODACOM_MZ_CAPABILITIES, VODACOM_MZ_REQUEST_RULES } from './capabilities.js';
export type { InsCodeMapping } from './codes/ins-codes.js';
export { INS_CODE_TABLE } from './codes/ins-codes.js';
export { TRANSACTION_STATUS_TABLE } from './codes/transaction-status-codes.js';
export { createVodacomMzProvider } from './create-provider.js';
export { vodacomMz } from './definition.js';
export { VODACOM_MZ_ENVIRONMENT } from './environment.js';
export type { VodacomMzMetadata } from './metadata.js';
export type { VodacomMzOptions } from './options.js';
export { VODACOM_MZ_HOSTS, VODACOM_MZ_PORTS } from './options.js';
