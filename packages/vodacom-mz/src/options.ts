import type { ReversalEvent, Secret } from '@reversal/core';
import { secretString, secureUrl } from '@reversal/core/kit';
import type { KeyObject } from 'node:crypto';
import * as v from 'valibot';
import { PUBLIC_KEY_FORMS_MESSAGE, parsePublicKey } from './public-key.js';

/** The hosts of the Vodacom Mozambique API per environment (docs/providers/vodacom-mz.md, "Hosts and ports"). */
export const VODACOM_MZ_HOSTS = Object.freeze({
  sandbox: 'https://api.sandbox.vm.co.mz',
  // Unconfirmed: api.vm.co.mz and api.mpesa.vm.co.mz both appear in the wild. Override with baseUrl.
  production: 'https://api.vm.co.mz',
});

/** The port of each API on the host (docs/providers/vodacom-mz.md, "Hosts and ports"). */
export const VODACOM_MZ_PORTS = Object.freeze({ reversal: 18354, status: 18353 });

const port = (name: string) =>
  v.pipe(
    v.number(`must be a port number (1–65535); the API's is ${name}`),
    v.integer(`must be a whole port number; the API's is ${name}`),
    v.minValue(1, 'must be between 1 and 65535'),
    v.maxValue(65_535, 'must be between 1 and 65535'),
  );

const ENVIRONMENT_MESSAGE = 'must be "sandbox" or "production" (in any case)';

const HOST_ONLY_MESSAGE =
  'must be the host only, such as "https://api.vm.co.mz", without a port: each API keeps its own port (set reversalPort and statusPort to change them)';

// The input type says `environment` is text (any case is accepted); the public type keeps the two values.
const schema = v.strictObject({
  environment: v.optional(
    v.pipe(
      v.string(ENVIRONMENT_MESSAGE),
      v.trim(),
      v.toLowerCase(),
      v.picklist(['sandbox', 'production'], ENVIRONMENT_MESSAGE),
    ),
    'sandbox',
  ),
  baseUrl: v.optional(
    v.pipe(
      secureUrl(),
      v.check((value) => new URL(value).port === '', HOST_ONLY_MESSAGE),
      v.check((value) => new URL(value).search === '' && new URL(value).hash === '', HOST_ONLY_MESSAGE),
    ),
  ),
  reversalPort: v.optional(port('18354'), VODACOM_MZ_PORTS.reversal),
  statusPort: v.optional(port('18353'), VODACOM_MZ_PORTS.status),
  apiKey: secretString('is required: the API key of your application on the Vodacom developer portal'),
  publicKey: v.pipe(
    v.string(PUBLIC_KEY_FORMS_MESSAGE),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const key = parsePublicKey(dataset.value);
      if (key) return key;
      addIssue({ message: PUBLIC_KEY_FORMS_MESSAGE });
      return NEVER;
    }),
  ),
  serviceProviderCode: v.pipe(
    v.string('is required: your shortcode (input_ServiceProviderCode), such as "171717"'),
    v.regex(/^[0-9A-Za-z]{4,12}$/, 'must be your shortcode: 4–12 letters and digits, such as "171717"'),
  ),
  initiatorIdentifier: v.pipe(
    v.string('is required: the InitiatorIdentifier Vodacom issued to you'),
    v.regex(/^[\x21-\x7e]{1,100}$/, 'must be the InitiatorIdentifier Vodacom issued: 1–100 visible characters, no spaces'),
  ),
  securityCredential: secretString('is required: the SecurityCredential Vodacom issued to you, sent as it is'),
  origin: v.optional(
    v.pipe(
      v.string('must be text'),
      v.regex(/^[\x21-\x7e]{1,200}$/, 'must be 1–200 visible characters, such as "developer.mpesa.vm.co.mz" or "*"'),
    ),
    'developer.mpesa.vm.co.mz',
  ),
  timeoutMs: v.optional(
    v.pipe(
      v.number('must be a number of milliseconds'),
      v.integer('must be a whole number of milliseconds'),
      v.minValue(1, 'must be at least 1 millisecond'),
      v.maxValue(600_000, 'must be at most 600000 (10 minutes)'),
    ),
    30_000,
  ),
  onEvent: v.optional(
    v.custom<(event: ReversalEvent) => void>((value) => typeof value === 'function', 'must be a function receiving each event'),
  ),
});

/**
 * The options of `createVodacomMzProvider`, as validated. Credentials come out as `Secret`s and
 * the public key as a parsed RSA key; every message names the field and never echoes its value.
 * Internal: applications validate through `vodacomMz.parseOptions` or `createVodacomMzProvider`.
 */
export const vodacomMzOptionsSchema: v.GenericSchema<VodacomMzOptions, ResolvedVodacomMzOptions> = schema as v.GenericSchema<
  VodacomMzOptions,
  v.InferOutput<typeof schema>
>;

/**
 * The options of `createVodacomMzProvider`.
 *
 * @example
 * const options: VodacomMzOptions = {
 *   environment: 'production',
 *   apiKey: process.env.MPESA_MZ_API_KEY!,
 *   publicKey: process.env.MPESA_MZ_PUBLIC_KEY!, // base64 DER as Vodacom gives it, or PEM
 *   serviceProviderCode: '171717',
 *   initiatorIdentifier: process.env.MPESA_MZ_INITIATOR_IDENTIFIER!,
 *   securityCredential: process.env.MPESA_MZ_SECURITY_CREDENTIAL!,
 * };
 */
export interface VodacomMzOptions {
  /**
   * `"sandbox"` (default, `api.sandbox.vm.co.mz`) or `"production"` (`api.vm.co.mz`, see the README).
   * Any case is accepted at run time (`MPESA_MZ_ENVIRONMENT=Production`).
   */
  readonly environment?: 'sandbox' | 'production';
  /** Overrides the host (`https://api.mpesa.vm.co.mz`); no port, each API keeps its own. */
  readonly baseUrl?: string;
  /** The Reversal API's port; default 18354. Change it only for a simulator or a proxy. */
  readonly reversalPort?: number;
  /** The Query Transaction Status API's port; default 18353. */
  readonly statusPort?: number;
  /** Your application's API key from the Vodacom developer portal. Secret. */
  readonly apiKey: string | Secret;
  /** Vodacom's public key: base64 DER without headers (as the portal shows it) or PEM. */
  readonly publicKey: string;
  /** Your shortcode, sent as `input_ServiceProviderCode`. */
  readonly serviceProviderCode: string;
  /** Issued by Vodacom, sent as `input_InitiatorIdentifier`. */
  readonly initiatorIdentifier: string;
  /** Issued by Vodacom, sent as it is as `input_SecurityCredential` (no client-side encryption). Secret. */
  readonly securityCredential: string | Secret;
  /** The `Origin` header; default `developer.mpesa.vm.co.mz` (the documentation's; SDKs often send `*`). */
  readonly origin?: string;
  /** How long one call may take, in milliseconds; default 30000. */
  readonly timeoutMs?: number;
  /** Receives every event (requests, responses, results); the library never prints. */
  readonly onEvent?: (event: ReversalEvent) => void;
}

/** The options after validation, with defaults applied. */
export interface ResolvedVodacomMzOptions {
  readonly environment: 'sandbox' | 'production';
  readonly baseUrl?: string | undefined;
  readonly reversalPort: number;
  readonly statusPort: number;
  readonly apiKey: Secret;
  readonly publicKey: KeyObject;
  readonly serviceProviderCode: string;
  readonly initiatorIdentifier: string;
  readonly securityCredential: Secret;
  readonly origin: string;
  readonly timeoutMs: number;
  readonly onEvent?: ((event: ReversalEvent) => void) | undefined;
}
