import { LedgerError } from './ledger-error.js';

/** When the reconciler stops trying to settle an entry in doubt and hands it to a person. */
export interface EscalationPolicy {
  /** After this many status checks that settled nothing (answered or failed); default 8. */
  readonly maxChecks?: number;
  /** After this long in doubt, in milliseconds since its latest attempt was recorded; default 1 day. */
  readonly maxAgeMs?: number;
}

/** The `escalation` option of `createLedger`: one policy, with overrides by provider id. */
export interface EscalationOptions extends EscalationPolicy {
  /** A policy per provider id, over the one above (e.g. `{ 'safaricom-ke': { maxAgeMs: 2 * 3_600_000 } }`). */
  readonly byProvider?: Readonly<Record<string, EscalationPolicy>>;
}

/**
 * The default policy: 8 status checks span about a day on the backoff schedule
 * (`STATUS_CHECK_BACKOFF_MS`), and a day bounds entries checked rarely (a reconciler that was
 * stopped) or never (a provider without a status check). M-Pesa settles a reversal in seconds to
 * minutes and delivers its callbacks within minutes; a reversal still in doubt after a day is not
 * waiting on the provider any more but on a person, who should hear of it the same day.
 */
export const DEFAULT_ESCALATION: Readonly<Required<EscalationPolicy>> = Object.freeze({ maxChecks: 8, maxAgeMs: 86_400_000 });

const validChecks = (value: unknown) =>
  value === undefined || value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && (value as number) >= 1);
const validAge = (value: unknown) => value === undefined || (typeof value === 'number' && value >= 0 && !Number.isNaN(value));

/** Checks the `escalation` option and returns each provider's policy (the defaults where none is given). */
export function escalationPolicy(option: EscalationOptions | undefined): (provider: string) => Readonly<Required<EscalationPolicy>> {
  const policies: EscalationPolicy[] = option === undefined ? [] : [option, ...Object.values(option?.byProvider ?? {})];
  const valid =
    (typeof option === 'object' || option === undefined) &&
    policies.every((policy) => typeof policy === 'object' && policy !== null && validChecks(policy.maxChecks) && validAge(policy.maxAgeMs));
  if (!valid) {
    throw new LedgerError(
      'ERR_LEDGER_CONFIG',
      'escalation must be { maxChecks, maxAgeMs, byProvider }: maxChecks a whole number >= 1, maxAgeMs milliseconds >= 0 ' +
        '(Infinity turns either off), byProvider the same by provider id.',
    );
  }
  return (provider) => {
    const own = option?.byProvider?.[provider];
    return {
      maxChecks: own?.maxChecks ?? option?.maxChecks ?? DEFAULT_ESCALATION.maxChecks,
      maxAgeMs: own?.maxAgeMs ?? option?.maxAgeMs ?? DEFAULT_ESCALATION.maxAgeMs,
    };
  };
}
