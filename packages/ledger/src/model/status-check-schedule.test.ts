import { describe, expect, it } from 'vitest';
import { withDerivedState } from './entry-view.js';
import type { LedgerEntryRecord } from './ledger-entry.js';
import { newAttempt } from './new-attempt.js';
import { afterStatusCheck, STATUS_CHECK_BACKOFF_MS, statusCheckDelay } from './status-check-schedule.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = new Date('2026-01-01T00:00:00Z');
const policy = { maxChecks: 8, maxAgeMs: 24 * HOUR };

function entry(state: 'unknown' | 'failed', extra: Partial<LedgerEntryRecord> = {}): LedgerEntryRecord {
  const attempt = { ...newAttempt(1, at), state };
  return withDerivedState(
    {
      provider: 'p',
      reference: 'R1',
      request: { transactionId: 'T1' },
      statusCheck: true,
      attempts: [attempt],
      createdAt: at,
      updatedAt: at,
      ...extra,
    },
    at,
  );
}
const later = (ms: number) => new Date(at.getTime() + ms);

describe('the status-check schedule', () => {
  it('waits 1 minute, 5, 15, 1 hour, 3, 6, 12, 24 after each check, then a day', () => {
    expect(STATUS_CHECK_BACKOFF_MS).toEqual([MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((count) => statusCheckDelay(count, false))).toEqual([
      ...STATUS_CHECK_BACKOFF_MS,
      24 * HOUR,
      24 * HOUR,
    ]);
  });

  it('waits a day at least once the entry is escalated', () => {
    expect([1, 4, 9].map((count) => statusCheckDelay(count, true))).toEqual([24 * HOUR, 24 * HOUR, 24 * HOUR]);
  });

  it('counts a check, schedules the next, and escalates at maxChecks or maxAgeMs, whichever comes first', () => {
    const first = afterStatusCheck(entry('unknown'), policy, later(5 * MINUTE));
    expect(first.statusChecks).toEqual({ count: 1, lastAt: later(5 * MINUTE), nextAt: later(6 * MINUTE) });
    expect(first.escalation).toBeUndefined();
    const eighth = afterStatusCheck(entry('unknown', { statusChecks: { count: 7, lastAt: at, nextAt: at } }), policy, later(HOUR));
    expect(eighth.escalation).toEqual({ at: later(HOUR), reason: 'checks', checks: 8 });
    expect(eighth.statusChecks?.nextAt).toEqual(later(25 * HOUR));
    const old = afterStatusCheck(entry('unknown', { statusChecks: { count: 2, lastAt: at, nextAt: at } }), policy, later(24 * HOUR));
    expect(old.escalation).toEqual({ at: later(24 * HOUR), reason: 'age', checks: 3 });
  });

  it('keeps the first escalation, and leaves an entry the answers settled alone', () => {
    const escalation = { at, reason: 'age' as const, checks: 1 };
    expect(afterStatusCheck(entry('unknown', { escalation }), policy, later(HOUR)).escalation).toBe(escalation);
    const settled = entry('failed');
    expect(afterStatusCheck(settled, policy, later(HOUR))).toBe(settled);
  });

  it('is dropped, with the escalation, once every attempt did nothing (a retry is a new doubt)', () => {
    const escalated = afterStatusCheck(entry('unknown', { statusChecks: { count: 7, lastAt: at, nextAt: at } }), policy, later(HOUR));
    const refused = withDerivedState({ ...escalated, attempts: [{ ...escalated.attempts[0]!, state: 'failed' }] }, later(2 * HOUR));
    expect(refused).toMatchObject({ state: 'failed' });
    expect(refused.statusChecks).toBeUndefined();
    expect(refused.escalation).toBeUndefined();
  });
});
