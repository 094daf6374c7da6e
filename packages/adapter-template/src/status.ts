import type { StatusQuery } from '@reversal/core';
import type { OperationSpec } from '@reversal/core/kit';
import type { AcmeMoneyMetadata } from './metadata.js';
import { type OperationSettings, readAnswer } from './reversal.js';

/**
 * The status operation: `GET /v1/reversals/{reference}`, answered like a reversal (same codes),
 * `A006` when the API never received a reversal with that reference.
 */
export function statusOperation({ transport, currency, headers }: OperationSettings): OperationSpec<StatusQuery, AcmeMoneyMetadata> {
  return {
    transport,
    prepare: (query) => ({
      request: { method: 'GET', path: `/v1/reversals/${encodeURIComponent(query.reference)}`, headers },
      providerRequestId: query.reference,
    }),
    read: (response) => readAnswer(response, currency),
  };
}
