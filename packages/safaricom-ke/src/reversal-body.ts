import type { ValidatedReversalRequest } from '@reversal/core';

/** The JSON body of `POST /mpesa/reversal/v1/request`, field for field as Daraja spells it. */
export interface DarajaReversalRequestBody {
  readonly Initiator: string;
  readonly SecurityCredential: string;
  readonly CommandID: 'TransactionReversal';
  readonly TransactionID: string;
  readonly Amount: string;
  readonly ReceiverParty: string;
  readonly RecieverIdentifierType: '11';
  readonly ResultURL: string;
  readonly QueueTimeOutURL: string;
  readonly Remarks: string;
  readonly Occasion: string;
}

/** `Remarks` when the request gives no reason (Daraja requires 2–100 characters). */
export const DEFAULT_REMARKS = 'Transaction reversal';

/** Builds the reversal body of a validated request (whole-shilling amount, checked before). */
export function buildReversalBody(
  request: ValidatedReversalRequest & { readonly amount: string },
  settings: {
    readonly initiatorName: string;
    readonly securityCredential: string;
    readonly shortCode: string;
    readonly urls: { readonly ResultURL: string; readonly QueueTimeOutURL: string };
  },
): DarajaReversalRequestBody {
  return {
    Initiator: settings.initiatorName,
    SecurityCredential: settings.securityCredential,
    CommandID: 'TransactionReversal',
    TransactionID: request.transactionId,
    // Whole shillings as text, like the documentation example ("200").
    Amount: request.amount.slice(0, -3),
    ReceiverParty: settings.shortCode,
    // Daraja spells it "Reciever"; the correct spelling is rejected with 400.002.02. The value is the text "11".
    RecieverIdentifierType: '11',
    ResultURL: settings.urls.ResultURL,
    QueueTimeOutURL: settings.urls.QueueTimeOutURL,
    Remarks: request.reason?.trim() || DEFAULT_REMARKS,
    // Free text on M-Pesa's side; the reference makes the reversal findable in the org portal.
    Occasion: request.reference,
  };
}
