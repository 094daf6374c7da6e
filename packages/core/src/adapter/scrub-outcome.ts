import { truncateText } from '../kit/storable-text.js';
import type { ResponseOutcome, TransportFailure } from '../kit/transport-outcome.js';
import { mapStrings } from './map-strings.js';
import type { SecretScrubber } from './secret-scrubber.js';

/** How much of an unreadable response body a result keeps (`raw.body`), in code points. */
export const FAILURE_TEXT_KEPT = 4096;

/**
 * A response with every secret scrubbed from its body, text and headers, for the adapter's `read`:
 * what an adapter cuts from it (a description, a quoted error) can then hold no part of a secret,
 * where scrubbing after the cut would miss a secret cut in two.
 */
export function scrubResponse<T>(response: ResponseOutcome<T>, scrubber: SecretScrubber): ResponseOutcome<T> {
  const text = scrubber.text(response.text);
  const headers = scrubHeaders(response.headers, scrubber);
  // The body is the text parsed: without an escape in the text every string of the body is a piece
  // of it, so a text free of secrets spares the copy (this runs on every call).
  const clean = text === response.text && !text.includes('\\');
  const body = clean ? response.body : (scrubber.value(response.body) as T);
  if (clean && headers === response.headers) return response;
  return { kind: 'response', status: response.status, headers, body, text };
}

function scrubHeaders(headers: Readonly<Record<string, string>>, scrubber: SecretScrubber): Readonly<Record<string, string>> {
  for (const name of Object.keys(headers)) {
    if (scrubber.text(headers[name]!) !== headers[name]) return mapStrings(headers, scrubber.text) as Record<string, string>;
  }
  return headers;
}

/** A transport failure with its message and body text scrubbed, then the text cut to {@link FAILURE_TEXT_KEPT} code points. */
export function scrubFailure(failure: TransportFailure, scrubber: SecretScrubber): TransportFailure {
  const message = scrubber.text(failure.message);
  if (failure.kind === 'not-sent') return message === failure.message ? failure : { ...failure, message };
  const text = failure.text === undefined ? undefined : truncateText(scrubber.text(failure.text), FAILURE_TEXT_KEPT);
  return { ...failure, message, ...(text === undefined ? {} : { text }) };
}
