import type { TransportFailure } from './transport-outcome.js';

// Failures that happen before a request byte is written: the provider cannot have processed it.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_INVALID_URL',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errors, name } = error as { code?: unknown; errors?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  // undici's llhttp errors carry no code, only their class name.
  if (name === 'HTTPParserError') return 'HPE_INVALID_RESPONSE';
  // Happy-eyeballs connection attempts fail with an AggregateError of per-address errors.
  if (Array.isArray(errors)) return errors.map(errorCode).find((item) => item !== undefined);
  return undefined;
}

/**
 * Sorts a transport error into *not sent* (safe to retry) and *maybe sent* (outcome unknown).
 * Anything not known to happen before sending counts as maybe sent: guessing "not sent" wrongly
 * could reverse a payment twice, guessing "maybe sent" wrongly only costs a status check.
 */
export function classifyTransportError(error: unknown, context: { timedOut: boolean; aborted: boolean }): TransportFailure {
  const code = errorCode(error) ?? 'UNKNOWN';
  if (NOT_SENT_CODES.has(code)) {
    return { kind: 'not-sent', code, message: `the provider could not be reached (${code})` };
  }
  if (context.timedOut || TIMEOUT_CODES.has(code)) {
    return { kind: 'maybe-sent', reason: 'timeout', code: 'TIMEOUT', message: 'no answer in time' };
  }
  if (context.aborted) {
    return { kind: 'maybe-sent', reason: 'aborted', code: 'ABORTED', message: 'the call was aborted after sending' };
  }
  if (code.startsWith('HPE_')) {
    return {
      kind: 'maybe-sent',
      reason: 'invalid-response',
      code,
      message: `the response could not be parsed as HTTP (${code})`,
    };
  }
  return { kind: 'maybe-sent', reason: 'connection-lost', code, message: `the connection failed mid-exchange (${code})` };
}
