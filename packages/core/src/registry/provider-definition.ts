import type { RequestRules } from '../request-rules.js';
import type { ProviderCapabilities, ReversalProvider } from '../reversal-provider.js';
import type { ProviderMetadata } from '../reversal-result.js';

/** How one option is read from an environment variable. */
export interface EnvironmentVariable {
  /** The variable's name, e.g. `MPESA_KE_CONSUMER_KEY`. */
  readonly name: string;
  /** One line for the package README. */
  readonly description: string;
  /**
   * How the variable's text becomes the option; the default is `string`. `integer`: digits become a
   * number. `boolean`: `true`/`false`, `1`/`0`, `yes`/`no` in any case become `true`/`false`. Any
   * other text is passed on as it is, so that the options schema refuses it by name.
   */
  readonly type?: 'string' | 'integer' | 'boolean';
  /** True for credentials: documented as such and never echoed. */
  readonly secret?: boolean;
}

/** Which environment variable feeds each option, as data (also the source of the docs table). */
export type EnvironmentTable<TInput> = { readonly [K in keyof TInput]?: EnvironmentVariable };

/**
 * A provider as configuration sees it: its id, what it can do and accepts, how its options are
 * checked and read from the environment, and its factory. Each adapter exports one (`safaricomKe`,
 * `vodacomMz`), made with `defineAdapter` from `@reversal/core/kit`.
 */
export interface ProviderDefinition<
  TId extends string = string,
  TInput = Record<string, unknown>,
  TOptions = TInput,
  TMetadata extends ProviderMetadata = ProviderMetadata,
> {
  /** The id that selects this provider in configuration (`config.provider`, `REVERSAL_PROVIDER`). */
  readonly id: TId;
  /** A human name for messages and docs (`"Safaricom M-Pesa Kenya"`). */
  readonly displayName: string;
  /** What the provider can do. */
  readonly capabilities: ProviderCapabilities;
  /** What the provider accepts in a request (the mock validates with the same rules). */
  readonly requestRules: RequestRules;
  /**
   * Validates (and defaults) options; throws a `ReversalConfigError` naming each bad one, never
   * echoing a value.
   */
  readonly parseOptions: (input: unknown) => TOptions;
  /** The environment variables `fromEnv` reads, option by option. */
  readonly environment: EnvironmentTable<TInput>;
  /** Builds a provider from options that passed `parseOptions`. */
  readonly create: (options: TOptions) => ReversalProvider<TMetadata>;
}

/** Any provider definition, whatever its types. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of unrelated option types.
export type AnyProviderDefinition = ProviderDefinition<string, any, any, any>;

/** The options a definition accepts, as a caller writes them. */
// `create` takes TOptions as a parameter, so matching it against `unknown` would fail for every
// real definition (parameters are contravariant): infer it instead.
export type ProviderInput<D> =
  D extends ProviderDefinition<string, infer TInput, infer _TOptions, infer _TMetadata extends ProviderMetadata> ? TInput : never;

/** The metadata type of a definition's results. */
export type ProviderMetadataOf<D> =
  D extends ProviderDefinition<string, infer _TInput, infer _TOptions, infer TMetadata extends ProviderMetadata> ? TMetadata : never;
