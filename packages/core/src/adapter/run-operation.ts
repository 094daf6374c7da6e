import type { CallOptions, StatusQuery } from '../reversal-provider.js';
import type { ProviderMetadata } from '../reversal-result.js';
import type { EventEmitter } from '../kit/events.js';
import type { JsonRequest, JsonTransport } from '../kit/json-transport.js';
import type { TokenCache } from '../kit/token-cache.js';
import type { TransportOutcome } from '../kit/transport-outcome.js';
import { withRetry } from '../kit/with-retry.js';
import * as v from 'valibot';
import { abortable } from './abortable.js';
import type { CredentialFailure, CredentialSpec, OperationSpec, PreparedCall, ProviderAnswer } from './adapter-spec.js';
import { credentialFailureAnswer, keepPendingOnFailedQuery, type Operation, transportFailureAnswer } from './failure-answers.js';
import { scrubFailure, scrubResponse } from './scrub-outcome.js';
import type { SecretScrubber } from './secret-scrubber.js';

// Adapters read the answer themselves (`OperationSpec.read`); the transport only parses JSON.
const ANY_BODY = v.unknown();

/** What one operation ended with, and the secrets that went onto the wire for it. */
export interface OperationOutcome<TMetadata extends ProviderMetadata> {
  readonly answer: ProviderAnswer<TMetadata>;
  readonly call: PreparedCall;
  /** Header values and tokens sent with the call, to scrub from the result. */
  readonly sentSecrets: readonly string[];
}

/** What {@link runOperation} needs of the provider instance. */
export interface OperationContext {
  readonly providerId: string;
  readonly displayName: string;
  readonly events: EventEmitter;
  /** The instance's secrets; each call adds its own (headers, tokens, `PreparedCall.secrets`). */
  readonly scrubber: SecretScrubber;
  readonly credentials?: { readonly spec: CredentialSpec; readonly tokens: TokenCache<CredentialFailure> } | undefined;
}

/**
 * Sends one operation the one way every adapter sends: the call is prepared once, the token (if
 * any) is fetched while an abort still rejects, a request that provably never left is sent again
 * (at most three times in all, with `retry` events) and one that may have arrived never is, a
 * rejected token is refreshed once, and a transport failure becomes the matching answer. What the
 * provider answered is scrubbed of the call's secrets before `read` sees it or an answer keeps it.
 */
export async function runOperation<TInput, TMetadata extends ProviderMetadata>(
  operation: Operation,
  spec: OperationSpec<TInput, TMetadata>,
  input: TInput,
  options: CallOptions,
  context: OperationContext,
): Promise<OperationOutcome<TMetadata>> {
  const call = await spec.prepare(input);
  // The status a queried reversal had: a failed query must not make a pending one less certain.
  const queried = operation === 'status' ? (input as StatusQuery).status : undefined;
  const sentSecrets = authorizationSecrets(call.request.headers);
  if (call.secrets) sentSecrets.push(...call.secrets);
  for (let refreshed = false; ; refreshed = true) {
    let headers = call.request.headers;
    let token: string | undefined;
    if (context.credentials) {
      const lookup = await abortable(context.credentials.tokens.get(), options.signal);
      if (lookup.failure) return { answer: keepPendingOnFailedQuery(credentialFailureAnswer(lookup.failure, operation), queried), call, sentSecrets };
      token = lookup.token;
      sentSecrets.push(token);
      headers = { ...headers, ...context.credentials.spec.authorize(token) };
    }
    const { method, path, query, body } = call.request;
    // Spelt out, not `{ ...call.request, headers, … }`: in Node 20 each property after a leading
    // spread is a slow copy, ~2 µs a call here (bench/README.md, "Causes").
    const request: JsonRequest<unknown> = { operation, method, path, query, headers, body, schema: ANY_BODY };
    const outcome = await sendWithRetry(spec.transport, request, options, context);
    if (outcome.kind !== 'response') {
      const failure = scrubFailure(outcome, context.scrubber.with(sentSecrets));
      const answer = transportFailureAnswer<TMetadata>(failure, operation, context.displayName);
      return { answer: keepPendingOnFailedQuery(answer, queried), call, sentSecrets };
    }
    if (token !== undefined && !refreshed && context.credentials?.spec.rejected(outcome)) {
      // The provider refused the token, so it did nothing with the request: fetch a new one and send once more.
      context.credentials.tokens.invalidate(token);
      continue;
    }
    return { answer: spec.read(scrubResponse(outcome, context.scrubber.with(sentSecrets)), input, call), call, sentSecrets };
  }
}

/** Sends a call, repeating it only while it provably never left; reports each repetition. */
export function sendWithRetry(
  transport: JsonTransport,
  request: JsonRequest<unknown>,
  options: CallOptions,
  context: Pick<OperationContext, 'providerId' | 'events'>,
): Promise<TransportOutcome<unknown>> {
  const sent: JsonRequest<unknown> =
    options.signal || options.timeoutMs !== undefined
      ? { ...request, ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) }
      : request;
  return withRetry(() => transport.request(sent), {
    ...(options.signal ? { signal: options.signal } : {}),
    onRetry: ({ attempt, delayMs, outcome }) =>
      context.events.emit({
        type: 'retry',
        provider: context.providerId,
        operation: request.operation,
        attempt,
        delayMs,
        code: outcome.kind === 'response' ? String(outcome.status) : outcome.code,
      }),
  });
}

/** Every `Authorization` value of a call, whole and without its scheme (`Basic`, `Bearer`). */
export function authorizationSecrets(headers: Readonly<Record<string, string>> | undefined): string[] {
  const secrets: string[] = [];
  if (!headers) return secrets;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() !== 'authorization') continue;
    const value = headers[name]!;
    secrets.push(value);
    const space = value.indexOf(' ');
    if (space > 0) secrets.push(value.slice(space + 1));
  }
  return secrets;
}
