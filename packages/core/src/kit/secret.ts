import { inspect } from 'node:util';

const REDACTED = '[REDACTED]';

/**
 * A credential that cannot leak by accident: it prints as `[REDACTED]` in `String()`,
 * `JSON.stringify` and `util.inspect`, and gives its value only to an explicit `reveal()`.
 * Adapters keep every password, key, secret and token in one.
 *
 * @example
 * const apiKey = secret(process.env.MPESA_MZ_API_KEY!);
 * headers.authorization = `Bearer ${encrypt(apiKey.reveal())}`;
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself; use it only where it goes onto the wire. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }

  /** True for a `Secret` from any copy of the library. */
  static isInstance(value: unknown): value is Secret {
    return value instanceof Secret || (typeof value === 'object' && value !== null && SECRET_BRAND in value);
  }
}

const SECRET_BRAND = Symbol.for('@reversal/core/Secret');
Object.defineProperty(Secret.prototype, SECRET_BRAND, { value: true });

/** Wraps a value in a {@link Secret}; a `Secret` is returned as it is. */
export function secret(value: string | Secret): Secret {
  return Secret.isInstance(value) ? value : new Secret(value);
}

/** Replaces every occurrence of each secret's value in `text` with `[REDACTED]`. */
export function redactText(text: string, secrets: readonly (Secret | string | undefined)[]): string {
  let redacted = text;
  for (const item of secrets) {
    const value = item === undefined ? '' : typeof item === 'string' ? item : item.reveal();
    // Very short values would redact ordinary words; credentials are never that short.
    if (value.length >= 4) redacted = redacted.split(value).join(REDACTED);
  }
  return redacted;
}

/** The text that stands in for a secret value. */
export const REDACTED_TEXT = REDACTED;
