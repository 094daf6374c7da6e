import { describe, expect, it } from 'vitest';
import { hideLocationSecrets, ledgerHint, maskUrl } from './describe-location.js';
import { defaultLedgerDirectory, ledgerLocation } from './ledger-location.js';

const URL_WITH_PASSWORD = 'postgres://ops:s3cr%2Ft-pw@db.example:5432/reversals?sslmode=require';

describe('the ledger location for people', () => {
  it('masks the password of a PostgreSQL URL, and a password parameter', () => {
    expect(maskUrl(URL_WITH_PASSWORD)).toBe('postgres://ops:***@db.example:5432/reversals?sslmode=require');
    expect(maskUrl('postgresql://ops@db/reversals?password=hunter2')).toBe('postgresql://ops@db/reversals?password=***');
    expect(maskUrl('postgres://db/reversals')).toBe('postgres://db/reversals');
    expect(maskUrl('postgres://ops:pw@[bad')).toBe('postgres://***');
  });

  it('hides the URL and the password, written and decoded, from any text', () => {
    const location = { kind: 'postgres', url: URL_WITH_PASSWORD, source: 'option' } as const;
    const text = `connect ${URL_WITH_PASSWORD} failed; password s3cr%2Ft-pw (s3cr/t-pw) refused`;
    const hidden = hideLocationSecrets(text, location);
    expect(hidden).not.toContain('s3cr');
    expect(hidden).toContain('postgres://ops:***@db.example:5432/reversals');
  });

  it.each([
    ['the process environment', { source: 'environment' }, ' --ledger "$REVERSAL_LEDGER"', undefined],
    ['the --dotenv file', { source: 'dotenv' }, ' --dotenv my.env', undefined],
    [
      '--ledger with a password',
      { source: 'option' },
      " --ledger 'postgres://ops:***@db.example:5432/reversals?sslmode=require' --dotenv my.env",
      'masked',
    ],
  ] as const)('names a PostgreSQL ledger from %s without its password', (_from, { source }, args, note) => {
    const hint = ledgerHint({ kind: 'postgres', url: URL_WITH_PASSWORD, source }, 'my.env');
    expect(hint.args).toBe(source === 'environment' ? `${args} --dotenv my.env` : args);
    expect(hint.args).not.toContain('s3cr');
    if (note) expect(hint.note).toContain('REVERSAL_LEDGER');
    else expect(hint.note).toBeUndefined();
  });

  it('repeats a directory given as --ledger as it was given, and nothing for the default', () => {
    const given = ledgerLocation({ option: 'my ledger', off: false, env: {}, processEnv: {}, cwd: '/work' });
    expect(ledgerHint(given, undefined).args).toBe(" --ledger 'my ledger'");
    const fallback = ledgerLocation({ option: undefined, off: false, env: { XDG_STATE_HOME: '/state' }, processEnv: {}, cwd: '/work' });
    expect(ledgerHint(fallback, undefined).args).toBe('');
  });
});

describe('where the ledger is', () => {
  it('defaults to one directory per user: the XDG state directory, else ~/.local/state', () => {
    expect(defaultLedgerDirectory({ XDG_STATE_HOME: '/home/amina/.state', HOME: '/home/amina' })).toBe(
      '/home/amina/.state/reversal/ledger',
    );
    expect(defaultLedgerDirectory({ HOME: '/home/amina' })).toBe('/home/amina/.local/state/reversal/ledger');
    // A relative XDG_STATE_HOME is invalid and ignored, as the specification asks.
    expect(defaultLedgerDirectory({ XDG_STATE_HOME: 'state', HOME: '/home/amina' })).toBe('/home/amina/.local/state/reversal/ledger');
  });

  it('does not depend on the working directory', () => {
    const at = (cwd: string) => ledgerLocation({ option: undefined, off: false, env: { HOME: '/home/amina' }, processEnv: {}, cwd });
    expect(at('/srv/a')).toEqual(at('/srv/b'));
  });

  it('tells a REVERSAL_LEDGER of the --dotenv file from one of the environment', () => {
    const url = 'postgres://db/reversals';
    const read = (processEnv: Record<string, string>) =>
      ledgerLocation({ option: undefined, off: false, env: { REVERSAL_LEDGER: url }, processEnv, cwd: '/' });
    expect(read({ REVERSAL_LEDGER: url })).toMatchObject({ kind: 'postgres', source: 'environment' });
    expect(read({})).toMatchObject({ kind: 'postgres', source: 'dotenv' });
  });
});
