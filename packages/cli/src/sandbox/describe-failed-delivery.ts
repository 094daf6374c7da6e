import type { CallbackDelivery } from '@reversal/sandbox';

/**
 * The line `reversal sandbox` prints for a callback the Daraja simulator could not deliver: the
 * URL, and the receiver's HTTP status or the connection error. Query values are hidden (`…`): a
 * callback URL may carry a signature or token.
 *
 * @example
 * describeFailedDelivery({ kind: 'result', url: 'http://127.0.0.1:3000/cb', body: {}, error: 'connect ECONNREFUSED 127.0.0.1:3000' });
 * // 'Callback NOT delivered (result): POST http://127.0.0.1:3000/cb: connect ECONNREFUSED 127.0.0.1:3000\n'
 */
export function describeFailedDelivery(delivery: CallbackDelivery): string {
  const outcome = delivery.status !== undefined ? `HTTP ${delivery.status}` : (delivery.error ?? 'no answer');
  return `Callback NOT delivered (${delivery.kind}): POST ${withoutQueryValues(delivery.url)}: ${outcome}\n`;
}

function withoutQueryValues(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);
  }
  const names = [...parsed.searchParams.keys()];
  const query = names.length > 0 ? `?${names.map((name) => `${encodeURIComponent(name)}=…`).join('&')}` : '';
  parsed.username = '';
  parsed.password = '';
  return `${parsed.origin}${parsed.pathname}${query}`;
}
