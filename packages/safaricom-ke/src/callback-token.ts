import { randomBytes, webcrypto } from 'node:crypto';
import { ReversalCallbackError, isValidReference, type ReversalStatus } from '@reversal/core';

type CryptoKey = webcrypto.CryptoKey;
// jose is loaded on first use: only providers with a callbackSecret sign or verify tokens, and
// importing it costs more cold-start time than the rest of the adapter.
const loadJose = () => import('jose');

/** What a callback URL tells about the reversal it was issued for. */
export interface CallbackCorrelation {
  /** The caller's reference of the reversal. */
  readonly reference: string;
  /** The receipt of the payment being reversed, when the URL carries it. */
  readonly originalTransactionId?: string;
  /**
   * `result` for the ResultURL, `queue-timeout` for the QueueTimeOutURL; `status-result` and
   * `status-queue-timeout` for those of a Transaction Status query about the reversal.
   */
  readonly kind: CallbackKind;
  /** For a status query's URLs: the reversal it asks about. */
  readonly status?: StatusCorrelation;
}

/** Which callback URL a token was made for. */
export type CallbackKind = 'result' | 'queue-timeout' | 'status-result' | 'status-queue-timeout';

const KINDS: readonly unknown[] = ['result', 'queue-timeout', 'status-result', 'status-queue-timeout'];
const STATUSES: readonly unknown[] = ['pending', 'succeeded', 'failed', 'unknown'];

/**
 * What a status query's callback URL carries about the reversal queried, so that the answer settles
 * that reversal — with its ids, never the query's — and, when it settles nothing, leaves it at the
 * status it had.
 */
export interface StatusCorrelation {
  /** The reversal request's `OriginatorConversationID` (its `providerRequestId`). */
  readonly providerRequestId?: string;
  /** The reversal request's `ConversationID`. */
  readonly conversationId?: string;
  /** The reversal's receipt, when known. */
  readonly reversalTransactionId?: string;
  /** The reversal's status when it was queried. */
  readonly prior: ReversalStatus;
}

/**
 * Imports the callback secret once as an HMAC-SHA-256 `CryptoKey`: jose given raw bytes would
 * import them again on every sign and verify, which doubles the cost of each (measured 200 → 90 µs).
 */
export function importCallbackKey(secret: Uint8Array): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

// Binds tokens to this use, so that a token minted with the same secret for anything else is refused.
const AUDIENCE = 'reversal:safaricom-ke:callback';

/** Signs a callback token (JWT, HS256) carrying the correlation and an expiry. */
export async function signCallbackToken(
  correlation: CallbackCorrelation,
  key: CryptoKey | Uint8Array,
  ttlSeconds: number,
): Promise<string> {
  const { SignJWT } = await loadJose();
  const status = correlation.status;
  const claims = status
    ? {
        pid: status.providerRequestId,
        cid: status.conversationId,
        rtx: status.reversalTransactionId,
        st: status.prior,
        // One URL per query: two queries of one reversal in the same second get different tokens.
        jti: randomBytes(6).toString('base64url'),
      }
    : {};
  return new SignJWT({ ref: correlation.reference, txn: correlation.originalTransactionId, kind: correlation.kind, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}

/**
 * Verifies a callback token and returns its correlation. Rejects with a `ReversalCallbackError`
 * (`ERR_CALLBACK_UNAUTHENTICATED`, answer 401) when it is missing, forged, for another use or expired.
 */
export async function verifyCallbackToken(token: string | null, key: CryptoKey | Uint8Array): Promise<CallbackCorrelation> {
  const unauthenticated = (why: string, cause?: unknown) =>
    new ReversalCallbackError(
      'ERR_CALLBACK_UNAUTHENTICATED',
      `Callback rejected: ${why}. Answer 401; a genuine Daraja callback carries the token this provider put in its ResultURL and QueueTimeOutURL.`,
      cause === undefined ? undefined : { cause },
    );
  if (!token) throw unauthenticated('its URL has no token parameter');
  const { errors, jwtVerify } = await loadJose();
  let payload: Record<string, unknown>;
  try {
    // A token without `exp` would stay valid for ever: refused, even when signed with the secret.
    ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: AUDIENCE, requiredClaims: ['exp'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('its token has expired (see callbackTokenTtlSeconds)');
    throw unauthenticated('its token is not valid (forged, altered, without an expiry, or signed with another callbackSecret)');
  }
  const { ref, txn, kind } = payload;
  if (!isValidReference(ref) || (txn !== undefined && typeof txn !== 'string') || !KINDS.includes(kind)) {
    throw unauthenticated('its token does not carry a reversal reference');
  }
  const correlation = { reference: ref, kind: kind as CallbackKind, ...(txn === undefined ? {} : { originalTransactionId: txn }) };
  if (kind !== 'status-result' && kind !== 'status-queue-timeout') return correlation;
  const status = readStatusClaims(payload);
  if (!status) throw unauthenticated('its token does not say which reversal the status query was about');
  return { ...correlation, status };
}

/** The status claims of a token (`pid`, `cid`, `rtx`, `st`), or `undefined` when they are not well formed. */
function readStatusClaims(payload: Record<string, unknown>): StatusCorrelation | undefined {
  const { pid, cid, rtx, st } = payload;
  const optional = [pid, cid, rtx];
  if (!STATUSES.includes(st) || optional.some((value) => value !== undefined && typeof value !== 'string')) return undefined;
  return {
    prior: st as ReversalStatus,
    ...(pid === undefined ? {} : { providerRequestId: pid as string }),
    ...(cid === undefined ? {} : { conversationId: cid as string }),
    ...(rtx === undefined ? {} : { reversalTransactionId: rtx as string }),
  };
}
