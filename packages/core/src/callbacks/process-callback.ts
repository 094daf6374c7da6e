import { ReversalCallbackError } from '../errors/reversal-callback-error.js';
import { getHeader, readJsonBody } from '../kit/read-json-body.js';
import { truncateText } from '../kit/storable-text.js';
import type { HeaderInput } from '../reversal-provider.js';
import type { ReversalResult } from '../reversal-result.js';
import { type AddressAllowList, resolveClientAddress } from './address-allow-list.js';
import type { BodyReader } from './body-read.js';
import type { CallbackFailure, CallbackFailureReason } from './callback-failure.js';
import type { CallbackAnswer } from './callback-handler.js';
import type { CallbackRoutes } from './callback-routes.js';
import type { DeliveryOutcome } from './result-delivery.js';


/** The answer to a provider that does not say what it expects (`acknowledgeCallback`). */
const DEFAULT_ACKNOWLEDGEMENT = { received: true };
/** The configured handler, as {@link processCallback} uses it. */
export interface CallbackPipeline {
  readonly routes: CallbackRoutes;
  readonly allowList: AddressAllowList | undefined;
  readonly trustProxy: number;
  readonly maxBodyBytes: number;
  deliver(result: ReversalResult): Promise<DeliveryOutcome>;
  /** Tells `onError`; never throws. */
  report(failure: CallbackFailure): void;
}

/** A callback as it arrived, its body not read yet. */
export interface ReceivedCallback {
  readonly method: string;
  readonly url: string | URL;
  readonly headers: HeaderInput;
  readonly remoteAddress: string | undefined;
  readonly readBody: BodyReader;
}

/** What the sender reads in a rejection; the details go to `onError` only. */
const REJECTION_TEXT: Readonly<Record<CallbackFailureReason, string>> = {
  'method-not-allowed': 'Callbacks are delivered with POST.',
  'address-not-allowed': 'This address may not deliver callbacks.',
  'unknown-provider': 'No provider receives callbacks at this URL.',
  'too-large': 'The callback body is too large.',
  malformed: 'The callback is malformed.',
  unauthenticated: 'The callback token is missing, forged or expired.',
  'result-handler-failed': 'The result could not be processed; deliver it again later.',
  'delivery-in-progress': 'The same result is still being processed; deliver it again later.',
  'internal-error': 'The callback could not be processed; deliver it again later.',
};

/**
 * Answers one callback: method, source address, provider, body size, JSON, the provider's own
 * checks (`parseCallback`), then the result's delivery to the application. Never throws.
 */
export async function processCallback(pipeline: CallbackPipeline, callback: ReceivedCallback): Promise<CallbackAnswer> {
  const remoteAddress = safely(() =>
    resolveClientAddress(callback.remoteAddress, getHeader(callback.headers, 'x-forwarded-for'), pipeline.trustProxy),
  );
  const reject = (failure: Omit<CallbackFailure, 'remoteAddress'>, headers: Record<string, string> = {}): CallbackAnswer => {
    pipeline.report(remoteAddress === undefined ? failure : { ...failure, remoteAddress });
    return json(failure.status, { error: failure.reason, message: REJECTION_TEXT[failure.reason] }, headers);
  };
  try {
    const method = typeof callback.method === 'string' ? callback.method.toUpperCase() : '';
    if (method !== 'POST') {
      const message = `A ${truncateText(method, 16)} request is not a callback.`;
      return reject({ status: 405, reason: 'method-not-allowed', message }, { allow: 'POST' });
    }
    if (pipeline.allowList && !pipeline.allowList.allows(remoteAddress)) {
      const message = remoteAddress === undefined
        ? 'The sender address is unknown (pass remoteAddress to the fetch handler, or set trustProxy), so the allow-list refuses it.'
        : 'The sender address is not on the allow-list.';
      return reject({ status: 403, reason: 'address-not-allowed', message });
    }
    const url = toUrl(callback.url);
    const provider = url && pipeline.routes.find(url);
    if (!url || !provider) {
      const message = 'No callback provider matches this URL; with several, name one with ?provider=<id> or a path segment.';
      return reject({ status: 404, reason: 'unknown-provider', message });
    }
    const read = await callback.readBody(pipeline.maxBodyBytes);
    if (read.kind === 'too-large') {
      const message = `The body is larger than maxBodyBytes (${pipeline.maxBodyBytes}).`;
      return reject({ status: 413, reason: 'too-large', message, provider: provider.id }, { connection: 'close' });
    }
    const body = read.kind === 'body' ? readJsonBody(read.body, pipeline.maxBodyBytes) : { ok: false as const, message: 'the body was cut off' };
    if (!body.ok) return reject({ status: 400, reason: 'malformed', message: `Callback rejected: ${body.message}.`, provider: provider.id });

    let result: ReversalResult;
    try {
      result = await provider.parseCallback({ body: body.value, url: url.href, headers: callback.headers });
    } catch (error) {
      if (!ReversalCallbackError.isInstance(error)) {
        const message = `${provider.id} failed to read the callback with an unexpected error.`;
        return reject({ status: 500, reason: 'internal-error', message, provider: provider.id, error });
      }
      const reason = error.status === 401 ? 'unauthenticated' : 'malformed';
      return reject({ status: error.status, reason, message: error.message, provider: provider.id, error });
    }

    const delivered = await pipeline.deliver(result);
    if (delivered.kind === 'in-progress') {
      const message = 'An earlier delivery of the same outcome is still inside onResult; answered 503 so that the provider delivers it again.';
      const failure = { status: 503, reason: 'delivery-in-progress', message, provider: provider.id, reference: result.reference } as const;
      return reject(failure, { 'retry-after': String(delivered.retryAfterSeconds) });
    }
    if (delivered.kind === 'failed') {
      const [reason, message]: [CallbackFailureReason, string] = delivered.stage === 'on-result'
        ? ['result-handler-failed', 'onResult threw; the provider was answered 500 and may deliver the callback again.']
        : ['internal-error', `The ${delivered.stage === 'store' ? 'result store' : 'deduplicator'} failed; the provider was answered 500.`];
      return reject({ status: 500, reason, message, provider: provider.id, reference: result.reference, error: delivered.error });
    }
    return json(200, provider.acknowledgeCallback?.(result) ?? DEFAULT_ACKNOWLEDGEMENT);
  } catch (error) {
    return reject({ status: 500, reason: 'internal-error', message: 'The callback handler failed unexpectedly.', error });
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): CallbackAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

function toUrl(url: string | URL): URL | undefined {
  return safely(() => new URL(url, 'http://localhost'));
}

function safely<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}
