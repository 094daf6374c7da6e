import type { IncomingMessage } from 'node:http';
import { announcesTooLarge, type BodyRead, readPreparsedBody } from './body-read.js';

/**
 * Reads a Node request body, refusing more than `maxBytes`: at once from `Content-Length`, or by
 * stopping as soon as the stream goes beyond. A body a framework already parsed (`request.body`,
 * set by Express's `express.json()` and the like) is taken as it is.
 */
export function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if (request.readableEnded) {
    // A body parser got here first; Express 4's sets `{}` even for types it skips, hence only once the stream was read.
    const preparsed = (request as IncomingMessage & { body?: unknown }).body;
    return Promise.resolve(readPreparsedBody(preparsed ?? new Uint8Array(), maxBytes));
  }
  if (announcesTooLarge(request.headers['content-length'], maxBytes)) return Promise.resolve({ kind: 'too-large' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (read: BodyRead) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onIncomplete);
      request.off('close', onIncomplete);
      resolve(read);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.byteLength;
      if (total > maxBytes) {
        // Stop reading; the answer closes the connection (see writeNodeAnswer).
        request.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => finish({ kind: 'body', body: Buffer.concat(chunks, total) });
    const onIncomplete = () => finish({ kind: 'incomplete' });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onIncomplete);
    request.on('close', onIncomplete);
  });
}
