// Provider payloads are a few levels deep; anything deeper is cut rather than walked without end.
const MAX_DEPTH = 32;

/** What stands in for a value nested deeper than a copy goes (its strings could not be checked). */
export const TOO_DEEP_TEXT = '[nested too deep]';

/**
 * A deep copy of a JSON-like value with every string, keys included, passed through `map`; dates
 * and other non-plain values are kept as they are, values nested beyond 32 levels are replaced by
 * {@link TOO_DEEP_TEXT}. Copies are built without prototypes' help: an own `__proto__` key stays a
 * plain key.
 */
export function mapStrings(value: unknown, map: (text: string) => string): unknown {
  return visit(value, map, 0);
}

function visit(value: unknown, map: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return map(value);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (depth > MAX_DEPTH) return TOO_DEEP_TEXT;
  if (Array.isArray(value)) return value.map((item) => visit(item, map, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const name = map(key);
    const item = visit((value as Record<string, unknown>)[key], map, depth + 1);
    // defineProperty for this one key: `copy.__proto__ = x` would set the copy's prototype.
    if (name === '__proto__') Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[name] = item;
  }
  return copy;
}
