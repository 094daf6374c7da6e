import { describe, expect, it } from 'vitest';
import type { ReversalProvider } from './reversal-provider.js';
import { isFinalResult, type ReversalResult, type ReversalStatus } from './reversal-result.js';
import { assertReversalResult } from './testing/assert-reversal-result.js';

const base = {
  provider: 'safaricom-ke',
  reference: 'ORDER1',
  originalTransactionId: 'PDU91HIVIT',
  amount: { value: '200.00', currency: 'KES' },
  metadata: {},
  raw: { Result: {} },
};

const examples: Record<ReversalStatus, ReversalResult> = {
  pending: { ...base, status: 'pending', conversationId: 'AG_20240101_1' },
  succeeded: { ...base, status: 'succeeded', reversalTransactionId: 'QKA1XYZ', completedAt: new Date('2024-01-01T10:00:00Z') },
  failed: {
    ...base,
    status: 'failed',
    error: { code: 'ALREADY_REVERSED', providerCode: 'R000001', message: 'Already reversed.', retryable: false },
  },
  unknown: {
    ...base,
    status: 'unknown',
    error: { code: 'TIMEOUT', providerCode: 'UND_ERR_HEADERS_TIMEOUT', message: 'No answer in time; check status.', retryable: false },
  },
};

/** What an application does with each status; the `never` default makes the switch exhaustive. */
function nextStep(result: ReversalResult): string {
  switch (result.status) {
    case 'pending':
      return `await callback for ${result.reference}`;
    case 'succeeded':
      return `refunded ${result.amount?.value} as ${result.reversalTransactionId}`;
    case 'failed':
      return result.error.retryable ? 'retry later' : `tell support: ${result.error.code}`;
    case 'unknown':
      return `check status (${result.error.code})`;
    default: {
      const impossible: never = result;
      return impossible;
    }
  }
}

const provider: ReversalProvider = {
  id: 'safaricom-ke',
  capabilities: { partialReversal: false, resultDelivery: 'callback', currencies: ['KES'], statusCheck: true, statusDelivery: 'sync' },
  reverse: async () => examples.pending,
};

describe('ReversalResult', () => {
  it.each(Object.entries(examples))('a %s result is well-formed and narrows by status', (status, result) => {
    assertReversalResult(result, provider);
    expect(result.status).toBe(status);
    expect(nextStep(result)).toBe(
      {
        pending: 'await callback for ORDER1',
        succeeded: 'refunded 200.00 as QKA1XYZ',
        failed: 'tell support: ALREADY_REVERSED',
        unknown: 'check status (TIMEOUT)',
      }[status],
    );
  });

  it('isFinalResult: succeeded and failed will not change; pending and unknown may', () => {
    expect(Object.values(examples).filter(isFinalResult).map((result) => result.status)).toEqual(['succeeded', 'failed']);
  });

  it('survives JSON.stringify with its raw payload', () => {
    const json = JSON.parse(JSON.stringify(examples.succeeded));
    expect(json).toMatchObject({ status: 'succeeded', completedAt: '2024-01-01T10:00:00.000Z', raw: { Result: {} } });
  });
});
