import type { TextOutput } from './cli-io.js';

/**
 * Writes one JSON document and a newline: the only thing `--json` prints on stdout, so a script
 * can parse it whole. Dates become ISO 8601 strings, bigints decimal strings.
 */
export function writeJson(output: TextOutput, value: unknown): void {
  output.write(`${JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item), 2)}\n`);
}
