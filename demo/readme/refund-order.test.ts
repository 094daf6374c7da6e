import { createMockProvider } from '@reversal/core/testing';
import { expect, it } from 'vitest';
import { refundOrder } from './refund-order.js';

it('reports a payment that was already reversed', async () => {
  const provider = createMockProvider({ currency: 'KES' });
  provider.respondOnce({ status: 'failed', error: { code: 'ALREADY_REVERSED' } });

  const result = await refundOrder(provider, { receipt: 'PDU91HIVIT', total: '200.00', id: 'ORDER42' });

  expect(result.status).toBe('failed');
  expect(result.status === 'failed' && result.error.code).toBe('ALREADY_REVERSED');
  expect(provider.calls[0]?.validatedRequest).toMatchObject({ transactionId: 'PDU91HIVIT', amount: '200.00' });
});
