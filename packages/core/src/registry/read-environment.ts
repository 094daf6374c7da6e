import type { EnvironmentVariable } from './provider-definition.js';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads a definition's options from environment variables, following its table. Empty variables
 * count as absent. An `integer` variable that is not a number is passed on as text, so that the
 * options schema reports it by name.
 */
export function readEnvironment(
  table: Readonly<Record<string, EnvironmentVariable | undefined>>,
  env: Environment,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [option, variable] of Object.entries(table)) {
    if (!variable) continue;
    const text = env[variable.name];
    if (text === undefined || text === '') continue;
    options[option] = variable.type === 'integer' && /^\d+$/.test(text) ? Number(text) : text;
  }
  return options;
}
