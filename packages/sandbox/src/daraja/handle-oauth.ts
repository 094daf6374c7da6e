import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { darajaError } from './daraja-errors.js';
import { sendJson } from './http-server.js';
import type { SimulatorContext } from './simulator-context.js';

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * `GET /oauth/v1/generate?grant_type=client_credentials` with Basic auth: issues a token, or
 * answers `400.008.02` (grant type) / `400.008.01` (authentication) like Daraja.
 */
export function handleOauth(context: SimulatorContext, request: IncomingMessage, response: ServerResponse): void {
  context.stats.oauthRequests += 1;
  const url = new URL(request.url ?? '/', 'http://simulator');
  if (url.searchParams.get('grant_type') !== 'client_credentials') {
    const error = darajaError('400.008.02');
    sendJson(response, error.status, error.body);
    return;
  }
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
  const expected = `${context.consumerKey}:${context.consumerSecret}`;
  if (!match || !sameText(Buffer.from(match[1]!, 'base64').toString('utf8'), expected)) {
    const error = darajaError('400.008.01');
    sendJson(response, error.status, error.body);
    return;
  }
  const token = context.tokens.issue(context.tokenLifetimeSeconds * 1000);
  context.stats.tokensIssued += 1;
  const lifetime = context.tokenLifetimeSeconds;
  // Real Daraja sends expires_in as the string "3599"; its docs show the number (docs/providers/safaricom-ke.md, "OAuth").
  sendJson(response, 200, {
    access_token: token,
    expires_in: context.expiresInFormat === 'string' ? String(lifetime) : lifetime,
  });
}
