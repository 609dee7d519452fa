import type { Reply } from '../../core/reply.js';
import { ackPayload } from './answer-before-ack.js';
import { blockJson, cardJson, fallbackText, itemCardId, LIMITS, toMessages, type SlackMessage } from './to-blocks.js';

/** The acknowledgement of a slash command as sent: its JSON text, and the messages that follow it. */
export interface AckJson {
  /** The body of the 200: the answer's first message, as {@link ackPayload} makes it, in JSON. */
  json: string;
  /** The messages the acknowledgement does not carry (a reply of more than 50 Slack blocks), for the response_url. */
  rest: SlackMessage[];
}

/**
 * A slash command's acknowledgement carrying its answer's first message: byte for byte
 * `JSON.stringify(ackPayload(reply, toMessages(reply)[0]))` (a test holds it to that over the answer
 * corpus), assembled from each block's JSON ({@link blockJson}: a block shared between answers is
 * converted and serialised once), so the message is neither built as objects nor walked again to be
 * serialised. A reply of more than one message (over 50 Slack blocks) takes the long way.
 */
export function ackJson(reply: Reply): AckJson {
  const pieces: string[] = [];
  let count = 0;
  for (const b of reply.blocks) {
    const piece = blockJson(b, reply.lang);
    if (piece.count === 0) continue;
    pieces.push(piece.json);
    count += piece.count;
  }
  const card = itemCardId(reply);
  if (card) {
    pieces.push(cardJson(card, reply.lang).json);
    count++;
  }
  if (count > LIMITS.blocks) {
    const [first, ...rest] = toMessages(reply);
    return { json: JSON.stringify(ackPayload(reply, first!)), rest };
  }
  const kind = reply.ephemeral ? 'ephemeral' : 'in_channel';
  return { json: `{"response_type":"${kind}","text":${JSON.stringify(fallbackText(reply))},"blocks":[${pieces.join(',')}]}`, rest: [] };
}
