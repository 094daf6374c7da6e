import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

/** The option table of one command, in `node:util` `parseArgs` form. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** Parsed values: strings, booleans, and arrays for `multiple` options. */
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * Parses a command's arguments strictly with `node:util` `parseArgs`: an unknown option, a
 * missing value or a stray argument becomes a usage error naming it and pointing at the
 * command's `--help`, instead of `parseArgs`' own message.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: OptionTable): ParsedValues {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as ParsedValues;
  } catch (error) {
    throw usageError(command, describeParseError(error, options));
  }
}

function describeParseError(error: unknown, options: OptionTable): string {
  const code = (error as { code?: string }).code;
  const text = error instanceof Error ? error.message : String(error);
  const named = /'(-{1,2}[^' ]+)/.exec(text)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(options).map((name) => `--${name}`);
    const close = named ? known.find((option) => closeEnough(option, named)) : undefined;
    return `Unknown option ${named ?? ''}${close ? ` (did you mean ${close}?)` : ''}.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (text.includes('does not take an argument')) return `Option ${named ?? ''} takes no value.`;
    // parseArgs also lands here for `--reason --json`: a value that looks like an option.
    return `Option ${named ?? ''} needs a value (write --name=value when the value starts with "-").`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const stray = /'([^']*)'/.exec(text)?.[1];
    return `Unexpected argument ${stray ? `"${stray}"` : ''}: every value goes after its option (--name value).`;
  }
  return text;
}

// One edit apart, or one is a prefix of the other: catches --transaction, --ammount, --jsn.
function closeEnough(known: string, given: string): boolean {
  if (known.startsWith(given) || given.startsWith(known)) return true;
  if (Math.abs(known.length - given.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < known.length && j < given.length) {
    if (known[i] === given[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (known.length > given.length) i++;
    else if (given.length > known.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (known.length - i) + (given.length - j) <= 1;
}
