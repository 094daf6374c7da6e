/**
 * Addresses Daraja callbacks are commonly reported to come from. Safaricom publishes no official
 * list: these 12 are repeated across integrators (unconfirmed; sources in docs/providers/safaricom-ke.md). Use them as an optional
 * extra filter (behind a proxy, check the client address your proxy reports), never as the only
 * protection: set `callbackSecret`. mpesakit lists two more (196.201.212.128 and .132).
 *
 * @example
 * createCallbackHandler({ provider, onResult, allowList: SAFARICOM_CALLBACK_ADDRESSES, trustProxy: 1 });
 */
export const SAFARICOM_CALLBACK_ADDRESSES: readonly string[] = Object.freeze([
  '196.201.214.200',
  '196.201.214.206',
  '196.201.213.114',
  '196.201.214.207',
  '196.201.214.208',
  '196.201.213.44',
  '196.201.212.127',
  '196.201.212.138',
  '196.201.212.129',
  '196.201.212.136',
  '196.201.212.74',
  '196.201.212.69',
]);
