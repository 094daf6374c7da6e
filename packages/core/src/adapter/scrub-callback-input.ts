import type { CallbackInput } from '../reversal-provider.js';
import type { SecretScrubber } from './secret-scrubber.js';

/**
 * A callback with the instance's secrets scrubbed from its body before the adapter reads (and
 * cuts) any of it: text and parsed JSON are scrubbed; bytes are passed on as they are unless their
 * UTF-8 text holds a secret, in which case the scrubbed text is passed instead. The URL and the
 * headers are left alone: they carry what authenticates the callback.
 */
export function scrubCallbackInput(input: CallbackInput, scrubber: SecretScrubber): CallbackInput {
  if (typeof input !== 'object' || input === null) return input;
  const { body } = input;
  let scrubbed: unknown;
  if (typeof body === 'string') scrubbed = scrubber.text(body);
  else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
    const clean = scrubber.text(text);
    scrubbed = clean === text ? body : clean;
  } else scrubbed = scrubber.value(body);
  return scrubbed === body ? input : { ...input, body: scrubbed };
}
