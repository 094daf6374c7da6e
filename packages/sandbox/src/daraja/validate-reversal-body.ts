import { parseAmount } from '@reversal/core';
import { isHttpUrl, isText } from './field-checks.js';

/** A reversal request body that passed the simulator's checks. */
export interface DarajaReversalBody {
  readonly Initiator: string;
  readonly SecurityCredential: string;
  readonly CommandID: 'TransactionReversal';
  readonly TransactionID: string;
  /** Canonical two-decimal string of the `Amount` sent (number or string). */
  readonly amount: string;
  readonly ReceiverParty: string;
  readonly RecieverIdentifierType: '11';
  readonly ResultURL: string;
  readonly QueueTimeOutURL: string;
  readonly Remarks: string;
  readonly Occasion?: string;
}

const FIELDS = new Set([
  'Initiator',
  'SecurityCredential',
  'CommandID',
  'TransactionID',
  'Amount',
  'ReceiverParty',
  'RecieverIdentifierType',
  'ResultURL',
  'QueueTimeOutURL',
  'Remarks',
  'Occasion',
]);

/**
 * Checks a reversal body field by field, the way Daraja's gateway does, and names the first bad
 * field in Daraja's words (`"Bad Request - Invalid RecieverIdentifierType"`).
 *
 * Stricter than Daraja where that catches client bugs: unknown fields (a misspelt `Occassion`,
 * the correctly spelt `ReceiverIdentifierType`) are rejected, and `RecieverIdentifierType` must be
 * the string `"11"` of the documentation example.
 */
export function validateReversalBody(input: unknown): { ok: true; body: DarajaReversalBody } | { ok: false; message: string } {
  const invalid = (field: string) => ({ ok: false as const, message: `Bad Request - Invalid ${field}` });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid('Request');
  const body = input as Record<string, unknown>;
  // Daraja answers a correctly spelt field with the misspelt name in the message (safaricom/LNMOnlineAndroidSample#8).
  if ('ReceiverIdentifierType' in body) return invalid('RecieverIdentifierType');
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) return invalid(key);

  if (!isText(body.Initiator, 1, 64)) return invalid('Initiator');
  if (!isText(body.SecurityCredential, 1, 4096)) return invalid('SecurityCredential');
  if (body.CommandID !== 'TransactionReversal') return invalid('CommandID');
  if (typeof body.TransactionID !== 'string' || !/^[A-Z0-9]{1,20}$/.test(body.TransactionID)) {
    return invalid('TransactionID');
  }
  const amount = parseAmount(body.Amount);
  if (!amount.ok) return invalid('Amount');
  const receiverParty = typeof body.ReceiverParty === 'number' ? String(body.ReceiverParty) : body.ReceiverParty;
  if (typeof receiverParty !== 'string' || !/^\d{5,9}$/.test(receiverParty)) return invalid('ReceiverParty');
  if (body.RecieverIdentifierType !== '11') return invalid('RecieverIdentifierType');
  if (!isHttpUrl(body.ResultURL)) return invalid('ResultURL');
  if (!isHttpUrl(body.QueueTimeOutURL)) return invalid('QueueTimeOutURL');
  if (!isText(body.Remarks, 2, 100)) return invalid('Remarks');
  if (body.Occasion !== undefined && !isText(body.Occasion, 0, 100)) return invalid('Occasion');

  return {
    ok: true,
    body: {
      Initiator: body.Initiator,
      SecurityCredential: body.SecurityCredential,
      CommandID: 'TransactionReversal',
      TransactionID: body.TransactionID,
      amount: amount.value,
      ReceiverParty: receiverParty,
      RecieverIdentifierType: '11',
      ResultURL: body.ResultURL,
      QueueTimeOutURL: body.QueueTimeOutURL,
      Remarks: body.Remarks,
      ...(body.Occasion === undefined ? {} : { Occasion: body.Occasion as string }),
    },
  };
}
