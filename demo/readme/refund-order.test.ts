import { createMockProvider } from '@reversal/core/testing';
import { vodacomMz } from '@reversal/vodacom-mz';
import { expect, it } from 'vitest';
import { refundOrder } from './refund-order.js';

it('settles a duplicate by a status check instead of reporting "not reversed"', async () => {
  const provider = createMockProvider({ like: vodacomMz }); // validates as the Vodacom adapter does
  provider.respondOnce({ status: 'unknown', error: { code: 'DUPLICATE_REQUEST', providerCode: 'INS-10' } });
  provider.setStatus('ORDER42', { status: 'succeeded' }); // the earlier request had reversed the payment

  const result = await refundOrder(provider, { receipt: '5C1400CVRO', total: '200.00', id: 'ORDER42' });

  expect(result.status).toBe('succeeded');
  expect(provider.calls).toHaveLength(1); // asked, never sent again
  expect(provider.calls[0]?.validatedRequest).toMatchObject({ transactionId: '5C1400CVRO', amount: '200.00' });
});
