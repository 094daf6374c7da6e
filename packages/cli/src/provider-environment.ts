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
import { safaricomKe } from '@reversal/safaricom-ke';
import { vodacomMz } from '@reversal/vodacom-mz';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';

/** The providers the tool knows, selected by `REVERSAL_PROVIDER` like `registry.fromEnv()`. */
export const PROVIDER_DEFINITIONS: readonly AnyProviderDefinition[] = Object.freeze([safaricomKe, vodacomMz]);

const registry = createProviderRegistry(PROVIDER_DEFINITIONS);

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

/** Builds the provider `REVERSAL_PROVIDER` names, exactly as `registry.fromEnv(env)` would. */
export function providerFromEnvironment(env: Environment): ReversalProvider {
  return registry.fromEnv(env);
}

/** The definition `REVERSAL_PROVIDER` names, if it names a known one. */
export function selectedDefinition(env: Environment): AnyProviderDefinition | undefined {
  return PROVIDER_DEFINITIONS.find((definition) => definition.id === env[PROVIDER_ENVIRONMENT_VARIABLE]);
}

/** The environment variables of every provider, for `--help`: one line each, secrets marked. */
export function describeEnvironment(): string {
  const lines = [`  ${PROVIDER_ENVIRONMENT_VARIABLE.padEnd(38)} ${PROVIDER_DEFINITIONS.map((d) => d.id).join(' | ')}`];
  for (const definition of PROVIDER_DEFINITIONS) {
    lines.push('', `  ${definition.displayName} (REVERSAL_PROVIDER=${definition.id}):`);
    const table = definition.environment as Readonly<Record<string, { name: string; description: string; secret?: boolean }>>;
    for (const variable of Object.values(table)) {
      lines.push(`    ${variable.name.padEnd(36)} ${variable.secret ? '(secret) ' : ''}${variable.description.replaceAll('`', '')}`);
    }
  }
  return lines.join('\n');
}
