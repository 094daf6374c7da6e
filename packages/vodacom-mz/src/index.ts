// The public surface of @reversal/vodacom-mz, listed by name.
export { createVodacomMzProvider } from './create-vodacom-mz-provider.js';
export type { InsCodeMapping } from './ins-code-table.js';
export { INS_CODE_TABLE } from './ins-code-table.js';
export { TRANSACTION_STATUS_TABLE } from './transaction-status-table.js';
export { VODACOM_MZ_CAPABILITIES } from './vodacom-mz-capabilities.js';
export { VODACOM_MZ_ENVIRONMENT, vodacomMz } from './vodacom-mz-definition.js';
export type { VodacomMzMetadata } from './vodacom-mz-metadata.js';
export type { VodacomMzOptions } from './vodacom-mz-options.js';
export { VODACOM_MZ_HOSTS, VODACOM_MZ_PORTS } from './vodacom-mz-options.js';
