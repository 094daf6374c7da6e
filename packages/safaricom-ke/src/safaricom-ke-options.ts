import type { ReversalEvent, Secret } from '@reversal/core/kit';
import { secretString, secureUrl } from '@reversal/core/kit';
import * as v from 'valibot';
import { callbackUrlTemplate } from './callback-url-template.js';

const positiveInteger = (min: number, max: number, unit: string) => {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};

const credentialMessage =
  'give exactly one of initiatorPassword (encrypted for you with the certificate) or securityCredential (already encrypted)';

/** The valibot schema of {@link SafaricomKeOptions}; its messages name each field and never echo a value. */
export const safaricomKeOptionsSchema = v.pipe(
  v.strictObject({
    environment: v.optional(v.picklist(['sandbox', 'production'], 'must be "sandbox" or "production"'), 'sandbox'),
    baseUrl: v.optional(secureUrl('must be an absolute https:// URL (http:// only for localhost), e.g. a local simulator')),
    consumerKey: secretString('is required: the Consumer Key of your Daraja app'),
    consumerSecret: secretString('is required: the Consumer Secret of your Daraja app'),
    initiatorName: v.pipe(
      v.string('is required: the API operator (initiator) user name'),
      v.nonEmpty('is required: the API operator (initiator) user name'),
    ),
    initiatorPassword: v.optional(secretString("must be the API operator's password as non-empty text")),
    securityCredential: v.optional(secretString('must be the pre-computed SecurityCredential as non-empty text')),
    certificate: v.optional(
      v.union(
        [v.pipe(v.string(), v.nonEmpty()), v.instance(Uint8Array)],
        'must be the M-Pesa certificate as PEM text or DER bytes (leave it out for the bundled one)',
      ),
    ),
    shortCode: v.pipe(
      v.union([v.string(), v.number()], 'is required: your pay bill or till short code, e.g. "600992"'),
      v.transform(String),
      v.regex(/^\d{5,9}$/, 'must be your short code: 5–9 digits, e.g. "600992"'),
    ),
    resultUrl: callbackUrlTemplate(),
    queueTimeoutUrl: v.optional(callbackUrlTemplate()),
    callbackSecret: v.optional(
      v.pipe(
        secretString('must be text of at least 32 characters'),
        v.check((value: Secret) => value.reveal().length >= 32, 'must be at least 32 characters (random, e.g. openssl rand -hex 32)'),
      ),
    ),
    callbackTokenTtlSeconds: v.optional(positiveInteger(60, 2_592_000, 'seconds'), 86_400),
    timeoutMs: v.optional(positiveInteger(100, 300_000, 'milliseconds'), 30_000),
    onEvent: v.optional(
      v.custom<(event: ReversalEvent) => void>((value) => typeof value === 'function', 'must be a function'),
    ),
  }),
  v.forward(
    v.check((options) => (options.initiatorPassword === undefined) !== (options.securityCredential === undefined), credentialMessage),
    ['initiatorPassword'],
  ),
);

/**
 * The options of `createSafaricomKeProvider`, as you write them.
 *
 * - `environment` – `"sandbox"` (default) or `"production"`: picks the base URL and the bundled certificate.
 * - `baseUrl` – overrides the base URL (a local simulator: `http://127.0.0.1:…`).
 * - `consumerKey`, `consumerSecret` – your Daraja app's credentials (text or `Secret`).
 * - `initiatorName` – the API operator (`Initiator`); it needs the "Org Reversals Initiator" role.
 * - `initiatorPassword` *or* `securityCredential` – the operator's password (encrypted for you,
 *   once per provider) or the SecurityCredential you computed yourself.
 * - `certificate` – PEM text or DER bytes of the M-Pesa certificate; default: the bundled one of the environment.
 * - `shortCode` – your pay bill or till number, sent as `ReceiverParty`.
 * - `resultUrl` – where Daraja POSTs the result; `{reference}` in its path puts the reference there.
 * - `queueTimeoutUrl` – where Daraja POSTs a queue timeout; default: `resultUrl`.
 * - `callbackSecret` – at least 32 characters: callback URLs then carry a signed token (HS256)
 *   and `parseCallback` rejects callbacks whose token is missing, forged or expired.
 * - `callbackTokenTtlSeconds` – how long a callback token stays valid (default 86,400: one day).
 * - `timeoutMs` – budget of each HTTP call (default 30,000).
 * - `onEvent` – receives request, response, retry, token and result events (no secrets in them).
 */
export type SafaricomKeOptions = v.InferInput<typeof safaricomKeOptionsSchema>;

/** The options after validation and defaults. */
export type ResolvedSafaricomKeOptions = v.InferOutput<typeof safaricomKeOptionsSchema>;
