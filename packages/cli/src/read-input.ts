import { CliError } from './cli-error.js';
import type { TextInput, TextOutput } from './cli-io.js';

const MAX_INPUT_BYTES = 1024 * 1024;

/** Reads piped input to its end (at most 1 MiB); no input reads as `""`. */
export async function readAllInput(input: TextInput | undefined): Promise<string> {
  if (!input) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new CliError('usage', 'The input on stdin is larger than 1 MiB; nothing was read.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Prompts on a terminal and reads one line without echoing it (raw mode), for a password.
 * Ctrl-C or Ctrl-D abandons the prompt with an "interrupted" error.
 */
export async function readHiddenLine(input: TextInput, prompt: TextOutput, question: string): Promise<string> {
  prompt.write(question);
  input.setRawMode?.(true);
  let line = '';
  try {
    for await (const chunk of input) {
      for (const character of typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) {
        if (character === '\r' || character === '\n') return line;
        if (character === '\u0003' || character === '\u0004') {
          throw new CliError('interrupted', 'Interrupted at the password prompt: nothing was computed.');
        }
        if (character === '\u007f' || character === '\b') line = line.slice(0, -1);
        else line += character;
      }
    }
    return line;
  } finally {
    input.setRawMode?.(false);
    prompt.write('\n');
  }
}
