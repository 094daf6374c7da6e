import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { StatusQuery } from '@reversal/core';
import { usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { readAllInput } from '../read-input.js';
import { statusQueryOf } from '../status-query-of.js';

const STATUSES: readonly unknown[] = ['pending', 'succeeded', 'failed', 'unknown'];

/**
 * Reads the identifiers of a reversal from a result printed by `reversal reverse --json`
 * (`source` is a file path, or `-` for stdin). Only the identifying string fields are taken, and
 * not those that name a refused duplicate rather than the reversal (see `statusQueryOf`), and its
 * status (a provider whose status answers arrive by callback keeps it meanwhile).
 */
export async function readPreviousResult(source: string, io: CliIo): Promise<Partial<StatusQuery>> {
  let text: string;
  try {
    text = source === '-' ? await readAllInput(io.stdin) : await readFile(resolve(io.cwd ?? process.cwd(), source), 'utf8');
  } catch (error) {
    throw usageError('status', `Cannot read --result ${source} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError('status', `--result ${source} is not JSON: give the output of \`reversal reverse --json\`.`);
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw usageError('status', `--result ${source} is not a reversal result: give the output of \`reversal reverse --json\`.`);
  }
  const { status: _ignored, ...fields } = statusQueryOf(parsed);
  const status = (parsed as Record<string, unknown>).status;
  return STATUSES.includes(status) ? { ...fields, status: status as StatusQuery['status'] } : fields;
}
