import { announcesTooLarge, type BodyRead } from './body-read.js';

/**
 * Reads a web `Request` body into bytes, refusing more than `maxBytes`: at once from
 * `Content-Length`, or by cancelling the stream as soon as it goes beyond.
 */
export async function readWebBody(request: Request, maxBytes: number): Promise<BodyRead> {
  if (announcesTooLarge(request.headers.get('content-length') ?? undefined, maxBytes)) return { kind: 'too-large' };
  if (request.body === null) return { kind: 'body', body: new Uint8Array() };
  if (request.bodyUsed) return { kind: 'incomplete' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'incomplete' };
  }
  return { kind: 'body', body: Buffer.concat(chunks, total) };
}
