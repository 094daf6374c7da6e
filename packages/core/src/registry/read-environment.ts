import type { EnvironmentVariable } from './provider-definition.js';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

/**
 * Reads a definition's options from environment variables, following its table. Empty variables
 * count as absent. An `integer` or `boolean` variable whose text is not one of its type is passed
 * on as text, so that the options schema reports it by name.
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
    options[option] = convert(text, variable.type);
  }
  return options;
}

function convert(text: string, type: EnvironmentVariable['type']): unknown {
  if (type === 'integer') return /^\d+$/.test(text) ? Number(text) : text;
  if (type === 'boolean') {
    const word = text.trim().toLowerCase();
    if (TRUE.has(word)) return true;
    if (FALSE.has(word)) return false;
  }
  return text;
}
