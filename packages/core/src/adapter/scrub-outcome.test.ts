import { describe, expect, it } from 'vitest';
import type { ResponseOutcome } from '../kit/transport-outcome.js';
import { FAILURE_TEXT_KEPT, scrubFailure, scrubResponse } from './scrub-outcome.js';
import { createSecretScrubber } from './secret-scrubber.js';

const SECRET = 'c2VjcmV0/a2V5+dmFsdWU/QQ=='; // base64, with the "/" a PHP gateway writes as "\/"
const scrubber = createSecretScrubber([SECRET]);
const response = (text: string, headers: Record<string, string> = {}): ResponseOutcome<unknown> => ({
  kind: 'response',
  status: 200,
  headers,
  body: JSON.parse(text),
  text,
});

describe('scrubResponse', () => {
  it('scrubs a secret the text carries escaped ("\\/"), which only the parsed body shows whole', () => {
    const text = JSON.stringify({ echo: SECRET }).replaceAll('/', '\\/');
    expect(text).not.toContain(SECRET);
    expect(scrubResponse(response(text), scrubber).body).toEqual({ echo: '[REDACTED]' });
  });

  it('scrubs the text and the headers', () => {
    const scrubbed = scrubResponse(response(JSON.stringify({ echo: SECRET }), { 'x-echo': `Bearer ${SECRET}` }), scrubber);
    expect(scrubbed).toMatchObject({ text: '{"echo":"[REDACTED]"}', body: { echo: '[REDACTED]' }, headers: { 'x-echo': 'Bearer [REDACTED]' } });
  });

  it('hands a response without secrets on as it is', () => {
    const clean = response('{"ResponseCode":"0","ConversationID":"AG_20210706_2010ead4245"}', { 'content-type': 'application/json' });
    expect(scrubResponse(clean, scrubber)).toBe(clean);
  });
});

describe('scrubFailure', () => {
  it('scrubs the body text before cutting it to 4,096 code points, and scrubs the message', () => {
    const text = `${'x'.repeat(FAILURE_TEXT_KEPT - 10)}${SECRET}${'y'.repeat(100)}`;
    const failure = scrubFailure(
      { kind: 'maybe-sent', reason: 'invalid-response', code: 'INVALID_RESPONSE', message: `bad ${SECRET}`, status: 502, text },
      scrubber,
    );
    expect(failure).toMatchObject({ message: 'bad [REDACTED]', text: `${'x'.repeat(FAILURE_TEXT_KEPT - 10)}[REDACTED]` });
  });

  it('leaves a not-sent failure without secrets as it is', () => {
    const failure = { kind: 'not-sent', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' } as const;
    expect(scrubFailure(failure, scrubber)).toBe(failure);
  });
});
