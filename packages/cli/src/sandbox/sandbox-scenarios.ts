import type { DarajaScenario, VodacomMzScenario } from '@reversal/sandbox';

/** A transaction the sandbox seeds, and how reversals of it are answered. */
export interface SeedTransaction {
  readonly transactionId: string;
  readonly amount: string;
  readonly scenario: string;
}

/**
 * The Kenya (Daraja) transactions `reversal sandbox` seeds: one per simulator scenario, with
 * stable ids an application's end-to-end tests can name. Append only: ids must keep their meaning.
 */
export const KE_SEEDS = Object.freeze(
  (
    [
      ['SBXKE00001', 'success'],
      ['SBXKE00002', 'already-reversed'],
      ['SBXKE00003', 'unknown-transaction'],
      ['SBXKE00004', 'insufficient-funds'],
      ['SBXKE00005', 'debit-party-invalid-state'],
      ['SBXKE00006', 'initiator-not-allowed'],
      ['SBXKE00007', 'initiator-invalid'],
      ['SBXKE00008', 'declined-account-rule'],
      ['SBXKE00009', 'not-permitted'],
      ['SBXKE00010', 'credential-locked'],
      ['SBXKE00011', 'spike-arrest'],
      ['SBXKE00012', 'quota-violation'],
      ['SBXKE00013', 'resource-not-found'],
      ['SBXKE00014', 'internal-error'],
      ['SBXKE00015', 'invalid-token'],
      ['SBXKE00016', 'expired-token'],
      ['SBXKE00017', 'queue-timeout'],
      ['SBXKE00018', 'no-callback'],
      ['SBXKE00019', 'slow-response'],
      ['SBXKE00020', 'dropped-connection'],
      ['SBXKE00021', 'queue-timeout-reversed'],
    ] as const satisfies readonly (readonly [string, DarajaScenario])[]
  ).map(([transactionId, scenario]): SeedTransaction => ({ transactionId, amount: '100.00', scenario })),
);

/** The Daraja scenarios a `--ke-transaction` may name. */
export const KE_SCENARIOS: ReadonlySet<string> = new Set(KE_SEEDS.map((seed) => seed.scenario));

/** How long the Mozambique `late` scenario holds its answer: beyond the adapter's default 30 s timeout. */
export const MZ_LATE_ANSWER_MS = 35_000;

/**
 * The Mozambique scenarios a `--mz-transaction` may name besides any `INS-<n>` code (answered
 * instead of processing the reversal), as simulator scenarios applied to every reversal of it.
 */
export const MZ_NAMED_SCENARIOS: Readonly<Record<string, Omit<VodacomMzScenario, 'transactionId'> | undefined>> = Object.freeze({
  success: undefined,
  // Applied, then reported as INS-1 / INS-23: the result is unknown and a status check says Completed.
  'internal-error-applied': { responseCode: 'INS-1', apply: true },
  'unknown-status-applied': { responseCode: 'INS-23', apply: true },
  late: { delayMs: MZ_LATE_ANSWER_MS },
  'malformed-header': { malformedHeader: true },
});

/** The Mozambique transactions `reversal sandbox` seeds (stable ids; append only). */
export const MZ_SEEDS: readonly SeedTransaction[] = Object.freeze(
  (
    [
      ['SBXMZ00001', 'success'],
      ['SBXMZ00002', 'success'],
      ['SBXMZ00003', 'INS-2006'],
      ['SBXMZ00004', 'INS-16'],
      ['SBXMZ00005', 'INS-9'],
      ['SBXMZ00006', 'INS-15'],
      ['SBXMZ00007', 'internal-error-applied'],
      ['SBXMZ00008', 'unknown-status-applied'],
      ['SBXMZ00009', 'late'],
      ['SBXMZ00010', 'malformed-header'],
    ] as const
  ).map(([transactionId, scenario]): SeedTransaction => ({ transactionId, amount: '100.00', scenario })),
);

/** The simulator scenario of a Mozambique scenario name, or `undefined` for `success`; `null` when unknown. */
export function mzScenario(name: string): Omit<VodacomMzScenario, 'transactionId'> | undefined | null {
  if (/^INS-\d{1,4}$/.test(name)) return { responseCode: name };
  return Object.hasOwn(MZ_NAMED_SCENARIOS, name) ? MZ_NAMED_SCENARIOS[name] : null;
}
