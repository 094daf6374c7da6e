import { isSecureUrl } from '@reversal/core/kit';
import * as v from 'valibot';

/** The placeholder that puts the reference into the path of a callback URL. */
export const REFERENCE_PLACEHOLDER = '{reference}';

/** True for a callback URL with at most one `{reference}`, in the path, that is secure once filled in. */
export function isCallbackUrlTemplate(template: string): boolean {
  const parts = template.split(REFERENCE_PLACEHOLDER);
  if (parts.length > 2) return false;
  if (parts.length === 2 && /[?#]/.test(parts[0]!)) return false;
  return isSecureUrl(template.replace(REFERENCE_PLACEHOLDER, 'REFERENCE'));
}

/**
 * A valibot schema for `resultUrl` and `queueTimeoutUrl`: an absolute https URL (http only for
 * loopback, for local simulators), optionally with one `{reference}` placeholder in its path.
 */
export function callbackUrlTemplate() {
  const message =
    'must be an absolute https:// URL (http:// only for localhost), optionally with one {reference} placeholder in its path';
  return v.pipe(v.string(message), v.check(isCallbackUrlTemplate, message));
}
