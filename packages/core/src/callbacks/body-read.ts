/** What reading a callback body gave: the body, or why there is none. */
export type BodyRead =
  | { readonly kind: 'body'; readonly body: unknown }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'incomplete' };

/** Reads a callback body of at most `maxBytes`, stopping as soon as it is larger. */
export type BodyReader = (maxBytes: number) => Promise<BodyRead>;

/** True when a `Content-Length` header announces more than `maxBytes`. */
export function announcesTooLarge(contentLength: string | undefined, maxBytes: number): boolean {
  if (contentLength === undefined) return false;
  const length = Number(contentLength.trim());
  return Number.isFinite(length) && length > maxBytes;
}

/** Checks the size of a body the framework already read (text or bytes; a parsed value passes). */
export function readPreparsedBody(body: unknown, maxBytes: number): BodyRead {
  const size =
    typeof body === 'string'
      ? Buffer.byteLength(body)
      : body instanceof Uint8Array || body instanceof ArrayBuffer
        ? body.byteLength
        : 0;
  return size > maxBytes ? { kind: 'too-large' } : { kind: 'body', body };
}
