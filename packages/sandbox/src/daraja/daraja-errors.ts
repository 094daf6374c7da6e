import { randomInt } from 'node:crypto';

/**
 * The synchronous error codes Daraja answers with instead of an acknowledgement: those of the
 * Reversal and Transaction Status pages, and `404.001.03` as captured for an expired token.
 */
export type DarajaErrorCode =
  | '400.002.02'
  | '400.002.05'
  | '400.003.01'
  | '400.003.02'
  | '400.008.01'
  | '400.008.02'
  | '404.001.01'
  | '404.001.03'
  | '404.001.04'
  | '404.003.01'
  | '500.001.1001'
  | '500.003.02'
  | '500.003.03'
  | '500.003.1001';

/** Daraja's synchronous error body. */
export interface DarajaErrorBody {
  readonly requestId: string;
  readonly errorCode: DarajaErrorCode;
  readonly errorMessage: string;
}

/**
 * HTTP status and default message of each code, as documented or captured. The Transaction Status
 * page gives no HTTP status: its codes get the status of their first three digits, as on the
 * Reversal page.
 */
export const DARAJA_ERRORS: Readonly<Record<DarajaErrorCode, { status: number; message: string }>> = {
  '400.002.02': { status: 400, message: 'Bad Request - Invalid Request' },
  '400.002.05': { status: 400, message: 'Invalid Request Payload' },
  '400.003.01': { status: 400, message: 'Invalid Access Token' },
  '400.003.02': { status: 400, message: 'Bad Request' },
  '400.008.01': { status: 400, message: 'Invalid Authentication passed' },
  '400.008.02': { status: 400, message: 'Invalid grant type passed' },
  '404.001.01': { status: 404, message: 'Resource not found' },
  '404.001.03': { status: 404, message: 'Invalid Access Token' },
  '404.001.04': { status: 404, message: 'Invalid Authentication Header' },
  '404.003.01': { status: 404, message: 'Resource not found' },
  '500.001.1001': { status: 500, message: 'Internal Server Error' },
  '500.003.02': { status: 500, message: 'Spike Arrest Violation' },
  '500.003.03': { status: 500, message: 'Quota Violation' },
  '500.003.1001': { status: 500, message: 'Internal Server Error' },
};

/** Builds the status and body of a Daraja error (`message` overrides the default, e.g. "Bad Request - Invalid Amount"). */
export function darajaError(code: DarajaErrorCode, message?: string): { status: number; body: DarajaErrorBody } {
  const { status, message: defaultMessage } = DARAJA_ERRORS[code];
  // Real request ids look like "5031-1921185-1".
  const requestId = `${randomInt(1000, 99999)}-${randomInt(1_000_000, 99_999_999)}-1`;
  return { status, body: { requestId, errorCode: code, errorMessage: message ?? defaultMessage } };
}
