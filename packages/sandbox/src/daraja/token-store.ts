import { randomBytes } from 'node:crypto';

/** The access tokens a simulator issued, with their expiry; bounded. */
export interface TokenStore {
  /** Issues a token valid for `lifetimeMs`. */
  issue(lifetimeMs: number): string;
  /** True when the token was issued here and has not expired. */
  isValid(token: string): boolean;
  /** Expires every token at once, as if an hour had passed. */
  expireAll(): void;
}

/**
 * Keeps at most `maxTokens` tokens; issuing one more forgets the oldest. With `singleActive`, a
 * new token invalidates the previous ones (reported, unverified, of real Daraja: docs/providers/safaricom-ke.md, "OAuth").
 */
export function createTokenStore(options: { maxTokens: number; singleActive: boolean }): TokenStore {
  const expiries = new Map<string, number>();
  return {
    issue(lifetimeMs) {
      if (options.singleActive) expiries.clear();
      // Real tokens look like "c9SQxWWhmdVRlyh0zh8gZDTkubVF": 28 letters and digits.
      const token = randomBytes(21).toString('base64').replace(/[+/]/g, 'x');
      expiries.set(token, Date.now() + lifetimeMs);
      while (expiries.size > options.maxTokens) {
        const oldest = expiries.keys().next().value as string;
        expiries.delete(oldest);
      }
      return token;
    },
    isValid(token) {
      const expiry = expiries.get(token);
      if (expiry === undefined) return false;
      if (expiry > Date.now()) return true;
      expiries.delete(token);
      return false;
    },
    expireAll() {
      expiries.clear();
    },
  };
}
