import * as v from 'valibot';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for `localhost`, `127.x.x.x` and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** True for an absolute `https:` URL, or an `http:` URL on a loopback host (local simulators). */
export function isSecureUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** A valibot schema for {@link isSecureUrl}, with a message that says what to give instead. */
export function secureUrl(message = 'must be an absolute https:// URL (http:// only for localhost)') {
  return v.pipe(v.string(message), v.check(isSecureUrl, message));
}
