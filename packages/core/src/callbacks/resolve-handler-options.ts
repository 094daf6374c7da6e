import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ValidationIssue } from '../errors/reversal-error.js';
import type { ReversalResult } from '../reversal-result.js';
import { type AddressAllowList, createAddressAllowList } from './address-allow-list.js';
import { type CallbackDeduplicator, createMemoryDeduplicator } from './callback-deduplicator.js';
import type { CallbackFailure } from './callback-failure.js';
import type { CallbackHandlerOptions } from './callback-handler-options.js';
import type { CallbackLedger } from './callback-ledger.js';
import { type CallbackRoutes, createCallbackRoutes } from './callback-routes.js';
import { createMemoryResultStore } from './memory-result-store.js';
import type { ResultStore } from './result-store.js';

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_DEDUPE_LEASE_MS = 60_000;
const DEFAULT_DEDUPE_WAIT_MS = 5_000;

/** The handler's options, checked, with their defaults filled in. */
export interface ResolvedHandlerOptions {
  readonly routes: CallbackRoutes;
  readonly onResult: (result: ReversalResult) => unknown;
  readonly onError: ((failure: CallbackFailure) => void) | undefined;
  readonly maxBodyBytes: number;
  readonly allowList: AddressAllowList | undefined;
  readonly trustProxy: number;
  readonly dedupe: CallbackDeduplicator | undefined;
  readonly dedupeLeaseMs: number;
  readonly dedupeWaitMs: number;
  readonly store: ResultStore;
  readonly ledger: CallbackLedger | undefined;
}

/** Checks `createCallbackHandler`'s options; throws a `ReversalConfigError` naming every bad one. */
export function resolveHandlerOptions(options: CallbackHandlerOptions): ResolvedHandlerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ReversalConfigError('callback handler', [{ field: 'options', message: 'must be an object with provider and onResult' }]);
  }
  const { provider, providers, onResult, onError, allowList, dedupe, store, ledger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const trustProxy = options.trustProxy ?? 0;
  const dedupeLeaseMs = options.dedupeLeaseMs ?? DEFAULT_DEDUPE_LEASE_MS;
  const dedupeWaitMs = options.dedupeWaitMs ?? DEFAULT_DEDUPE_WAIT_MS;
  const issues: ValidationIssue[] = [];
  const fail = (field: string, message: string) => issues.push({ field, message });

  const routing =
    (provider === undefined) === (providers === undefined)
      ? { issues: [{ field: 'provider', message: 'give either provider (one) or providers (a list), not both and not neither' }] }
      : provider !== undefined
        ? createCallbackRoutes([provider], 'provider')
        : createCallbackRoutes(Array.isArray(providers) ? providers : [], 'providers');
  if ('issues' in routing) issues.push(...routing.issues);
  if (typeof onResult !== 'function') fail('onResult', 'is required: the function that receives each result');
  if (onError !== undefined && typeof onError !== 'function') fail('onError', 'must be a function');
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    fail('maxBodyBytes', 'must be a whole number of bytes >= 1 (default 65536)');
  }
  if (!Number.isSafeInteger(trustProxy) || trustProxy < 0) {
    fail('trustProxy', 'must be the number of proxies in front of this server (0, the default, for none)');
  }
  const addresses = Array.isArray(allowList) ? createAddressAllowList(allowList) : undefined;
  if (allowList !== undefined && !Array.isArray(allowList)) fail('allowList', 'must be a list of IP addresses or CIDR ranges');
  if (addresses && 'issues' in addresses) issues.push(...addresses.issues);
  if (dedupe !== undefined && dedupe !== false && !hasMethods(dedupe, ['claim', 'complete', 'release'])) {
    fail('dedupe', 'must be a CallbackDeduplicator (claim, complete and release), or false to turn it off');
  }
  if (!Number.isSafeInteger(dedupeLeaseMs) || dedupeLeaseMs < 1) {
    fail('dedupeLeaseMs', 'must be a whole number of milliseconds >= 1, longer than your slowest onResult (default 60000)');
  }
  if (!Number.isSafeInteger(dedupeWaitMs) || dedupeWaitMs < 0) {
    fail('dedupeWaitMs', 'must be a whole number of milliseconds >= 0 (default 5000; 0 answers 503 at once)');
  }
  if (store !== undefined && !hasMethods(store, ['get', 'set', 'subscribe'])) {
    fail('store', 'must be a ResultStore (get, set and subscribe)');
  }
  const claims = (ledger as Partial<CallbackLedger> | undefined)?.outcomeClaims;
  if (ledger !== undefined && !(hasMethods(ledger, ['receive']) && hasMethods(claims, ['claim', 'complete', 'release']))) {
    fail('ledger', 'must be a ledger (createLedger of @reversal/ledger): receive and outcomeClaims');
  }
  if (issues.length > 0 || 'issues' in routing) throw new ReversalConfigError('callback handler', issues);

  return {
    routes: routing.routes,
    onResult: onResult as (result: ReversalResult) => unknown,
    onError,
    maxBodyBytes,
    allowList: addresses && 'allowList' in addresses ? addresses.allowList : undefined,
    trustProxy,
    dedupe: dedupe === false ? undefined : (dedupe ?? createMemoryDeduplicator()),
    dedupeLeaseMs,
    dedupeWaitMs,
    store: store ?? createMemoryResultStore(),
    ledger,
  };
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
