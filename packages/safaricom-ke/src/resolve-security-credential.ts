import { ReversalConfigError } from '@reversal/core';
import { type Secret, secret } from '@reversal/core/kit';
import { PRODUCTION_CERTIFICATE } from './certificates/production-certificate.js';
import { SANDBOX_CERTIFICATE } from './certificates/sandbox-certificate.js';
import type { ResolvedSafaricomKeOptions } from './safaricom-ke-options.js';
import { createSecurityCredential } from './security-credential.js';

const BUNDLED = { sandbox: SANDBOX_CERTIFICATE, production: PRODUCTION_CERTIFICATE } as const;

/**
 * The SecurityCredential of a provider instance, computed once: the one given, or the initiator
 * password encrypted with the given certificate (or the bundled one of the environment).
 * Throws a `ReversalConfigError` naming `certificate` when the certificate cannot be read.
 */
export function resolveSecurityCredential(options: ResolvedSafaricomKeOptions): Secret {
  if (options.securityCredential) return options.securityCredential;
  const password = options.initiatorPassword!;
  try {
    return secret(createSecurityCredential(password.reveal(), options.certificate ?? BUNDLED[options.environment]));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'cannot be read';
    throw new ReversalConfigError('safaricom-ke provider', [{ field: 'certificate', message }]);
  }
}
