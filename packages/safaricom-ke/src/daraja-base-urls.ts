/** Daraja's base URLs per environment (https://developer.safaricom.co.ke/apis/Reversal, "Environments"). */
export const DARAJA_BASE_URLS = Object.freeze({
  sandbox: 'https://sandbox.safaricom.co.ke',
  production: 'https://api.safaricom.co.ke',
} as const);
