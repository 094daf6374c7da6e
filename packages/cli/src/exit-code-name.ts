import { EXIT_CODES, type ExitCodeName } from './exit-codes.js';

/** The name of an exit code (`4` → `unknown`), for a `CliError` that exits with it; `internal` for none. */
export function exitCodeName(code: number): ExitCodeName {
  return (Object.keys(EXIT_CODES) as ExitCodeName[]).find((name) => EXIT_CODES[name] === code) ?? 'internal';
}
