import type { ValidationIssue } from '../errors/reversal-error.js';
import type { CallbackInput, ReversalProvider } from '../reversal-provider.js';
import type { ReversalResult } from '../reversal-result.js';

/** A provider that receives its results by callback. */
export type CallbackReceiver = ReversalProvider & {
  parseCallback(input: CallbackInput): Promise<ReversalResult>;
};

/** Finds which provider a callback URL is for; see {@link createCallbackRoutes}. */
export interface CallbackRoutes {
  /** Every provider given to the handler, callback or not. */
  readonly providers: readonly ReversalProvider[];
  /** The provider that should read a callback delivered to `url`, or `undefined`. */
  find(url: URL): CallbackReceiver | undefined;
}

/**
 * Routes callbacks to providers. With one provider that receives callbacks, every callback goes to
 * it. With several, the URL names the provider: a `provider` query parameter
 * (`/callbacks?provider=safaricom-ke`) or a path segment equal to its id
 * (`/callbacks/safaricom-ke`); so give each provider a result URL that names it. Providers
 * answering synchronously (no `parseCallback`) are accepted and never receive callbacks.
 *
 * Gives the issues instead when the providers are missing, malformed or repeated.
 */
export function createCallbackRoutes(
  providers: readonly unknown[],
  field: string,
): { readonly routes: CallbackRoutes } | { readonly issues: readonly ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const byId = new Map<string, ReversalProvider>();
  providers.forEach((provider, index) => {
    const candidate = provider as Partial<ReversalProvider> | null;
    const at = providers.length === 1 && field === 'provider' ? field : `${field}[${index}]`;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.id !== 'string' || typeof candidate.reverse !== 'function') {
      issues.push({ field: at, message: 'must be a ReversalProvider (e.g. from createSafaricomKeProvider)' });
    } else if (byId.has(candidate.id)) {
      issues.push({ field: at, message: `repeats the provider "${candidate.id}"; give each provider once` });
    } else {
      byId.set(candidate.id, candidate as ReversalProvider);
    }
  });
  if (providers.length === 0) issues.push({ field, message: 'must be a list of at least one provider' });
  if (issues.length > 0) return { issues };

  const receivers = [...byId.values()].filter(
    (provider): provider is CallbackReceiver => typeof provider.parseCallback === 'function',
  );
  const receiversById = new Map(receivers.map((receiver) => [receiver.id, receiver]));
  const routes: CallbackRoutes = {
    providers: [...byId.values()],
    find(url) {
      if (receivers.length <= 1) return receivers[0];
      const named = url.searchParams.get('provider');
      if (named !== null) return receiversById.get(named);
      for (const segment of url.pathname.split('/')) {
        const receiver = receiversById.get(safeDecode(segment));
        if (receiver) return receiver;
      }
      return undefined;
    },
  };
  return { routes };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
