import { isHttpUrl, isText } from './field-checks.js';

/** A Transaction Status query body that passed the simulator's checks. */
export interface DarajaStatusBody {
  readonly Initiator: string;
  readonly SecurityCredential: string;
  readonly CommandID: 'TransactionStatusQuery';
  /** The M-Pesa receipt queried, when given. */
  readonly TransactionID?: string;
  /** The `OriginatorConversationID` of the request queried, when given (note: *Original*, not *Originator*). */
  readonly OriginalConversationID?: string;
  /** The short code (or MSISDN) as a string, whether sent as a string or a number. */
  readonly PartyA: string;
  readonly IdentifierType: '1' | '2' | '4';
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
  'OriginalConversationID',
  'PartyA',
  'IdentifierType',
  'ResultURL',
  'QueueTimeOutURL',
  'Remarks',
  'Occasion',
]);

/**
 * Checks a Transaction Status body field by field and names the first bad field
 * (`"Bad Request - Invalid OriginalConversationID"`).
 *
 * Stricter than Daraja where that catches client bugs: unknown fields are rejected (the
 * documentation's own sample spells `"Command ID"` and `"Transaction ID"` with spaces; SDKs send
 * `CommandID`, `TransactionID`), and one of `TransactionID` or `OriginalConversationID` is required.
 */
export function validateStatusBody(input: unknown): { ok: true; body: DarajaStatusBody } | { ok: false; message: string } {
  const invalid = (field: string) => ({ ok: false as const, message: `Bad Request - Invalid ${field}` });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid('Request');
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) return invalid(key);

  if (!isText(body.Initiator, 1, 64)) return invalid('Initiator');
  if (!isText(body.SecurityCredential, 1, 4096)) return invalid('SecurityCredential');
  if (body.CommandID !== 'TransactionStatusQuery') return invalid('CommandID');
  const { TransactionID: transactionId, OriginalConversationID: conversationId } = body;
  if (transactionId !== undefined && (typeof transactionId !== 'string' || !/^[A-Z0-9]{1,20}$/.test(transactionId))) {
    return invalid('TransactionID');
  }
  if (conversationId !== undefined && (typeof conversationId !== 'string' || !/^[\w-]{1,64}$/.test(conversationId))) {
    return invalid('OriginalConversationID');
  }
  if (transactionId === undefined && conversationId === undefined) return invalid('TransactionID');
  const partyA = typeof body.PartyA === 'number' ? String(body.PartyA) : body.PartyA;
  if (typeof partyA !== 'string' || !/^\d{5,12}$/.test(partyA)) return invalid('PartyA');
  const identifierType = body.IdentifierType;
  if (identifierType !== '1' && identifierType !== '2' && identifierType !== '4') return invalid('IdentifierType');
  if (!isHttpUrl(body.ResultURL)) return invalid('ResultURL');
  if (!isHttpUrl(body.QueueTimeOutURL)) return invalid('QueueTimeOutURL');
  if (!isText(body.Remarks, 1, 100)) return invalid('Remarks');
  if (body.Occasion !== undefined && !isText(body.Occasion, 0, 100)) return invalid('Occasion');

  return {
    ok: true,
    body: {
      Initiator: body.Initiator,
      SecurityCredential: body.SecurityCredential,
      CommandID: 'TransactionStatusQuery',
      ...(transactionId === undefined ? {} : { TransactionID: transactionId as string }),
      ...(conversationId === undefined ? {} : { OriginalConversationID: conversationId as string }),
      PartyA: partyA,
      IdentifierType: identifierType,
      ResultURL: body.ResultURL,
      QueueTimeOutURL: body.QueueTimeOutURL,
      Remarks: body.Remarks,
      ...(body.Occasion === undefined ? {} : { Occasion: body.Occasion as string }),
    },
  };
}
