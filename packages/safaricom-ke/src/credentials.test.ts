import { afterEach, describe, expect, it } from 'vitest';
import { type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
afterEach(() => sim.close());

describe('OAuth token handling', () => {
  it('1,000 concurrent reverse() calls on a fresh provider make exactly one OAuth request', async () => {
    sim = await startSimulatedDaraja();
    const provider = sim.provider();
    const transactions = Array.from({ length: 1000 }, () => sim.daraja.addTransaction({ amount: 10 }).transactionId);
    const results = await Promise.all(transactions.map((transactionId) => provider.reverse({ transactionId, amount: 10 })));
    expect(results.filter((result) => result.status === 'pending')).toHaveLength(1000);
    expect(sim.daraja.stats.oauthRequests).toBe(1);
    expect(sim.daraja.stats.acknowledged).toBe(1000);
  }, 60_000);

  it('a token expired mid-run is refreshed once, not once per call', async () => {
    sim = await startSimulatedDaraja();
    const provider = sim.provider();
    await provider.reverse({ transactionId: sim.daraja.addTransaction({ amount: 10 }).transactionId, amount: 10 });
    expect(sim.daraja.stats.oauthRequests).toBe(1);

    sim.daraja.expireTokens();
    const transactions = Array.from({ length: 200 }, () => sim.daraja.addTransaction({ amount: 10 }).transactionId);
    const results = await Promise.all(transactions.map((transactionId) => provider.reverse({ transactionId, amount: 10 })));
    expect(results.every((result) => result.status === 'pending')).toBe(true);
    expect(sim.daraja.stats.oauthRequests).toBe(2);
  }, 60_000);

  it('reuses the cached token across sequential calls', async () => {
    sim = await startSimulatedDaraja();
    const provider = sim.provider();
    for (let i = 0; i < 5; i++) {
      await provider.reverse({ transactionId: sim.daraja.addTransaction({ amount: 10 }).transactionId, amount: 10 });
    }
    expect(sim.daraja.stats.oauthRequests).toBe(1);
  });

  it('accepts expires_in as a number (the docs) as well as a string (real Daraja)', async () => {
    sim = await startSimulatedDaraja({ expiresInFormat: 'number' });
    const provider = sim.provider();
    for (let i = 0; i < 3; i++) {
      const result = await provider.reverse({ transactionId: sim.daraja.addTransaction({ amount: 10 }).transactionId, amount: 10 });
      expect(result.status).toBe('pending');
    }
    expect(sim.daraja.stats.oauthRequests).toBe(1);
  });

  it('one token per provider instance: a second provider fetches its own', async () => {
    sim = await startSimulatedDaraja();
    for (const provider of [sim.provider(), sim.provider()]) {
      await provider.reverse({ transactionId: sim.daraja.addTransaction({ amount: 10 }).transactionId, amount: 10 });
    }
    expect(sim.daraja.stats.oauthRequests).toBe(2);
  });

  it('reports token fetches as events, without the token', async () => {
    sim = await startSimulatedDaraja();
    const events: unknown[] = [];
    const provider = sim.provider({ onEvent: (event) => events.push(event) });
    await provider.reverse({ transactionId: sim.daraja.addTransaction({ amount: 10 }).transactionId, amount: 10 });
    expect(events).toContainEqual({ type: 'token', provider: 'safaricom-ke', reason: 'initial', ok: true });
    expect(events).toContainEqual(expect.objectContaining({ type: 'result', source: 'reverse', status: 'pending' }));
    const token = sim.daraja.requests().at(-1)?.token;
    expect(token).toBeDefined();
    expect(JSON.stringify(events)).not.toContain(token);
  });
});
