import { describe, expect, it } from 'vitest';
import type { AttemptState } from './attempt-state.js';
import { deriveEntryState, type EntryState } from './entry-state.js';

const attempts = (...states: AttemptState[]) => states.map((state) => ({ state }));
const resolution = { outcome: 'not-reversed' as const, note: 'confirmed with support', at: new Date(0) };
const escalation = { at: new Date(0), reason: 'checks' as const, checks: 8 };

describe('deriveEntryState', () => {
  const cases: [string, Parameters<typeof deriveEntryState>[0], EntryState][] = [
    ['one attempt being sent', { attempts: attempts('sending'), statusCheck: true }, 'sending'],
    ['an acknowledged attempt', { attempts: attempts('pending'), statusCheck: true }, 'pending'],
    ['a maybe-processed attempt, with a status check', { attempts: attempts('unknown'), statusCheck: true }, 'unknown'],
    ['a maybe-processed attempt, without a status check', { attempts: attempts('unknown'), statusCheck: false }, 'needs-attention'],
    ['a duplicate answer, with a status check', { attempts: attempts('duplicate'), statusCheck: true }, 'unknown'],
    ['a duplicate answer, without a status check', { attempts: attempts('duplicate'), statusCheck: false }, 'needs-attention'],
    ['an already-reversed answer, with a status check', { attempts: attempts('already-reversed'), statusCheck: true }, 'unknown'],
    [
      'an already-reversed answer, without a status check',
      { attempts: attempts('already-reversed'), statusCheck: false },
      'needs-attention',
    ],
    ['an attempt needing attention', { attempts: attempts('needs-attention'), statusCheck: true }, 'needs-attention'],
    ['one success', { attempts: attempts('refused-retryable', 'succeeded'), statusCheck: true }, 'succeeded'],
    ['two successes', { attempts: attempts('succeeded', 'succeeded'), statusCheck: true }, 'double-reversed'],
    ['a success beats a resolution', { attempts: attempts('needs-attention', 'succeeded'), statusCheck: true, resolution }, 'succeeded'],
    ['a refusal for good', { attempts: attempts('refused-retryable', 'failed'), statusCheck: true }, 'failed'],
    ['a retryable refusal', { attempts: attempts('failed', 'refused-retryable'), statusCheck: true }, 'retryable'],
    ['an attempt never sent', { attempts: attempts('not-sent'), statusCheck: true }, 'retryable'],
    ['a person resolved it', { attempts: attempts('needs-attention'), statusCheck: false, resolution }, 'resolved'],
    ['doubt in an earlier attempt beats a later refusal', { attempts: attempts('unknown', 'failed'), statusCheck: true }, 'unknown'],
    ['an escalated entry still unknown', { attempts: attempts('unknown'), statusCheck: true, escalation }, 'needs-attention'],
    ['an escalated entry still pending', { attempts: attempts('pending'), statusCheck: true, escalation }, 'needs-attention'],
    ['an escalated entry never answered', { attempts: attempts('sending'), statusCheck: false, escalation }, 'needs-attention'],
    ['an escalated entry, then a success', { attempts: attempts('succeeded'), statusCheck: true, escalation }, 'succeeded'],
    ['an escalated entry, then a refusal', { attempts: attempts('failed'), statusCheck: true, escalation }, 'failed'],
    ['an escalated entry a person resolved', { attempts: attempts('unknown'), statusCheck: true, escalation, resolution }, 'resolved'],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name} → ${expected}`, () => expect(deriveEntryState(input)).toBe(expected));
  }
});
