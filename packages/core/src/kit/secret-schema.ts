import * as v from 'valibot';
import { Secret, secret } from './secret.js';

/**
 * A valibot schema for a credential option: non-empty text (or a {@link Secret}), output as a
 * `Secret` so that the configured value can never be printed by accident.
 */
export function secretString(message = 'is required: non-empty text') {
  return v.pipe(
    v.union([v.custom<Secret>((value) => Secret.isInstance(value), message), v.pipe(v.string(message), v.nonEmpty(message))], message),
    v.transform((value) => secret(value)),
  );
}
