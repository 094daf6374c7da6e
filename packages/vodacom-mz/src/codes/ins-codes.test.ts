import { readFileSync } from 'node:fs';
import type { ReversalProvider } from '@reversal/core';
import { type VodacomMzSimulator, VODACOM_MZ_INS_CODES } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_CODE_TABLE } from './ins-codes.js';
import { providerFor, startSimulator } from '../test-helpers/simulator.js';
import type { VodacomMzMetadata } from '../metadata.js';

// The documented table (the portal's, as karson/mpesa-php-sdk API.md copies it): HTTP status → codes.
const documented = JSON.parse(readFileSync(new URL('../__fixtures__/ins-codes-http-status.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const documentedCodes = Object.entries(documented)
  .filter(([status]) => !status.startsWith('_'))
  .flatMap(([status, codes]) =>
    Object.entries(codes).map(([code, description]) => ({ code, description, statuses: status.split('/').map(Number) })),
  );

let simulator: VodacomMzSimulator;
let provider: ReversalProvider<VodacomMzMetadata>;

beforeAll(async () => {
  simulator = await startSimulator();
  provider = providerFor(simulator);
});
afterAll(async () => {
  await provider.close?.();
  await simulator.close();
});

describe('INS_CODE_TABLE', () => {
  it('maps exactly the documented codes, with their documented HTTP statuses and descriptions', () => {
    expect(Object.keys(INS_CODE_TABLE).sort()).toEqual(documentedCodes.map(({ code }) => code).sort());
    for (const { code, description, statuses } of documentedCodes) {
      expect(INS_CODE_TABLE[code]).toMatchObject({ description, httpStatuses: statuses });
    }
  });

  it('gives every failed and unknown row a normalised code, and explains every row left in doubt', () => {
    for (const mapping of Object.values(INS_CODE_TABLE)) {
      if (mapping.status !== 'succeeded') expect(mapping.code).toBeDefined();
      if (mapping.status === 'unknown') expect(mapping.why).toBeTruthy();
    }
  });

  const expectations: Record<string, { status: string; code?: string; retryable: boolean }> = {
    'INS-0': { status: 'succeeded', retryable: false },
    'INS-1': { status: 'unknown', code: 'PROCESSING_ERROR', retryable: false },
    'INS-2': { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false },
    'INS-4': { status: 'failed', code: 'ACCOUNT_INACTIVE', retryable: false },
    'INS-5': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-6': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-9': { status: 'unknown', code: 'TIMEOUT', retryable: false },
    // The earlier request with this reference may have reversed the payment: never "not reversed".
    'INS-10': { status: 'unknown', code: 'DUPLICATE_REQUEST', retryable: false },
    'INS-13': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-14': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-15': { status: 'failed', code: 'INVALID_AMOUNT', retryable: false },
    'INS-16': { status: 'failed', code: 'RATE_LIMITED', retryable: true },
    'INS-17': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-18': { status: 'failed', code: 'TRANSACTION_NOT_FOUND', retryable: false },
    'INS-19': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-20': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-21': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-22': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-23': { status: 'unknown', code: 'PROCESSING_ERROR', retryable: false },
    'INS-24': { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false },
    'INS-25': { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false },
    'INS-26': { status: 'failed', code: 'PERMISSION_DENIED', retryable: false },
    'INS-993': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-994': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-995': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-996': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-997': { status: 'failed', code: 'TRANSACTION_NOT_FOUND', retryable: false },
    'INS-998': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-2001': { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false },
    'INS-2002': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
    'INS-2006': { status: 'failed', code: 'INSUFFICIENT_FUNDS', retryable: true },
    'INS-2051': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
    'INS-2057': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
  };

  it('has an expectation below for every row', () => {
    expect(Object.keys(expectations).sort()).toEqual(Object.keys(INS_CODE_TABLE).sort());
  });

  // One test per row, over HTTP: the simulator answers the code with its documented status.
  it.each(Object.entries(expectations))('%s over HTTP', async (code, expected) => {
    const { transactionId } = simulator.addTransaction({ amount: '20.00' });
    simulator.addScenario({ transactionId, responseCode: code });
    const result = await provider.reverse({ transactionId, amount: '20.00' });

    expect(result.status).toBe(expected.status);
    expect(result.metadata).toMatchObject({ responseCode: code, httpStatus: VODACOM_MZ_INS_CODES[code]!.httpStatus });
    expect(result.amount).toEqual({ value: '20.00', currency: 'MZN' });
    if (result.status === 'failed' || result.status === 'unknown') {
      expect(result.error).toMatchObject({ code: expected.code, providerCode: code, retryable: expected.retryable });
      expect(result.error.message).toContain(code);
    }
  });
});
