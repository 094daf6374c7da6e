import { readFileSync } from 'node:fs';
import type { ReversalResult } from '@reversal/core';
import { describe, expect, it } from 'vitest';
import { ATTEMPT_EVENTS, ATTEMPT_STATES, type AttemptEvent, type AttemptState, classifyAnswer, nextAttemptState } from './attempt-state.js';

// The README's table, written out again by hand: "—" leaves the attempt as it is.
const EXPECTED: Record<AttemptState, string> = {
  //                 acknowledged settled    refused          refused-retryable  maybe-processed duplicate        already-reversed not-sent
  sending: '          pending      succeeded  failed           refused-retryable  unknown         duplicate        already-reversed not-sent',
  pending: '          pending      succeeded  failed           refused-retryable  unknown         duplicate        already-reversed —',
  unknown: '          pending      succeeded  failed           refused-retryable  unknown         duplicate        already-reversed —',
  duplicate: '        pending      succeeded  failed           refused-retryable  —               —                already-reversed —',
  'already-reversed': '— succeeded  needs-attention  needs-attention    —               needs-attention  needs-attention  —',
  'needs-attention': '— succeeded  —                —                  —               —                —                —',
  succeeded: '        —            —          —                —                  —               —                —                —',
  failed: '           —            succeeded  —                —                  —               —                —                —',
  'refused-retryable': '— succeeded  —                —                  —               —                —                —',
  'not-sent': '       —            succeeded  —                —                  —               —                —                —',
};

describe('attempt transitions', () => {
  for (const state of ATTEMPT_STATES) {
    const row = EXPECTED[state].trim().split(/\s+/);
    ATTEMPT_EVENTS.forEach((event, column) => {
      const expected = row[column] === '—' ? undefined : (row[column] as AttemptState);
      it(`${state} + ${event} → ${expected ?? '(unchanged)'}`, () => {
        expect(nextAttemptState(state, event)).toBe(expected);
      });
    });
  }

  it('is the table the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n');
    const start = readme.findIndex((line) => line.startsWith('| From \\ answer |'));
    const lines = readme.slice(start + 2, start + 2 + ATTEMPT_STATES.length);
    const rows = lines.map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(rows.map((cells) => cells[0])).toEqual(ATTEMPT_STATES.map((state) => `\`${state}\``));
    for (const [index, state] of ATTEMPT_STATES.entries()) {
      const shown = ATTEMPT_EVENTS.map((event) => nextAttemptState(state, event)).map((next) => (next === undefined ? '—' : `\`${next}\``));
      expect(rows[index]!.slice(1), state).toEqual(shown);
    }
  });

  it('never moves a succeeded attempt', () => {
    for (const event of ATTEMPT_EVENTS) expect(nextAttemptState('succeeded', event)).toBeUndefined();
  });

  it('never reaches a "not reversed" state from an already-reversed answer', () => {
    for (const event of ATTEMPT_EVENTS) {
      expect(['failed', 'refused-retryable', 'not-sent']).not.toContain(nextAttemptState('already-reversed', event));
    }
  });
});

describe('classifyAnswer', () => {
  const base = { provider: 'p', reference: 'R1', originalTransactionId: 'T1', metadata: {}, raw: {} };
  const error = (code: string, retryable = false) => ({ code, providerCode: 'X', message: 'm', retryable });
  const cases: [string, ReversalResult, AttemptEvent][] = [
    ['pending', { ...base, status: 'pending' }, 'acknowledged'],
    ['succeeded', { ...base, status: 'succeeded' }, 'settled'],
    ['failed, not retryable', { ...base, status: 'failed', error: error('TRANSACTION_NOT_FOUND') } as ReversalResult, 'refused'],
    ['failed, retryable', { ...base, status: 'failed', error: error('INSUFFICIENT_FUNDS', true) } as ReversalResult, 'refused-retryable'],
    ['unknown', { ...base, status: 'unknown', error: error('TIMEOUT') } as ReversalResult, 'maybe-processed'],
    ['failed DUPLICATE_REQUEST', { ...base, status: 'failed', error: error('DUPLICATE_REQUEST') } as ReversalResult, 'duplicate'],
    ['unknown DUPLICATE_REQUEST', { ...base, status: 'unknown', error: error('DUPLICATE_REQUEST') } as ReversalResult, 'duplicate'],
    ['failed ALREADY_REVERSED', { ...base, status: 'failed', error: error('ALREADY_REVERSED') } as ReversalResult, 'already-reversed'],
    ['unknown ALREADY_REVERSED', { ...base, status: 'unknown', error: error('ALREADY_REVERSED', true) } as ReversalResult, 'already-reversed'],
  ];
  for (const [name, result, event] of cases) {
    it(`reads ${name} as ${event}`, () => expect(classifyAnswer(result)).toBe(event));
  }
});
