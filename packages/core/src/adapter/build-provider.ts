import * as v from 'valibot';
import { createEventEmitter } from '../kit/events.js';
import { createJsonTransport, type JsonTransport } from '../kit/json-transport.js';
import { createTokenCache } from '../kit/token-cache.js';
import type { CallOptions, ReversalProvider, StatusQuery } from '../reversal-provider.js';
import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';
import { validateReversalRequest } from '../validate-request.js';
import { validateStatusQuery } from '../validate-status-query.js';
import type { AdapterConnection, AdapterSpec, CommonOptions, CredentialFailure } from './adapter-spec.js';
import { assembleResult } from './assemble-result.js';
import { tokenTransportFailure } from './failure-answers.js';
import { authorizationSecrets, type OperationContext, runOperation, sendWithRetry } from './run-operation.js';
import { scrubCallbackInput } from './scrub-callback-input.js';
import { scrubResponse } from './scrub-outcome.js';
import { createSecretScrubber } from './secret-scrubber.js';

type Source = 'reverse' | 'callback' | 'status';

// The token endpoint's answer is read by `CredentialSpec.read`; the transport only parses JSON.
const ANY = v.unknown();

/**
 * Builds the `ReversalProvider` of an adapter from validated options: the one place where the
 * request lifecycle lives (validation, abort, tokens, retries, failure results, base fields,
 * events, scrubbing). Adapters never call it directly; `defineAdapter` does.
 */
export function buildProvider<TId extends string, TInput, TOptions extends CommonOptions, TMetadata extends ProviderMetadata>(
  spec: AdapterSpec<TId, TInput, TOptions, TMetadata>,
  options: TOptions,
): ReversalProvider<TMetadata> {
  const events = createEventEmitter(options.onEvent);
  const transports: JsonTransport[] = [];
  const connection: AdapterConnection<TMetadata> = spec.connect(options, {
    events,
    transport(baseUrl) {
      const transport = createJsonTransport({ baseUrl, providerId: spec.id, timeoutMs: options.timeoutMs, events });
      transports.push(transport);
      return transport;
    },
  });
  const scrubber = createSecretScrubber(connection.secrets);
  const currency = spec.capabilities.currencies[0]!;
  const context: OperationContext = {
    providerId: spec.id,
    displayName: spec.displayName,
    events,
    scrubber,
    credentials: connection.credentials && {
      spec: connection.credentials,
      tokens: createTokenCache<CredentialFailure>({
        onFetch: (reason, ok) => events.emit({ type: 'token', provider: spec.id, reason, ok }),
        async fetchToken() {
          const credentials = connection.credentials!;
          const call = credentials.prepare();
          const outcome = await sendWithRetry(credentials.transport, { ...call.request, operation: 'token', schema: ANY }, {}, context);
          if (outcome.kind !== 'response') return { failure: tokenTransportFailure(outcome, spec.displayName) };
          // The token endpoint may echo the Basic credentials: scrubbed before `read` quotes (and cuts) any of it.
          const callScrubber = scrubber.with(authorizationSecrets(call.request.headers));
          const read = credentials.read(scrubResponse(outcome, callScrubber));
          if (!('failure' in read)) return read;
          const { failure } = read;
          return { failure: { ...failure, message: callScrubber.text(failure.message), raw: callScrubber.value(failure.raw) } };
        },
      }),
    },
  };

  const emitResult = (result: ReversalResult, source: Source) => {
    if (!events.observed) return;
    events.emit({
      type: 'result',
      provider: spec.id,
      source,
      status: result.status,
      reference: result.reference,
      ...('error' in result ? { code: result.error.code } : {}),
    });
  };

  const provider: ReversalProvider<TMetadata> = {
    id: spec.id,
    capabilities: spec.capabilities,
    requestRules: spec.requestRules,
    async reverse(input, call: CallOptions = {}) {
      const request = validateReversalRequest(input, { capabilities: spec.capabilities, rules: spec.requestRules });
      call.signal?.throwIfAborted();
      const outcome = await runOperation('reversal', connection.reversal, request, call, context);
      const known = {
        provider: spec.id,
        reference: request.reference,
        originalTransactionId: request.transactionId,
        amount: request.amount === undefined ? undefined : { value: request.amount, currency },
        providerRequestId: outcome.call.providerRequestId,
      };
      const result = assembleResult(known, outcome.answer, scrubber.with(outcome.sentSecrets));
      emitResult(result, 'reverse');
      return result;
    },
    close: async () => {
      await Promise.all(transports.map((transport) => transport.close()));
      await connection.close?.();
    },
  };

  const status = connection.status;
  if (status) {
    provider.checkStatus = async (query: StatusQuery, call: CallOptions = {}) => {
      validateStatusQuery(query);
      call.signal?.throwIfAborted();
      const outcome = await runOperation('status', status, query, call, context);
      const known = {
        provider: spec.id,
        reference: query.reference,
        originalTransactionId: query.originalTransactionId,
        conversationId: query.conversationId,
        reversalTransactionId: query.reversalTransactionId,
        providerRequestId: query.providerRequestId,
      };
      const result = assembleResult(known, outcome.answer, scrubber.with(outcome.sentSecrets));
      emitResult(result, 'status');
      return result;
    };
  }

  const callback = connection.callback;
  if (callback) {
    provider.parseCallback = async (input) => {
      const answer = await callback.read(scrubCallbackInput(input, scrubber));
      const result = assembleResult({ provider: spec.id, reference: answer.reference, originalTransactionId: answer.originalTransactionId }, answer, scrubber);
      emitResult(result, 'callback');
      return result;
    };
    provider.acknowledgeCallback = (result) => callback.acknowledge(result);
  }
  return Object.freeze(provider);
}
