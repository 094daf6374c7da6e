import type { ServerResponse } from 'node:http';
import { sendJson } from './http-server.js';
import type { ConversationIds } from './result-callbacks.js';
import type { SimulatorContext } from './simulator-context.js';

/** How the acknowledgement of an accepted request goes out: at once, late, or cut in half. */
export type AcknowledgementDelivery = 'normal' | 'slow-response' | 'dropped-connection';

/**
 * Answers an accepted reversal or status query the way Daraja acknowledges both: `ResponseCode
 * "0"` with the request's conversation ids. `slow-response` waits beyond a client's timeout;
 * `dropped-connection` sends the headers and half the body, then the socket dies, so the client
 * cannot know the request was taken.
 */
export async function sendAcknowledgement(
  context: SimulatorContext,
  response: ServerResponse,
  ids: ConversationIds,
  delivery: AcknowledgementDelivery,
): Promise<void> {
  const acknowledgement = {
    OriginatorConversationID: ids.originatorConversationId,
    ConversationID: ids.conversationId,
    ResponseCode: '0',
    ResponseDescription: 'Accept the service request successfully.',
  };
  if (delivery === 'slow-response') await context.sleep(context.slowResponseMs);
  if (delivery === 'dropped-connection') {
    const text = JSON.stringify(acknowledgement);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.write(text.slice(0, text.length >> 1), () => response.destroy());
    return;
  }
  if (!response.destroyed) sendJson(response, 200, acknowledgement);
}
