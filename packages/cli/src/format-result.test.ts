import type { ProviderCapabilities, ReversalResult } from '@reversal/core';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes.js';
import { formatResult, type ResultView } from './format-result.js';
import { resultExitCode } from './result-exit-code.js';

const SYNC_WITH_STATUS: ProviderCapabilities = { partialReversal: true, resultDelivery: 'sync', statusDelivery: 'sync', currencies: ['MZN'], statusCheck: true };
const CALLBACK_WITHOUT_STATUS: ProviderCapabilities = { ...SYNC_WITH_STATUS, resultDelivery: 'callback', statusCheck: false };
const CALLBACK_WITH_STATUS: ProviderCapabilities = { ...CALLBACK_WITHOUT_STATUS, statusCheck: true };

const base = {
  provider: 'test-provider',
  reference: 'REF1042',
  originalTransactionId: 'PAY0000001',
  conversationId: 'CONV-OF-THIS-ANSWER',
  providerRequestId: 'REF1042',
  metadata: {},
  raw: null,
} as const;

const refused = (status: 'failed' | 'unknown', code: 'ALREADY_REVERSED' | 'DUPLICATE_REQUEST' | 'INVALID_AMOUNT', retryable = false): ReversalResult => ({
  ...base,
  status,
  error: { code, providerCode: 'X1', message: 'The provider said so.', retryable },
});

const reverseView = (capabilities: ProviderCapabilities, extra: Partial<ResultView> = {}): ResultView => ({
  title: 'Reversal',
  provider: { capabilities },
  command: 'reverse',
  ...extra,
});

/** The command lines a formatted result suggests (indented lines starting with the binary's name). */
const suggested = (text: string) => [...text.matchAll(/^ {2}(reversal .*)$/gm)].map((match) => match[1]);

describe('formatResult and resultExitCode: never "not reversed" for a payment that is or may be reversed', () => {
  // Both statuses: adapters answer these codes `failed` before the result-model change and `unknown` after.
  it.each(['failed', 'unknown'] as const)('ALREADY_REVERSED (%s): already reversed, exit 6, nothing to resend', (status) => {
    const result = refused(status, 'ALREADY_REVERSED');
    const text = formatResult(result, reverseView(CALLBACK_WITHOUT_STATUS));
    expect(text).toMatch(/^Reversal ALREADY REVERSED \(test-provider\)$/m);
    expect(text).toContain('Already reversed: the provider says this payment was reversed before');
    expect(text).toContain('This request changed nothing. Do NOT send it again');
    expect(text).not.toMatch(/not reversed|FAILED|--wait/i);
    expect(suggested(text)).toEqual([]);
    expect(resultExitCode(result)).toBe(EXIT_CODES.alreadyReversed);
  });

  it.each(['failed', 'unknown'] as const)('DUPLICATE_REQUEST (%s): check the earlier request, exit 4, the status command without the duplicate conversation id', (status) => {
    const result = refused(status, 'DUPLICATE_REQUEST');
    const text = formatResult(result, reverseView(SYNC_WITH_STATUS));
    expect(text).toMatch(/^Reversal UNKNOWN \(test-provider\)$/m);
    expect(text).toContain('A request with this reference was already received: this one changed nothing');
    expect(text).not.toMatch(/not reversed|FAILED|checkStatus/i);
    expect(suggested(text)).toEqual(['reversal status --transaction-id PAY0000001 --reference REF1042 --provider-request-id REF1042']);
    expect(resultExitCode(result)).toBe(EXIT_CODES.unknown);
  });

  it('DUPLICATE_REQUEST without a status check: the portal, not a command', () => {
    const text = formatResult(refused('unknown', 'DUPLICATE_REQUEST'), reverseView(CALLBACK_WITHOUT_STATUS));
    expect(text).toContain('M-Pesa organisation portal');
    expect(suggested(text)).toEqual([]);
  });

  it('unknown: the status command with every id of the reversal, and the --dotenv file it was configured with', () => {
    const result: ReversalResult = { ...base, status: 'unknown', error: { code: 'TIMEOUT', providerCode: 'TIMEOUT', message: 'No answer.', retryable: false } };
    const text = formatResult(result, reverseView(SYNC_WITH_STATUS, { dotenv: 'my env/.env' }));
    expect(text).toContain('The reversal may have been applied. Do NOT send it again; check it with:');
    expect(suggested(text)).toEqual([
      "reversal status --transaction-id PAY0000001 --reference REF1042 --provider-request-id REF1042 --conversation-id CONV-OF-THIS-ANSWER --dotenv 'my env/.env'",
    ]);
    expect(resultExitCode(result)).toBe(EXIT_CODES.unknown);
  });

  it('a status answer suggests running the same query again, never with the conversation id of the answer', () => {
    const result: ReversalResult = { ...base, status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: 'N/A', message: 'N/A', retryable: false } };
    const view: ResultView = { title: 'Status of the reversal:', provider: { capabilities: SYNC_WITH_STATUS }, command: 'status', query: { originalTransactionId: 'PAY0000001', reference: 'REF1042' } };
    const text = formatResult(result, view);
    expect(text).toContain('Still unknown');
    expect(suggested(text)).toEqual(['reversal status --transaction-id PAY0000001 --reference REF1042']);
    const pending = formatResult({ ...base, status: 'pending' }, view);
    expect(pending).toContain('Still in progress. Do NOT send it again; check again later with:');
    expect(suggested(pending)).toEqual(['reversal status --transaction-id PAY0000001 --reference REF1042']);
  });

  it('pending after reverse without --wait (callback provider): never suggests --wait, which would send a second reversal', () => {
    const pending: ReversalResult = { ...base, status: 'pending' };
    const withoutStatus = formatResult(pending, reverseView(CALLBACK_WITHOUT_STATUS));
    expect(withoutStatus).toContain('Accepted: the provider will POST the outcome to your result URL. Do NOT send it again');
    expect(withoutStatus).toContain('even with --wait, sends a second reversal');
    expect(withoutStatus).not.toMatch(/add --wait/i);
    expect(suggested(withoutStatus)).toEqual([]);
    const withStatus = formatResult(pending, reverseView(CALLBACK_WITH_STATUS));
    expect(suggested(withStatus)).toEqual(['reversal status --transaction-id PAY0000001 --reference REF1042 --provider-request-id REF1042 --conversation-id CONV-OF-THIS-ANSWER']);
    expect(resultExitCode(pending)).toBe(EXIT_CODES.pending);
  });

  it('pending after --wait timed out: says so, and points to a status check or the portal', () => {
    const pending: ReversalResult = { ...base, status: 'pending' };
    const withoutStatus = formatResult(pending, reverseView(CALLBACK_WITHOUT_STATUS, { waitedSeconds: 30 }));
    expect(withoutStatus).toContain('No result callback arrived within 30 s. The reversal was accepted and may still be applied: do NOT send it again.');
    expect(withoutStatus).toContain('M-Pesa organisation portal');
    const withStatus = formatResult(pending, reverseView(CALLBACK_WITH_STATUS, { waitedSeconds: 30 }));
    expect(suggested(withStatus)).toHaveLength(1);
  });

  it('a refusal for another reason is "not reversed" (exit 1), retryable or not', () => {
    const retryable = refused('failed', 'INVALID_AMOUNT', true);
    expect(formatResult(retryable, reverseView(SYNC_WITH_STATUS))).toContain('INVALID_AMOUNT (provider code X1), retryable');
    expect(formatResult(retryable, reverseView(SYNC_WITH_STATUS))).toContain('Not reversed. The same request may succeed later');
    expect(formatResult(refused('failed', 'INVALID_AMOUNT'), reverseView(SYNC_WITH_STATUS))).toContain('Not reversed. Fix the cause above');
    expect(resultExitCode(retryable)).toBe(EXIT_CODES.failed);
  });

  it('succeeded: done, exit 0', () => {
    const result: ReversalResult = { ...base, status: 'succeeded' };
    expect(formatResult(result, reverseView(SYNC_WITH_STATUS))).toContain('Done: the payment is reversed.');
    expect(resultExitCode(result)).toBe(EXIT_CODES.ok);
  });
});
