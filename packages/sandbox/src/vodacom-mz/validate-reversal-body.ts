import { parseAmount, toMinorUnits } from '@reversal/core';

/** The merchant credentials the simulator expects in every reversal body. */
export interface MerchantCredentials {
  readonly serviceProviderCode: string;
  readonly initiatorIdentifier: string;
  readonly securityCredential: string;
}

/** A reversal body that passed validation. */
export interface ValidReversalBody {
  readonly transactionId: string;
  readonly reference: string;
  /** `input_ReversalAmount` in minor units; absent for a full reversal. */
  readonly amountMinor?: bigint;
}

const REQUIRED_FIELDS = [
  'input_TransactionID',
  'input_SecurityCredential',
  'input_InitiatorIdentifier',
  'input_ThirdPartyReference',
  'input_ServiceProviderCode',
] as const;
const KNOWN_FIELDS = new Set<string>([...REQUIRED_FIELDS, 'input_ReversalAmount']);

/**
 * Validates a reversal body with the codes the documentation names (the portal's "Reversal" page, see docs/providers/vodacom-mz.md). Stricter than the
 * real gateway on one point, on purpose: an unknown field (such as `input_Amount`, which some SDKs
 * send) is refused with INS-21, because a misspelt amount field silently becomes a full reversal.
 */
export function validateReversalBody(
  body: unknown,
  credentials: MerchantCredentials,
): { ok: true; value: ValidReversalBody } | { ok: false; code: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, code: 'INS-21' };
  const fields = body as Record<string, unknown>;
  if (REQUIRED_FIELDS.some((name) => fields[name] === undefined || fields[name] === null)) {
    return { ok: false, code: 'INS-20' };
  }
  if (Object.keys(fields).some((name) => !KNOWN_FIELDS.has(name))) return { ok: false, code: 'INS-21' };
  if (REQUIRED_FIELDS.some((name) => typeof fields[name] !== 'string')) return { ok: false, code: 'INS-21' };

  const reference = fields.input_ThirdPartyReference as string;
  if (reference.length < 1 || reference.length > 20) return { ok: false, code: 'INS-17' };
  // Whitespace and symbols in the reference are refused (docs/providers/vodacom-mz.md: a space caused INS-1 for one integrator).
  if (!/^\w+$/.test(reference)) return { ok: false, code: 'INS-19' };

  const transactionId = fields.input_TransactionID as string;
  if (!/^[A-Za-z0-9]{1,20}$/.test(transactionId)) return { ok: false, code: 'INS-18' };
  if (fields.input_ServiceProviderCode !== credentials.serviceProviderCode) return { ok: false, code: 'INS-13' };
  if (fields.input_InitiatorIdentifier !== credentials.initiatorIdentifier) return { ok: false, code: 'INS-24' };
  if (fields.input_SecurityCredential !== credentials.securityCredential) return { ok: false, code: 'INS-25' };

  const amount = fields.input_ReversalAmount;
  if (amount === undefined) return { ok: true, value: { transactionId, reference } };
  // The API types every amount as a String; a JSON number is refused too.
  const parsed = typeof amount === 'string' ? parseAmount(amount) : { ok: false as const };
  if (!parsed.ok) return { ok: false, code: 'INS-15' };
  return { ok: true, value: { transactionId, reference, amountMinor: toMinorUnits(parsed.value) } };
}
