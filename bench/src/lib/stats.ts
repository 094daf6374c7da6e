/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Distinct 3-letter prefixes (`AAA`, `AAB`, …) for the transaction ids of each batch. */
export function createPrefixes(): () => string {
  let counter = 0;
  return () => {
    let value = counter++;
    let prefix = '';
    for (let place = 0; place < 3; place++) {
      prefix = String.fromCharCode(65 + (value % 26)) + prefix;
      value = Math.floor(value / 26);
    }
    return prefix;
  };
}
