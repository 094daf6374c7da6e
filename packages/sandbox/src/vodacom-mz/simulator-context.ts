import { randomBytes } from 'node:crypto';
import type { BearerVerifier } from './bearer-verifier.js';
import { insCodeResponse } from './ins-codes.js';
import type { Ledger } from './ledger.js';
import type { ScenarioStore } from './vodacom-mz-scenario.js';
import type { MerchantCredentials } from './validate-reversal-body.js';

/** What the request handlers share. */
export interface SimulatorContext {
  readonly ledger: Ledger;
  readonly scenarios: ScenarioStore;
  readonly verifier: BearerVerifier;
  readonly credentials: MerchantCredentials;
}

/** An answer before delivery: HTTP status and JSON body. */
export interface Outcome {
  readonly status: number;
  readonly body: Record<string, string>;
}

/**
 * The answer for an `INS-*` code, with the documented HTTP status (or `httpStatus`) and the
 * `output_*` fields Vodacom sends.
 */
export function insOutcome(
  code: string,
  fields: { reference?: string | undefined; conversationId?: string; httpStatus?: number | undefined } & Record<
    string,
    string | number | undefined
  > = {},
): Outcome {
  const { reference, conversationId, httpStatus, ...extra } = fields;
  const documented = insCodeResponse(code);
  const body: Record<string, string> = {
    output_ConversationID: conversationId ?? randomBytes(16).toString('hex'),
    output_ResponseCode: code,
    output_ResponseDesc: code === '' ? '' : documented.description,
    output_ThirdPartyReference: reference ?? '',
  };
  for (const [key, value] of Object.entries(extra)) if (typeof value === 'string') body[key] = value;
  return { status: httpStatus ?? documented.httpStatus, body };
}
