import { randomInt } from 'node:crypto';

/** The synchronous error codes Daraja answers with instead of an acknowledgement (seed 000, NOTES.md). */
export type DarajaErrorCode =
  | '400.002.02'
  | '400.008.01'
  | '400.008.02'
  | '404.001.01'
  | '404.001.03'
  | '500.001.1001'
  | '500.003.02'
  | '500.003.03';

/** Daraja's synchronous error body. */
export interface DarajaErrorBody {
  readonly requestId: string;
  readonly errorCode: DarajaErrorCode;
  readonly errorMessage: string;
}

/** HTTP status and default message of each code, as documented (seed 000) or captured (NOTES.md). */
export const DARAJA_ERRORS: Readonly<Record<DarajaErrorCode, { status: number; message: string }>> = {
  '400.002.02': { status: 400, message: 'Bad Request - Invalid Request' },
  '400.008.01': { status: 400, message: 'Invalid Authentication passed' },
  '400.008.02': { status: 400, message: 'Invalid grant type passed' },
  '404.001.01': { status: 404, message: 'Resource not found' },
  '404.001.03': { status: 404, message: 'Invalid Access Token' },
  '500.001.1001': { status: 500, message: 'Internal Server Error' },
  '500.003.02': { status: 500, message: 'Spike Arrest Violation' },
  '500.003.03': { status: 500, message: 'Quota Violation' },
};

/** Builds the status and body of a Daraja error (`message` overrides the default, e.g. "Bad Request - Invalid Amount"). */
export function darajaError(code: DarajaErrorCode, message?: string): { status: number; body: DarajaErrorBody } {
  const { status, message: defaultMessage } = DARAJA_ERRORS[code];
  // Real request ids look like "5031-1921185-1".
  const requestId = `${randomInt(1000, 99999)}-${randomInt(1_000_000, 99_999_999)}-1`;
  return { status, body: { requestId, errorCode: code, errorMessage: message ?? defaultMessage } };
}
