import { REDACTED_TEXT } from './secret.js';

/**
 * A deep copy of a provider payload with the values of the named keys replaced by `[REDACTED]`,
 * at any depth (ActiveMerchant's `scrub`). Used to build a result's `raw`.
 *
 * @example scrub(body, ['SecurityCredential', 'Initiator'])
 */
export function scrub(payload: unknown, keys: readonly string[]): unknown {
  const hidden = new Set(keys.map((key) => key.toLowerCase()));
  const visit = (value: unknown, depth: number): unknown => {
    if (depth > 32 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => visit(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = hidden.has(key.toLowerCase()) ? REDACTED_TEXT : visit(item, depth + 1);
    }
    return copy;
  };
  return visit(payload, 0);
}
