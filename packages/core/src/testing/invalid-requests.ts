import type { ReversalRequest } from '../reversal-request.js';

/** One kind of invalid request the conformance suite sends, as data. */
export interface InvalidRequestCase {
  /** What is wrong, for the check's name. */
  readonly description: string;
  /** Turns a valid request into an invalid one. */
  readonly make: (valid: ReversalRequest) => unknown;
  /** The field the `ReversalValidationError` must name; any field for a request that is not an object. */
  readonly field?: string;
}

/** The invalid requests every provider must reject before sending anything. */
export const INVALID_REQUESTS: readonly InvalidRequestCase[] = [
  {
    description: 'a request without transactionId',
    make: ({ transactionId: _, ...rest }) => rest,
    field: 'transactionId',
  },
  { description: 'an empty transactionId', make: (valid) => ({ ...valid, transactionId: '' }), field: 'transactionId' },
  { description: 'a negative amount', make: (valid) => ({ ...valid, amount: '-1.00' }), field: 'amount' },
  { description: 'an amount with three decimals', make: (valid) => ({ ...valid, amount: '1.005' }), field: 'amount' },
  { description: 'a float amount such as 0.1 + 0.2', make: (valid) => ({ ...valid, amount: 0.1 + 0.2 }), field: 'amount' },
  { description: 'a reference with spaces and symbols', make: (valid) => ({ ...valid, reference: 'ORDER 12!' }), field: 'reference' },
  { description: 'a reference of 21 characters', make: (valid) => ({ ...valid, reference: 'A'.repeat(21) }), field: 'reference' },
  { description: 'an unknown field (a misspelt amount)', make: (valid) => ({ ...valid, amuont: '1.00' }), field: 'amuont' },
  { description: 'a request that is a string', make: (valid) => valid.transactionId },
  { description: 'a request that is null', make: () => null },
  { description: 'a request that is an array', make: (valid) => [valid] },
];
