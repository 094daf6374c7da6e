import type { ReversalProvider } from '@reversal/core';
import type { VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFor, startSimulator } from './test-helpers/simulator.js';
import type { VodacomMzMetadata } from './metadata.js';

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

describe('responses that do not say clearly what happened', () => {
  it('a header strict parsers reject: unknown, not a crash, and checkStatus settles it', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, malformedHeader: true });
    const result = await provider.reverse({ transactionId, reference: 'HDR1' });
    expect(result).toMatchObject({
      status: 'unknown',
      error: { code: 'PROCESSING_ERROR', providerCode: 'HPE_INVALID_RESPONSE', retryable: false },
    });
    expect(result.status === 'unknown' && result.error.message).toContain('check its status');
    // The simulator applied the reversal before answering; the status check shows it.
    expect((await provider.checkStatus!(result)).status).toBe('succeeded');
  });

  it('a body that is not JSON (a proxy error page): unknown', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: 'INS-1', rawBody: '<html><body>502 Bad Gateway</body></html>' });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: 'INVALID_RESPONSE' } });
  });

  it.each(['[{"output_ResponseCode":"INS-0"}]', '"INS-0"', 'null'])('JSON that is not an object of output_* fields (%s): unknown', async (rawBody) => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: 'INS-0', rawBody });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: 'INVALID_RESPONSE', retryable: false } });
  });

  it.each([
    ['INS-0 with HTTP 500', 'INS-0', 500],
    ['INS-15 with HTTP 200', 'INS-15', 200],
    ['INS-2 with HTTP 201', 'INS-2', 201],
  ])('an HTTP status that contradicts the code (%s): unknown, raw code kept', async (_name, code, httpStatus) => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: code, httpStatus });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: code, retryable: false } });
    expect(result.status === 'unknown' && result.error.message).toContain('contradicts');
  });

  it('a status of the same kind as documented (INS-15 with 422 instead of 400): the code decides', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: 'INS-15', httpStatus: 422 });
    expect(await provider.reverse({ transactionId })).toMatchObject({ status: 'failed', error: { code: 'INVALID_AMOUNT' } });
  });

  it.each([400, 200, 500])('an empty response code with HTTP %i: unknown', async (httpStatus) => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: '', httpStatus });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: '' } });
    expect(result.status === 'unknown' && result.error.message).toContain('without a response code');
  });

  it('an undocumented code: unknown, raw code kept', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: 'INS-777', httpStatus: 400 });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { providerCode: 'INS-777' }, raw: { output_ResponseCode: 'INS-777' } });
  });

  it('an empty body: unknown', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ transactionId, responseCode: 'INS-0', rawBody: '' });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { providerCode: '' } });
  });
});
