/**
 * A scripted behaviour of the Vodacom Mozambique simulator, for the requests it matches: a forced
 * `INS-*` code, a late answer, a malformed header or body. Without `transactionId` or `reference`
 * it matches the next request(s) of its operation.
 *
 * @example
 * // Answer INS-16 (503, overloaded) to the next reversal of this payment:
 * simulator.addScenario({ transactionId: 'PAY123', responseCode: 'INS-16' });
 * // Apply the reversal but answer after 5 s, later than the client waits:
 * simulator.addScenario({ reference: 'ORDER1', delayMs: 5_000 });
 */
export interface VodacomMzScenario {
  /** The API it applies to: `reversal` (the default) or `status` (Query Transaction Status). */
  readonly operation?: 'reversal' | 'status';
  /** Only requests about this payment (`input_TransactionID`; for status, `input_QueryReference`). */
  readonly transactionId?: string;
  /**
   * Only requests with this reference (`input_ThirdPartyReference`; for status, the reference of
   * the reversal being queried).
   */
  readonly reference?: string;
  /** How many matching requests it applies to; default 1, `Infinity` for every one. */
  readonly times?: number;
  /**
   * Answer this code (`"INS-16"`) instead of the outcome of processing; `""` sends an empty code.
   * The HTTP status is the documented one unless `httpStatus` is given.
   */
  readonly responseCode?: string;
  /** The HTTP status sent with `responseCode` (to simulate a status that disagrees with the code). */
  readonly httpStatus?: number;
  /**
   * With `responseCode`: process the request anyway (the reversal is applied when valid), then
   * answer the forced code, as a gateway that did the work and reported an error would (INS-1, INS-23).
   */
  readonly apply?: boolean;
  /** Answer after this many milliseconds; the reversal is applied at once, so a status check sees it. */
  readonly delayMs?: number;
  /**
   * Send a response header whose value holds a control character (0x01), which strict HTTP parsers
   * such as undici's reject (docs/providers/vodacom-mz.md; paymentsds/mpesa-js-sdk#62). The reversal is applied.
   */
  readonly malformedHeader?: boolean;
  /** Send this text as the body instead of the JSON answer (an HTML error page, truncated JSON). */
  readonly rawBody?: string;
  /** Status operation only: the `output_ResponseTransactionStatus` to answer (`"Cancelled"`, `"N/A"`). */
  readonly transactionStatus?: string;
}

/** The fields a scenario is matched against. */
export interface ScenarioSubject {
  readonly operation: 'reversal' | 'status';
  readonly transactionId?: string | undefined;
  readonly references: readonly string[];
}

const MAX_SCENARIOS = 1_000;

/** The pending scenarios of a simulator, first added first matched, at most 1,000. */
export interface ScenarioStore {
  add(scenario: VodacomMzScenario): void;
  /** Takes the first scenario matching the subject, counting one use of it. */
  take(subject: ScenarioSubject): VodacomMzScenario | undefined;
  clear(): void;
}

/** Builds an empty scenario store. */
export function createScenarioStore(): ScenarioStore {
  const entries: { scenario: VodacomMzScenario; remaining: number }[] = [];
  return {
    add(scenario) {
      if (entries.length >= MAX_SCENARIOS) {
        throw new RangeError(`The simulator holds at most ${MAX_SCENARIOS} scenarios; call clearScenarios() between tests.`);
      }
      entries.push({ scenario, remaining: scenario.times ?? 1 });
    },
    take(subject) {
      const index = entries.findIndex(({ scenario }) => {
        if ((scenario.operation ?? 'reversal') !== subject.operation) return false;
        if (scenario.transactionId !== undefined && scenario.transactionId !== subject.transactionId) return false;
        return scenario.reference === undefined || subject.references.includes(scenario.reference);
      });
      const entry = entries[index];
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) entries.splice(index, 1);
      return entry.scenario;
    },
    clear() {
      entries.length = 0;
    },
  };
}
