/** What the simulator answers for one `INS-*` code: the HTTP status and the description Vodacom sends. */
export interface InsCodeResponse {
  /** The HTTP status that travels with the code. */
  readonly httpStatus: number;
  /** `output_ResponseDesc`, as documented. */
  readonly description: string;
}

/**
 * Every response code of the Vodacom Mozambique Reversal API, with the HTTP status it travels with,
 * as documented (the portal's "Reversal" page, "Response Codes & Descriptions"; the same table in karson/mpesa-php-sdk
 * API.md). INS-0 is documented as "200 / 201"; the simulator answers 201 to a reversal and 200 to a
 * status query.
 */
export const VODACOM_MZ_INS_CODES: Readonly<Record<string, InsCodeResponse>> = Object.freeze({
  'INS-0': { httpStatus: 201, description: 'Request processed successfully' },
  'INS-1': { httpStatus: 500, description: 'Internal Error' },
  'INS-2': { httpStatus: 401, description: 'Invalid API Key' },
  'INS-4': { httpStatus: 401, description: 'User is not active' },
  'INS-5': { httpStatus: 401, description: 'Transaction cancelled by customer' },
  'INS-6': { httpStatus: 401, description: 'Transaction Failed' },
  'INS-9': { httpStatus: 408, description: 'Request timeout' },
  'INS-10': { httpStatus: 409, description: 'Duplicate Transaction' },
  'INS-13': { httpStatus: 400, description: 'Invalid Shortcode Used' },
  'INS-14': { httpStatus: 400, description: 'Invalid Reference Used' },
  'INS-15': { httpStatus: 400, description: 'Invalid Amount Used' },
  'INS-16': { httpStatus: 503, description: 'Unable to handle the request due to a temporary overloading' },
  'INS-17': { httpStatus: 400, description: 'Invalid Transaction Reference. Length Should Be Between 1 and 20.' },
  'INS-18': { httpStatus: 400, description: 'Invalid TransactionID Used' },
  'INS-19': { httpStatus: 400, description: 'Invalid ThirdPartyReference Used' },
  'INS-20': { httpStatus: 400, description: 'Not All Parameters Provided. Please try again.' },
  'INS-21': { httpStatus: 400, description: 'Parameter validations failed. Please try again.' },
  'INS-22': { httpStatus: 400, description: 'Invalid Operation Type' },
  'INS-23': { httpStatus: 400, description: 'Unknown Status. Contact M-Pesa Support' },
  'INS-24': { httpStatus: 400, description: 'Invalid InitiatorIdentifier Used' },
  'INS-25': { httpStatus: 400, description: 'Invalid SecurityCredential Used' },
  'INS-26': { httpStatus: 400, description: 'Not authorized' },
  'INS-993': { httpStatus: 400, description: 'Direct Debit Missing' },
  'INS-994': { httpStatus: 400, description: 'Direct Debit Already Exists' },
  'INS-995': { httpStatus: 400, description: "Customer's Profile Has Problems" },
  'INS-996': { httpStatus: 400, description: 'Customer Account Status Not Active' },
  'INS-997': { httpStatus: 400, description: 'Linking Transaction Not Found' },
  'INS-998': { httpStatus: 400, description: 'Invalid Market' },
  'INS-2001': { httpStatus: 400, description: 'Initiator authentication error.' },
  'INS-2002': { httpStatus: 400, description: 'Receiver invalid.' },
  'INS-2006': { httpStatus: 422, description: 'Insufficient balance' },
  'INS-2051': { httpStatus: 400, description: 'MSISDN invalid.' },
  'INS-2057': { httpStatus: 400, description: 'Language code invalid.' },
});

/** The response for a code: the documented one, or HTTP 400 with a generic description for any other code. */
export function insCodeResponse(code: string): InsCodeResponse {
  return VODACOM_MZ_INS_CODES[code] ?? { httpStatus: 400, description: 'Simulated response' };
}
