import { insOutcome, type Outcome, type SimulatorContext } from './simulator-context.js';
import type { VodacomMzScenario } from './vodacom-mz-scenario.js';

const REQUIRED_PARAMETERS = ['input_QueryReference', 'input_ServiceProviderCode', 'input_ThirdPartyReference'] as const;

/**
 * Answers `GET /ipg/v1x/queryTransactionStatus/?input_QueryReference=…&input_ServiceProviderCode=…
 * &input_ThirdPartyReference=…` from the ledger. `input_QueryReference` may be a reversal's
 * reference, conversation id or transaction id (karson/mpesa-php-sdk API.md), or a payment's
 * transaction id. A reference the simulator does not know is answered INS-0 with the status
 * `"N/A"` ("status not available"): the documentation does not say what Vodacom answers then.
 */
export function handleStatus(
  context: SimulatorContext,
  authorization: string | undefined,
  query: URLSearchParams,
): { outcome: Outcome; scenario?: VodacomMzScenario | undefined } {
  if (!context.verifier.verify(authorization)) return { outcome: insOutcome('INS-2') };
  const reference = query.get('input_ThirdPartyReference') ?? undefined;
  if (REQUIRED_PARAMETERS.some((name) => !query.get(name))) return { outcome: insOutcome('INS-20', { reference }) };
  if (!/^\w{1,20}$/.test(reference!)) return { outcome: insOutcome(reference!.length > 20 ? 'INS-17' : 'INS-19', { reference }) };
  if (query.get('input_ServiceProviderCode') !== context.credentials.serviceProviderCode) {
    return { outcome: insOutcome('INS-13', { reference }) };
  }

  const queryReference = query.get('input_QueryReference')!;
  const reversal = context.ledger.findReversal(queryReference);
  const scenario = context.scenarios.take({
    operation: 'status',
    transactionId: queryReference,
    references: reversal ? [queryReference, reversal.reference] : [queryReference],
  });
  if (scenario?.responseCode !== undefined) {
    return { outcome: insOutcome(scenario.responseCode, { reference, httpStatus: scenario.httpStatus }), scenario };
  }

  const payment = reversal ? undefined : context.ledger.getTransaction(queryReference);
  const known = reversal ?? payment;
  const transactionStatus = scenario?.transactionStatus ?? (known ? 'Completed' : 'N/A');
  const outcome = insOutcome('INS-0', {
    reference,
    httpStatus: 200,
    output_ResponseTransactionStatus: transactionStatus,
    ...(reversal ? { conversationId: reversal.conversationId } : {}),
  });
  return { outcome, scenario };
}
