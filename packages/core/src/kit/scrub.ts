import { REDACTED_TEXT } from './secret.js';

/**
 * A deep copy of a provider payload with the values of the named keys replaced by `[REDACTED]`,
 * at any depth (ActiveMerchant's `scrub`). Used to build a result's `raw`.
 *
 * @example scrub(body, ['SecurityCredential', 'Initiator'])
 */
const hiddenSets = new WeakMap<readonly string[], ReadonlySet<string>>();

export function scrub(payload: unknown, keys: readonly string[]): unknown {
  // Adapters pass the same constant list on every call: its lower-cased set is built once.
  let hidden = hiddenSets.get(keys);
  if (!hidden) {
    hidden = new Set(keys.map((key) => key.toLowerCase()));
    hiddenSets.set(keys, hidden);
  }
  const secretKeys = hidden;
  const visit = (value: unknown, depth: number): unknown => {
    if (depth > 32 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => visit(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      copy[key] = secretKeys.has(key.toLowerCase()) ? REDACTED_TEXT : visit(item, depth + 1);
    }
    return copy;
  };
  return visit(payload, 0);
}
