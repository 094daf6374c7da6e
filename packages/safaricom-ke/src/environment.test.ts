import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAFARICOM_KE_ENVIRONMENT } from './environment.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the environment table', () => {
  it.each(Object.entries(SAFARICOM_KE_ENVIRONMENT))('documents the variable of %s in the README', (option, variable) => {
    expect(readme).toContain(`| \`${variable!.name}\` | \`${option}\` | ${variable!.secret ? 'yes ' : ''}|`);
  });

  it('reads MPESA_KE_UNSIGNED_CALLBACKS as a boolean (true/false, 1/0, yes/no in any case)', () => {
    expect(SAFARICOM_KE_ENVIRONMENT.unsignedCallbacks?.type).toBe('boolean');
  });
});
