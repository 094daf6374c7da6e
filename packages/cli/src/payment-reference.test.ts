import { describe, expect, it } from 'vitest';
import { paymentReference } from './payment-reference.js';

describe('paymentReference', () => {
  it('is the same for the same provider, payment and amount, whatever the amount’s spelling', () => {
    expect(paymentReference('vodacom-mz', 'SBXMZ00002', '40.00')).toBe(paymentReference('vodacom-mz', 'SBXMZ00002', '40'));
    expect(paymentReference('vodacom-mz', 'SBXMZ00002', '40.00')).toMatch(/^[0-9A-Z]{20}$/);
  });

  it('differs by provider, payment and amount (a full reversal is its own)', () => {
    const references = new Set([
      paymentReference('vodacom-mz', 'SBXMZ00002', '40.00'),
      paymentReference('safaricom-ke', 'SBXMZ00002', '40.00'),
      paymentReference('vodacom-mz', 'SBXMZ00003', '40.00'),
      paymentReference('vodacom-mz', 'SBXMZ00002', '41.00'),
      paymentReference('vodacom-mz', 'SBXMZ00002', undefined),
    ]);
    expect(references.size).toBe(5);
  });
});
