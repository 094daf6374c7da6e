import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ReversalProvider } from '../reversal-provider.js';
import { createProvider } from './create-provider.js';
import type { AnyProviderDefinition, ProviderInput, ProviderMetadataOf } from './provider-definition.js';
import { unknownVariableIssues } from './unknown-variables.js';
import { type Environment, readEnvironment } from './read-environment.js';

/** The environment variable that names the provider for {@link ProviderRegistry.fromEnv}. */
export const PROVIDER_ENVIRONMENT_VARIABLE = 'REVERSAL_PROVIDER';

/** A configuration for one of the registered providers: its id in `provider`, then its options. */
export type ProviderConfig<D extends AnyProviderDefinition> = D extends AnyProviderDefinition
  ? { readonly provider: D['id'] } & ProviderInput<D>
  : never;

/** Builds providers from configuration; see {@link createProviderRegistry}. */
export interface ProviderRegistry<D extends AnyProviderDefinition> {
  /** The ids of the registered providers. */
  readonly ids: readonly D['id'][];
  /**
   * Builds the provider that `config.provider` names, with the rest of `config` as its options.
   * Throws a `ReversalConfigError` for an unknown provider (naming the known ones) or bad options
   * (naming each field). The result's metadata is typed by the provider named.
   */
  create<const C extends ProviderConfig<D>>(config: C): ReversalProvider<ProviderMetadataOf<Extract<D, { readonly id: C['provider'] }>>>;
  /**
   * Builds the provider named by `REVERSAL_PROVIDER`, its options read from the variables its
   * definition lists (see each adapter's README). A configuration error lists every missing or
   * invalid variable, and suggests the right name for a misspelt one (`MPESA_KE_SHORTCODE`).
   */
  fromEnv(env?: Environment): ReversalProvider<ProviderMetadataOf<D>>;
}

/**
 * Collects provider definitions so that the provider becomes configuration: application code
 * written against `ReversalProvider` runs on any of them.
 *
 * @example
 * import { createProviderRegistry } from '@reversal/core';
 * import { safaricomKe } from '@reversal/safaricom-ke';
 * import { vodacomMz } from '@reversal/vodacom-mz';
 *
 * const registry = createProviderRegistry([safaricomKe, vodacomMz]);
 * const provider = registry.fromEnv(process.env); // REVERSAL_PROVIDER=vodacom-mz …
 */
export function createProviderRegistry<const D extends AnyProviderDefinition>(
  definitions: readonly D[],
): ProviderRegistry<D> {
  const byId = new Map<string, D>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) {
      throw new ReversalConfigError('provider registry', [
        { field: 'definitions', message: `register "${definition.id}" once only` },
      ]);
    }
    byId.set(definition.id, definition);
  }
  const ids = Object.freeze([...byId.keys()]) as readonly D['id'][];

  const find = (id: unknown, field: string): D => {
    const definition = typeof id === 'string' ? byId.get(id) : undefined;
    if (definition) return definition;
    const known = ids.map((known) => `"${known}"`).join(', ');
    throw new ReversalConfigError('provider', [
      {
        field,
        message:
          id === undefined || id === ''
            ? `is required: name one of the registered providers (${known})`
            : `names no registered provider; the known ones are ${known}`,
      },
    ]);
  };

  return {
    ids,
    create(config) {
      if (typeof config !== 'object' || config === null) {
        throw new ReversalConfigError('provider', [{ field: 'config', message: 'must be an object with a provider' }]);
      }
      const { provider: id, ...options } = config as { provider?: unknown };
      // The definition's own types are checked by ProviderConfig; here it is one of D.
      return createProvider(find(id, 'provider'), options) as never;
    },
    fromEnv(env = process.env) {
      const definition = find(env[PROVIDER_ENVIRONMENT_VARIABLE], PROVIDER_ENVIRONMENT_VARIABLE);
      try {
        return createProvider(definition, readEnvironment(definition.environment, env));
      } catch (error) {
        if (!ReversalConfigError.isInstance(error)) throw error;
        // Name the variable to set, not only the option it feeds.
        const table = definition.environment as Readonly<Record<string, { name: string } | undefined>>;
        const issues = error.issues.map((issue) => {
          const variable = table[issue.field.split('.')[0] ?? ''];
          return variable ? { field: `${variable.name} (${issue.field})`, message: issue.message } : issue;
        });
        issues.push(...unknownVariableIssues(definition.environment, env));
        throw new ReversalConfigError(`${definition.id} provider (from the environment)`, issues, { cause: error });
      }
    },
  };
}
