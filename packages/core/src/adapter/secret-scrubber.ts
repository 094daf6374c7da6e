import { REDACTED_TEXT, Secret } from '../kit/secret.js';
import { mapStrings } from './map-strings.js';

/** Removes known secrets from provider text and payloads; see {@link createSecretScrubber}. */
export interface SecretScrubber {
  /** `text` with every secret, in every encoded form, replaced by `[REDACTED]`. */
  text(text: string): string;
  /**
   * A deep copy of `value` with every string (keys too) scrubbed like {@link SecretScrubber.text};
   * values nested beyond 32 levels are replaced, since they could not be checked.
   */
  value(value: unknown): unknown;
  /** A scrubber that also removes `more` (the secrets of one call). */
  with(more: readonly string[]): SecretScrubber;
}

// Shorter values would match innocent text (amounts, ids) far too often to be worth replacing.
const MIN_SECRET_LENGTH = 6;

/** The forms a value takes on the wire: as is, URL-encoded (path or form), JSON-escaped, base64. */
function encodedForms(secret: string): readonly string[] {
  let forms = formCache.get(secret);
  if (!forms) {
    forms = [
      ...new Set([
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ s: secret }).toString().slice(2),
        JSON.stringify(secret).slice(1, -1),
        Buffer.from(secret).toString('base64'),
      ]),
    ];
    // Bounded: access tokens change hourly and callback tokens per call.
    if (formCache.size >= 256) formCache.clear();
    formCache.set(secret, forms);
  }
  return forms;
}
const formCache = new Map<string, readonly string[]>();

/**
 * Builds a scrubber for the secrets that go onto the wire, so that a gateway that echoes a request
 * (a 502 page, a JSON error repeating the body) cannot put one into a result, a message or an
 * event. Only the given values are replaced — transaction ids and amounts stay readable.
 */
export function createSecretScrubber(secrets: readonly (string | Secret)[]): SecretScrubber {
  return build(secrets.map((item) => (Secret.isInstance(item) ? item.reveal() : item)));
}

function build(values: readonly string[]): SecretScrubber {
  const forms = [...new Set(values.filter((value) => value.length >= MIN_SECRET_LENGTH).flatMap(encodedForms))]
    // Longest first: a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);

  // The shortest form: text shorter than it holds none (headers, codes, ids mostly).
  const shortest = forms.at(-1)?.length ?? Number.POSITIVE_INFINITY;
  const text = (input: string): string => {
    if (input.length < shortest) return input;
    let output = input;
    // A form longer than the text cannot be in it (most provider fields are shorter than any token).
    for (const form of forms) if (form.length <= output.length && output.includes(form)) output = output.replaceAll(form, REDACTED_TEXT);
    return output;
  };

  // The scrubber of the last call's secrets, kept for the next call: a provider sends the same
  // Authorization header and token call after call, and building the forms again cost more than
  // scrubbing itself. One entry per scrubber, replaced when the secrets change.
  let lastCall: { readonly more: readonly string[]; readonly scrubber: SecretScrubber } | undefined;
  const scrubber: SecretScrubber = {
    text,
    value: (value) => (forms.length > 0 ? mapStrings(value, text) : value),
    with(more) {
      if (more.length === 0) return scrubber;
      if (lastCall && sameStrings(lastCall.more, more)) return lastCall.scrubber;
      lastCall = { more: [...more], scrubber: build([...values, ...more]) };
      return lastCall.scrubber;
    },
  };
  return scrubber;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
