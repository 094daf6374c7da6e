import { shellWord } from '../shell-word.js';
import type { LedgerLocation } from './ledger-location.js';

const MASK = '***';

/**
 * A PostgreSQL URL with its password masked (`postgres://user:***@host/db`), and any `password`
 * query parameter too. A URL that does not parse is shown as `postgres://***`: it may be anything.
 */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'postgres://***';
  }
  if (parsed.password !== '') parsed.password = MASK;
  for (const key of [...parsed.searchParams.keys()]) if (/pass/i.test(key)) parsed.searchParams.set(key, MASK);
  return parsed.toString().replaceAll(encodeURIComponent(MASK), MASK);
}

/** Where a location is, for people: the directory, or the URL without its password. */
export function describeLocation(location: LedgerLocation): string {
  if (location.kind === 'pglite') return location.directory;
  if (location.kind === 'postgres') return maskUrl(location.url);
  return 'none';
}

/** The secrets a location holds (a PostgreSQL password, as written and decoded), never to be printed. */
export function locationSecrets(location: LedgerLocation): string[] {
  if (location.kind !== 'postgres') return [];
  const secrets = new Set<string>([location.url]);
  try {
    const parsed = new URL(location.url);
    const values = [parsed.password, ...[...parsed.searchParams].filter(([key]) => /pass/i.test(key)).map(([, value]) => value)];
    for (const value of values.filter((each) => each !== '')) {
      secrets.add(value);
      secrets.add(safeDecode(value));
    }
  } catch {
    // An unparsable URL: the URL itself is all there is to hide.
  }
  return [...secrets].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` with every secret of `location` replaced: the URL by its masked form, a password by `***`. */
export function hideLocationSecrets(text: string, location: LedgerLocation): string {
  let hidden = text;
  for (const secret of locationSecrets(location)) {
    hidden = hidden.replaceAll(secret, location.kind === 'postgres' && secret === location.url ? maskUrl(secret) : MASK);
  }
  return hidden;
}

/** How printed commands name the ledger: `args` to append, and a `note` to print once when needed. */
export interface LedgerHint {
  readonly args: string;
  readonly note?: string;
}

/**
 * The `--ledger`/`--dotenv` arguments of a printed next-step command, never with a password: a
 * location from the process environment is `--ledger "$REVERSAL_LEDGER"`, one from the `--dotenv`
 * file comes with `--dotenv`, a URL given on the command line is masked (with a note saying so).
 */
export function ledgerHint(location: LedgerLocation, dotenv: string | undefined): LedgerHint {
  const dotenvArgs = dotenv === undefined ? '' : ` --dotenv ${shellWord(dotenv)}`;
  if (location.kind === 'off' || location.source === 'default' || location.source === 'dotenv') return { args: dotenvArgs };
  if (location.source === 'environment') return { args: ` --ledger "$REVERSAL_LEDGER"${dotenvArgs}` };
  if (location.kind === 'pglite') return { args: ` --ledger ${shellWord(location.given ?? location.directory)}${dotenvArgs}` };
  const masked = maskUrl(location.url);
  if (masked === location.url) return { args: ` --ledger ${shellWord(location.url)}${dotenvArgs}` };
  return {
    args: ` --ledger ${shellWord(masked)}${dotenvArgs}`,
    note:
      'The ledger URL is shown with its password masked (***): give the real one, ' +
      'or better, put it in REVERSAL_LEDGER and leave --ledger out.',
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
