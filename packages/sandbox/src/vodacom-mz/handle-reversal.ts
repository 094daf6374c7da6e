import { insOutcome, type Outcome, type SimulatorContext } from './simulator-context.js';
import { validateReversalBody } from './validate-reversal-body.js';
import type { VodacomMzScenario } from './vodacom-mz-scenario.js';

const stringField = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Validates and applies one reversal to the ledger; the answer the gateway gives for it. */
function processReversal(context: SimulatorContext, body: unknown): Outcome {
  const validated = validateReversalBody(body, context.credentials);
  const echoed = (body as Record<string, unknown> | null)?.input_ThirdPartyReference;
  const reference = typeof echoed === 'string' ? echoed : undefined;
  if (!validated.ok) return insOutcome(validated.code, { reference });
  const { transactionId, amountMinor } = validated.value;
  if (context.ledger.hasReference(reference!)) return insOutcome('INS-10', { reference });
  const applied = context.ledger.applyReversal(transactionId, reference!, amountMinor);
  if (!applied.ok) return insOutcome(applied.reason === 'unknown-transaction' ? 'INS-18' : 'INS-15', { reference });
  return insOutcome('INS-0', {
    reference,
    conversationId: applied.reversal.conversationId,
    output_TransactionID: applied.reversal.reversalTransactionId,
  });
}

/**
 * Answers `PUT /ipg/v1x/reversal/`: bearer check (INS-2/401), JSON body, the first matching
 * scenario, then validation and the ledger. Returns the outcome and the scenario that shapes its
 * delivery.
 */
export function handleReversal(
  context: SimulatorContext,
  authorization: string | undefined,
  text: string,
): { outcome: Outcome; scenario?: VodacomMzScenario | undefined } {
  if (!context.verifier.verify(authorization)) return { outcome: insOutcome('INS-2') };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { outcome: insOutcome('INS-21') };
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const reference = stringField(fields.input_ThirdPartyReference);
  const scenario = context.scenarios.take({
    operation: 'reversal',
    transactionId: stringField(fields.input_TransactionID),
    references: reference === undefined ? [] : [reference],
  });
  if (scenario?.responseCode === undefined) return { outcome: processReversal(context, body), scenario };
  // A gateway that did the work and then reported an error still names the conversation it
  // created, so that a status check by that id finds the reversal.
  const applied = scenario.apply ? processReversal(context, body) : undefined;
  const conversationId = applied?.body.output_ResponseCode === 'INS-0' ? applied.body.output_ConversationID : undefined;
  const outcome = insOutcome(scenario.responseCode, {
    reference,
    httpStatus: scenario.httpStatus,
    ...(conversationId ? { conversationId } : {}),
  });
  return { outcome, scenario };
}
