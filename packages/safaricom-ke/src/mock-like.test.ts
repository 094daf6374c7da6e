import { ReversalValidationError } from '@reversal/core';
import { createMockProvider } from '@reversal/core/testing';
import { describe, expect, it } from 'vitest';
import { safaricomKe } from './definition.js';

/** The fields a rejected request is rejected for. */
async function rejectedFields(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ReversalValidationError.isInstance(error)) throw new Error(`expected a ReversalValidationError, got ${String(error)}`);
  return error.issues.map((issue) => issue.field);
}

// A unit test written against createMockProvider({ like: safaricomKe }) must fail on a request the
// real adapter would refuse: the mock validates with the adapter's own rules and capabilities.
describe('createMockProvider({ like: safaricomKe })', () => {
  const mock = createMockProvider({ like: safaricomKe });

  it('takes the adapter id, capabilities and request rules (references: 1–20 letters and digits, for Occasion)', () => {
    expect(mock.id).toBe('safaricom-ke');
    expect(mock.capabilities).toEqual(safaricomKe.capabilities);
    expect(mock.requestRules).toBe(safaricomKe.requestRules);
    expect(safaricomKe.requestRules.reference).toEqual({ kind: 'alphanumeric', maxLength: 20 });
  });

  it.each([
    ['a lower-case receipt', { transactionId: 'pdu91hivit', amount: '200' }, 'transactionId'],
    ['shillings with cents', { transactionId: 'PDU91HIVIT', amount: '200.50' }, 'amount'],
    ['a 21-character id', { transactionId: 'PDU91HIVIT', amount: '200', reference: 'A'.repeat(21) }, 'reference'],
    ['a one-character reason', { transactionId: 'PDU91HIVIT', amount: '200', reason: 'x' }, 'reason'],
    ['no amount (Daraja reverses the full amount, which must be given)', { transactionId: 'PDU91HIVIT' }, 'amount'],
  ])('refuses %s, as the adapter does', async (_what, request, field) => {
    expect(await rejectedFields(mock.reverse(request))).toEqual([field]);
  });

  it('accepts what the adapter accepts', async () => {
    const result = await mock.reverse({ transactionId: 'PDU91HIVIT', amount: 200, reference: 'ORDER1', reason: 'Paid twice' });
    expect(result).toMatchObject({ provider: 'safaricom-ke', status: 'pending', amount: { value: '200.00', currency: 'KES' } });
  });
});
