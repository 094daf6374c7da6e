import type { ReversalEvent, Secret } from '@reversal/core';
import { secretString, secureUrl } from '@reversal/core/kit';
import * as v from 'valibot';

/** Where the Acme Money API lives when `baseUrl` is left out. */
export const ACME_MONEY_BASE_URL = 'https://api.acme-money.example';

/** The options of `createAcmeMoneyProvider` (and, by name, of `registry.create({ provider: 'acme-money', … })`). */
export interface AcmeMoneyOptions {
  /** Your API key, sent as `Authorization: Bearer <apiKey>` (text or `Secret`). */
  readonly apiKey: string | Secret;
  /** Overrides the API's base URL (a local simulator: `http://127.0.0.1:…`; `http://` only for loopback). */
  readonly baseUrl?: string;
  /** The budget of each HTTP call in milliseconds (default 30,000). */
  readonly timeoutMs?: number;
  /** Receives request, response, retry and result events (no secrets in them). */
  readonly onEvent?: (event: ReversalEvent) => void;
}

/** The options after validation and defaults. */
export interface ResolvedAcmeMoneyOptions {
  readonly apiKey: Secret;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly onEvent?: ((event: ReversalEvent) => void) | undefined;
}

/** Validates the options; its messages name the field and never echo a value. Not exported from the package. */
export const optionsSchema: v.GenericSchema<AcmeMoneyOptions, ResolvedAcmeMoneyOptions> = v.strictObject({
  apiKey: secretString('is required: the API key of your Acme Money merchant account'),
  baseUrl: v.optional(secureUrl(), ACME_MONEY_BASE_URL),
  timeoutMs: v.optional(
    v.pipe(v.number('must be a number of milliseconds'), v.integer('must be a whole number of milliseconds'), v.minValue(1, 'must be at least 1')),
    30_000,
  ),
  onEvent: v.optional(v.custom<(event: ReversalEvent) => void>((value) => typeof value === 'function', 'must be a function')),
});
