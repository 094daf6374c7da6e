import * as v from 'valibot';

/**
 * What a Vodacom response body must be to be read: a JSON object (its `output_*` fields are read
 * leniently), or nothing. Anything else (HTML from a proxy, a JSON array) is an invalid response,
 * which leaves the outcome unknown.
 */
export const vodacomResponseSchema = v.optional(v.looseObject({}));

/** A Vodacom response body as validated by {@link vodacomResponseSchema}. */
export type VodacomResponseBody = v.InferOutput<typeof vodacomResponseSchema>;

/** A field of the body as text: strings as sent, numbers converted, anything else `undefined`. */
export function responseField(body: VodacomResponseBody, name: string): string | undefined {
  const value = body?.[name];
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** Provider text made safe for a message: control characters removed, at most 200 characters. */
export function cleanText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);
}
