/** A token as the provider issued it. */
export interface IssuedToken {
  readonly token: string;
  /** Lifetime in seconds from now. */
  readonly expiresInSeconds: number;
}

/** What {@link TokenCache.get} gives: a token, or the failure of fetching one. */
export type TokenLookup<F> =
  | { readonly token: string; readonly failure?: undefined }
  | { readonly token?: undefined; readonly failure: F };

/** How a {@link TokenCache} fetches and keeps a token. */
export interface TokenCacheOptions<F> {
  /** Fetches a new token, or describes why it could not. Never called twice at once. */
  readonly fetchToken: () => Promise<IssuedToken | { readonly failure: F }>;
  /** A token is replaced this long before it expires (default 60 s). */
  readonly refreshMarginMs?: number;
  /** The clock (for tests). */
  readonly now?: () => number;
  /** Called after each fetch, with why it happened. */
  readonly onFetch?: (reason: 'initial' | 'expired' | 'rejected', ok: boolean) => void;
}

/** One cached token; see {@link createTokenCache}. */
export interface TokenCache<F> {
  /** The current token, fetched first if there is none or it is about to expire. */
  get(): Promise<TokenLookup<F>>;
  /**
   * Drops `token` after the provider rejected it. A token fetched meanwhile by another caller is
   * kept, so that many callers rejected at once cause one fetch, not one each.
   */
  invalidate(token: string): void;
}

/**
 * Keeps one access token per provider instance: cached until shortly before expiry, fetched
 * single-flight (a thousand concurrent first calls make one request), failures never cached.
 */
export function createTokenCache<F>(options: TokenCacheOptions<F>): TokenCache<F> {
  const refreshMarginMs = options.refreshMarginMs ?? 60_000;
  const now = options.now ?? Date.now;
  let current: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<TokenLookup<F>> | undefined;
  let nextReason: 'initial' | 'expired' | 'rejected' = 'initial';

  const fetchOnce = async (): Promise<TokenLookup<F>> => {
    const reason = nextReason;
    const issued = await options.fetchToken();
    if ('failure' in issued) {
      options.onFetch?.(reason, false);
      return { failure: issued.failure };
    }
    const lifetimeMs = Math.max(0, issued.expiresInSeconds * 1000);
    // A short-lived token is refreshed at half its life rather than never cached.
    const margin = Math.min(refreshMarginMs, lifetimeMs / 2);
    current = { token: issued.token, refreshAt: now() + lifetimeMs - margin };
    nextReason = 'expired';
    options.onFetch?.(reason, true);
    return { token: issued.token };
  };

  return {
    get() {
      if (current && now() < current.refreshAt) return Promise.resolve({ token: current.token });
      inFlight ??= fetchOnce().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (current?.token === token) {
        current = undefined;
        nextReason = 'rejected';
      }
    },
  };
}
