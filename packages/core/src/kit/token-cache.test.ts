import { describe, expect, it } from 'vitest';
import { createTokenCache } from './token-cache.js';

describe('createTokenCache', () => {
  it('makes one fetch for a thousand concurrent first callers', async () => {
    let fetches = 0;
    const cache = createTokenCache({
      fetchToken: async () => {
        fetches++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { token: `t${fetches}`, expiresInSeconds: 3599 };
      },
    });
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => cache.get()));
    expect(fetches).toBe(1);
    expect(new Set(tokens.map((lookup) => lookup.token))).toEqual(new Set(['t1']));
  });

  it('refreshes shortly before expiry, not after', async () => {
    let clock = 0;
    let fetches = 0;
    const reasons: string[] = [];
    const cache = createTokenCache({
      fetchToken: async () => ({ token: `t${++fetches}`, expiresInSeconds: 3600 }),
      refreshMarginMs: 60_000,
      now: () => clock,
      onFetch: (reason) => reasons.push(reason),
    });
    expect(await cache.get()).toEqual({ token: 't1' });
    clock = 3_539_999;
    expect(await cache.get()).toEqual({ token: 't1' });
    clock = 3_540_000;
    expect(await cache.get()).toEqual({ token: 't2' });
    expect(reasons).toEqual(['initial', 'expired']);
  });

  it('drops a rejected token once, even when many callers report it', async () => {
    let fetches = 0;
    const cache = createTokenCache({ fetchToken: async () => ({ token: `t${++fetches}`, expiresInSeconds: 3600 }) });
    const first = await cache.get();
    cache.invalidate(first.token!);
    const second = await cache.get();
    cache.invalidate(first.token!); // a late report about the old token
    expect(await cache.get()).toEqual(second);
    expect(fetches).toBe(2);
  });

  it('never caches a failure', async () => {
    let fetches = 0;
    const cache = createTokenCache<string>({
      fetchToken: async () => (++fetches === 1 ? { failure: 'down' } : { token: 'ok', expiresInSeconds: 60 }),
    });
    expect(await cache.get()).toEqual({ failure: 'down' });
    expect(await cache.get()).toEqual({ token: 'ok' });
  });
});
