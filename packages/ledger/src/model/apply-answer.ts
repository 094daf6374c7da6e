import type { ReversalResult } from '@reversal/core';
import { type AttemptEvent, classifyAnswer, nextAttemptState } from './attempt-state.js';
import type { AnswerSource, AttemptAnswer, LedgerAttempt } from './ledger-entry.js';

/** At most this many answers are kept per attempt: the first one and the latest ones. */
export const MAX_ANSWERS_PER_ATTEMPT = 20;

/**
 * The attempt after a provider answer: the transition table decides the state; the answer is
 * always kept as evidence; the result is replaced only when the table moves the attempt (so a
 * `succeeded` result is never replaced).
 */
export function applyAnswer(attempt: LedgerAttempt, result: ReversalResult, source: AnswerSource, now: Date): LedgerAttempt {
  const next = nextAttemptState(attempt.state, classifyAnswer(result));
  const answer: AttemptAnswer = {
    source,
    status: result.status,
    ...(result.status === 'failed' || result.status === 'unknown'
      ? { code: result.error.code, providerCode: result.error.providerCode, message: result.error.message }
      : {}),
    at: now,
  };
  const conversationId = attempt.conversationId ?? result.conversationId;
  const providerRequestId = attempt.providerRequestId ?? result.providerRequestId;
  return {
    ...attempt,
    ...(next === undefined ? {} : { state: next, result }),
    ...(conversationId === undefined ? {} : { conversationId }),
    ...(providerRequestId === undefined ? {} : { providerRequestId }),
    answers: appendAnswer(attempt.answers, answer),
    updatedAt: now,
  };
}

/**
 * The attempt after an event the ledger observed itself: `not-sent` when `reverse()` rejected
 * before sending, `maybe-processed` when it failed in a way the contract does not allow (the
 * request may have left).
 */
export function applyLedgerEvent(
  attempt: LedgerAttempt,
  event: Extract<AttemptEvent, 'not-sent' | 'maybe-processed'>,
  message: string,
  now: Date,
): LedgerAttempt {
  const next = nextAttemptState(attempt.state, event);
  const answer: AttemptAnswer = { source: 'ledger', status: event === 'not-sent' ? 'not-sent' : 'unknown', message, at: now };
  return {
    ...attempt,
    ...(next === undefined ? {} : { state: next }),
    answers: appendAnswer(attempt.answers, answer),
    updatedAt: now,
  };
}

function appendAnswer(answers: readonly AttemptAnswer[], answer: AttemptAnswer): readonly AttemptAnswer[] {
  if (answers.length < MAX_ANSWERS_PER_ATTEMPT) return [...answers, answer];
  // Keep the first answer (what the provider said to the request itself) and the latest ones.
  return [answers[0]!, ...answers.slice(answers.length - MAX_ANSWERS_PER_ATTEMPT + 2), answer];
}
