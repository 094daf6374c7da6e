import type { HeaderInput } from '../reversal-provider.js';

/** What {@link readJsonBody} gives. */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Reads a callback body as JSON, whatever form the framework handed it in (text, bytes, or an
 * object it already parsed) and whatever content type the sender claimed.
 */
export function readJsonBody(body: unknown, maxBytes = 64 * 1024): JsonBody {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body;
    if (bytes.byteLength > maxBytes) return { ok: false, message: `the body is larger than ${maxBytes} bytes` };
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } else if (typeof body === 'object' && body !== null) {
    return { ok: true, value: body };
  } else {
    return { ok: false, message: 'the body is empty or not JSON' };
  }
  if (text.length > maxBytes) return { ok: false, message: `the body is larger than ${maxBytes} bytes` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
}

/** One header's value from a web `Headers` or a Node-style record (case-insensitive). */
export function getHeader(headers: HeaderInput | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}
