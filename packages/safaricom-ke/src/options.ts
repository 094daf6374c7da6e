import type { ReversalEvent, Secret } from '@reversal/core';
import { secretString, secureUrl } from '@reversal/core/kit';
import * as v from 'valibot';
import { certificateFileOption, certificateOption } from './certificate-option.js';
import { callbackUrlTemplate } from './callback-url-template.js';
import type { CertificateInput } from './security-credential.js';

/**
 * The options of `createSafaricomKeProvider`, as you write them. Every invalid option gives a
 * `ReversalConfigError` naming it and the fix; values are never echoed.
 */
export interface SafaricomKeOptions {
  /**
   * `"sandbox"` (default) or `"production"`: picks the base URL and the bundled certificate. Any
   * case is accepted at run time (`MPESA_KE_ENVIRONMENT=Sandbox`).
   */
  readonly environment?: 'sandbox' | 'production';
  /** Overrides the base URL (a local simulator: `http://127.0.0.1:…`; `http://` only for loopback). */
  readonly baseUrl?: string;
  /** The Consumer Key of your Daraja app (text or `Secret`). */
  readonly consumerKey: string | Secret;
  /** The Consumer Secret of your Daraja app (text or `Secret`). */
  readonly consumerSecret: string | Secret;
  /** The API operator (`Initiator`); it needs the "Org Reversals Initiator" role. */
  readonly initiatorName: string;
  /** The operator's password, encrypted for you once per provider (or give `securityCredential`). */
  readonly initiatorPassword?: string | Secret;
  /** A SecurityCredential you computed yourself (instead of `initiatorPassword`). */
  readonly securityCredential?: string | Secret;
  /**
   * The M-Pesa certificate as PEM text or DER bytes; default: the bundled one of the environment.
   * Indentation and surrounding whitespace are ignored (PEM from YAML or a template literal). A file
   * path here is refused: give it as `certificateFile`.
   */
  readonly certificate?: CertificateInput;
  /**
   * The path of the M-Pesa certificate file (PEM, DER or base64 DER), instead of `certificate`. Read
   * once, when the provider is configured; a relative path is read from the working directory.
   */
  readonly certificateFile?: string;
  /** Your pay bill or till number, sent as `ReceiverParty` (5–9 digits). */
  readonly shortCode: string | number;
  /** Where Daraja POSTs the result; a `{reference}` in its path puts the reference there. */
  readonly resultUrl: string;
  /** Where Daraja POSTs a queue timeout; default: `resultUrl`. */
  readonly queueTimeoutUrl?: string;
  /**
   * Required unless `unsignedCallbacks` is `true`: at least 32 random characters (make one with
   * `openssl rand -base64 32`). Callback URLs carry a token signed with it (HS256, with an expiry),
   * and `parseCallback` refuses a callback whose token is missing, forged or expired (401).
   */
  readonly callbackSecret?: string | Secret;
  /**
   * `true` to run without `callbackSecret`: callback URLs then carry the reference in plain text,
   * and anyone who learns one can post a made-up outcome to it (the allow-list of
   * `SAFARICOM_CALLBACK_ADDRESSES` is the only remaining guard). The provider warns once
   * (`REVERSAL_UNSIGNED_CALLBACKS`).
   */
  readonly unsignedCallbacks?: boolean;
  /** How long a callback token stays valid, in seconds (default 86,400: one day). */
  readonly callbackTokenTtlSeconds?: number;
  /** The budget of each HTTP call in milliseconds (default 30,000). */
  readonly timeoutMs?: number;
  /** Receives request, response, retry, token and result events (no secrets in them). */
  readonly onEvent?: (event: ReversalEvent) => void;
}

/** The options after validation and defaults. */
export interface ResolvedSafaricomKeOptions {
  readonly environment: 'sandbox' | 'production';
  readonly baseUrl?: string | undefined;
  readonly consumerKey: Secret;
  readonly consumerSecret: Secret;
  readonly initiatorName: string;
  readonly initiatorPassword?: Secret | undefined;
  readonly securityCredential?: Secret | undefined;
  readonly certificate?: CertificateInput | undefined;
  readonly shortCode: string;
  readonly resultUrl: string;
  readonly queueTimeoutUrl?: string | undefined;
  /** Absent only when `unsignedCallbacks` is true. */
  readonly callbackSecret?: Secret | undefined;
  readonly unsignedCallbacks: boolean;
  readonly callbackTokenTtlSeconds: number;
  readonly timeoutMs: number;
  readonly onEvent?: ((event: ReversalEvent) => void) | undefined;
}

const positiveInteger = (min: number, max: number, unit: string) => {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};

const credentialMessage =
  'give exactly one of initiatorPassword (MPESA_KE_INITIATOR_PASSWORD; encrypted for you with the certificate) ' +
  'or securityCredential (MPESA_KE_SECURITY_CREDENTIAL; already encrypted)';
const callbackSecretMessage =
  'is required: at least 32 random characters (make one with `openssl rand -base64 32`), so that forged callbacks are refused. ' +
  'To accept unsigned callbacks anyway, set unsignedCallbacks: true (MPESA_KE_UNSIGNED_CALLBACKS=true; anyone who learns a callback URL can then post a made-up outcome)';
const unsignedMessage = 'must be true or false (the environment variable: true/false, 1/0 or yes/no)';
const environmentMessage = 'must be "sandbox" or "production" (in any case)';

const schema = v.pipe(
  v.strictObject({
    environment: v.optional(
      v.pipe(v.string(environmentMessage), v.trim(), v.toLowerCase(), v.picklist(['sandbox', 'production'], environmentMessage)),
      'sandbox',
    ),
    baseUrl: v.optional(secureUrl('must be an absolute https:// URL (http:// only for localhost), e.g. a local simulator')),
    consumerKey: secretString('is required: the Consumer Key of your Daraja app'),
    consumerSecret: secretString('is required: the Consumer Secret of your Daraja app'),
    initiatorName: v.pipe(
      v.string('is required: the API operator (initiator) user name'),
      v.nonEmpty('is required: the API operator (initiator) user name'),
    ),
    initiatorPassword: v.optional(secretString("must be the API operator's password as non-empty text")),
    securityCredential: v.optional(secretString('must be the pre-computed SecurityCredential as non-empty text')),
    certificate: v.optional(certificateOption()),
    certificateFile: v.optional(certificateFileOption()),
    shortCode: v.pipe(
      v.union([v.string(), v.number()], 'is required: your pay bill or till short code, e.g. "600992"'),
      v.transform(String),
      v.regex(/^\d{5,9}$/, 'must be your short code: 5–9 digits, e.g. "600992"'),
    ),
    resultUrl: callbackUrlTemplate(),
    queueTimeoutUrl: v.optional(callbackUrlTemplate()),
    callbackSecret: v.optional(
      v.pipe(
        secretString(callbackSecretMessage),
        v.check((value: Secret) => value.reveal().length >= 32, 'must be at least 32 characters (make one with `openssl rand -base64 32`)'),
      ),
    ),
    // `registry.fromEnv()` turns the variable's true/false, 1/0, yes/no into a boolean (type: 'boolean').
    unsignedCallbacks: v.optional(v.boolean(unsignedMessage), false),
    callbackTokenTtlSeconds: v.optional(positiveInteger(60, 2_592_000, 'seconds'), 86_400),
    timeoutMs: v.optional(positiveInteger(100, 300_000, 'milliseconds'), 30_000),
    onEvent: v.optional(v.custom<(event: ReversalEvent) => void>((value) => typeof value === 'function', 'must be a function')),
  }),
  // partialCheck, not check: a check on the whole object runs only once every field passed, so
  // these issues would appear only after the others were fixed. Each runs when its fields passed.
  v.forward(
    v.partialCheck(
      [['initiatorPassword'], ['securityCredential']],
      (options) => (options.initiatorPassword === undefined) !== (options.securityCredential === undefined),
      credentialMessage,
    ),
    ['initiatorPassword'],
  ),
  v.forward(
    v.partialCheck(
      [['callbackSecret'], ['unsignedCallbacks']],
      (options) => options.callbackSecret !== undefined || options.unsignedCallbacks,
      callbackSecretMessage,
    ),
    ['callbackSecret'],
  ),
  v.forward(
    v.partialCheck(
      [['callbackSecret'], ['unsignedCallbacks']],
      (options) => options.callbackSecret === undefined || !options.unsignedCallbacks,
      'and unsignedCallbacks: true contradict each other: keep callbackSecret and drop unsignedCallbacks',
    ),
    ['callbackSecret'],
  ),
  v.forward(
    v.partialCheck(
      [['certificate'], ['certificateFile']],
      (options) => options.certificate === undefined || options.certificateFile === undefined,
      'and certificate are both given: keep one (certificateFile is read into certificate)',
    ),
    ['certificateFile'],
  ),
  v.transform(({ certificateFile, ...options }) => (certificateFile === undefined ? options : { ...options, certificate: certificateFile })),
);

/**
 * The valibot schema of {@link SafaricomKeOptions}; its messages name each field and never echo a
 * value. Internal: applications validate through `safaricomKe.parseOptions`.
 */
export const optionsSchema: v.GenericSchema<SafaricomKeOptions, ResolvedSafaricomKeOptions> = schema as v.GenericSchema<
  SafaricomKeOptions,
  v.InferOutput<typeof schema>
>;
