/**
 * The addresses Safaricom is reported to send Daraja callbacks from, for the `allowList` option
 * of `createCallbackHandler`. Opt-in, never the only protection: Safaricom publishes no official
 * list, these 12 are the ones repeated across integrators' documentation (e.g. pesafy's webhook
 * guide), and the list may change without notice. Keep the signed callback token (`callbackSecret`)
 * as the real check.
 *
 * One SDK (mpesakit, `security/ip_whitelist.py`) also lists 196.201.212.128 and 196.201.212.132;
 * add them yourself if your callbacks come from there.
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
