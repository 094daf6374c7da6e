import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import {
  type AnyProviderDefinition,
  createProviderRegistry,
  type Environment,
  PROVIDER_ENVIRONMENT_VARIABLE,
  type ReversalProvider,
} from '@reversal/core';
import { loadAdapters } from './adapters/load-adapters.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';

/** The providers one run of the tool knows, selected by `REVERSAL_PROVIDER` like `registry.fromEnv()`. */
export interface Providers {
  /** Their definitions: installed in the current project first, then bundled with the tool. */
  readonly definitions: readonly AnyProviderDefinition[];
  /** Builds the provider `REVERSAL_PROVIDER` names, exactly as `registry.fromEnv(env)` would. */
  fromEnv(env: Environment): ReversalProvider;
  /** The definition `REVERSAL_PROVIDER` names, if it names a known one. */
  selected(env: Environment): AnyProviderDefinition | undefined;
}

/**
 * Finds the providers of this run (see `loadAdapters`): the adapters installed in the project of
 * `io.cwd` and those bundled with the tool. A package that claims to be an adapter but does not
 * load is reported on stderr and left out.
 */
export async function loadProviders(io: CliIo): Promise<Providers> {
  const { adapters, problems } = await loadAdapters(io.cwd ?? process.cwd());
  for (const problem of problems) io.stderr.write(`Warning: ${problem}\n`);
  const definitions = Object.freeze(adapters.map((adapter) => adapter.definition));
  const registry = createProviderRegistry(definitions);
  return {
    definitions,
    fromEnv: (env) => registry.fromEnv(env),
    selected: (env) => definitions.find((definition) => definition.id === env[PROVIDER_ENVIRONMENT_VARIABLE]),
  };
}

/**
 * The environment a command configures providers from: the process environment, with the
 * variables of `--dotenv` (dotenv format) taking precedence, since the file was named on the
 * command line.
 */
export async function readCommandEnvironment(io: CliIo, envFile: string | undefined): Promise<Environment> {
  const env = io.env ?? process.env;
  if (envFile === undefined) return env;
  const path = resolve(io.cwd ?? process.cwd(), envFile);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CliError('configuration', `Cannot read the env file ${path} (${reason}).`, {
      hint: 'Check the path given to --dotenv; `reversal sandbox --write-env <dir>` writes such files for the sandbox.',
    });
  }
  return { ...env, ...parseEnv(text) };
}


/** The environment variables of every provider, for `--help`: one line each, secrets marked. */
export function describeEnvironment(definitions: readonly AnyProviderDefinition[]): string {
  const lines = [`  ${PROVIDER_ENVIRONMENT_VARIABLE.padEnd(38)} ${definitions.map((d) => d.id).join(' | ')}`];
  for (const definition of definitions) {
    lines.push('', `  ${definition.displayName} (REVERSAL_PROVIDER=${definition.id}):`);
    const table = definition.environment as Readonly<Record<string, { name: string; description: string; secret?: boolean }>>;
    for (const variable of Object.values(table)) {
      lines.push(`    ${variable.name.padEnd(36)} ${variable.secret ? '(secret) ' : ''}${variable.description.replaceAll('`', '')}`);
    }
  }
  return lines.join('\n');
}
