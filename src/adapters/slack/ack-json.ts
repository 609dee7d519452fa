import type { Reply } from '../../core/reply.js';
import { ackPayload } from './answer-before-ack.js';
import { cardJson, runPieces, sharedPieces, type Pieces } from './block-pieces.js';
import { fallbackText, itemCardId, LIMITS, toMessages, type SlackMessage } from './to-blocks.js';

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
 * corpus), assembled from pieces: a block shared between answers brings its own, converted and
 * serialised once ({@link sharedPieces}); each run of other blocks is converted and serialised in one
 * go ({@link runPieces}). A reply of more than one message (over 50 Slack blocks) takes the long way.
 */
export function ackJson(reply: Reply): AckJson {
  const pieces: Pieces[] = [];
  let run = 0;
  const blocks = reply.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const shared = sharedPieces(blocks[i]!, reply.lang);
    if (!shared) continue;
    if (run < i) pieces.push(runPieces(blocks.slice(run, i), reply.lang));
    pieces.push(shared);
    run = i + 1;
  }
  if (run < blocks.length) pieces.push(runPieces(run === 0 ? blocks : blocks.slice(run), reply.lang));
  const json: string[] = [];
  let count = 0;
  for (const p of pieces) {
    if (p.json.count === 0) continue;
    json.push(p.json.json);
    count += p.json.count;
  }
  const card = itemCardId(reply);
  if (card) {
    json.push(cardJson(card, reply.lang).json);
    count++;
  }
  if (count > LIMITS.blocks) {
    const [first, ...rest] = toMessages(reply);
    return { json: JSON.stringify(ackPayload(reply, first!)), rest };
  }
  const kind = reply.ephemeral ? 'ephemeral' : 'in_channel';
  return { json: `{"response_type":"${kind}","text":${fallbackJson(reply, pieces)},"blocks":[${json.join(',')}]}`, rest: [] };
}

/**
 * `JSON.stringify(fallbackText(reply))` from the pieces' texts: joined by line breaks, clipped to 3000
 * characters with an ellipsis, or a space when empty. A reply that names users takes the long way
 * (mentions are rendered over the whole text).
 */
function fallbackJson(reply: Reply, pieces: readonly Pieces[]): string {
  const texts: { md: string; json: string }[] = [];
  // The length of the text: the pieces and a line break between each two.
  let length = -1;
  for (const { fallback } of pieces) {
    if (fallback.kind === 'none') continue;
    if (fallback.kind === 'mentions') return JSON.stringify(fallbackText(reply));
    texts.push(fallback);
    length += fallback.md.length + 1;
  }
  if (length <= 0) return '" "';
  if (length <= LIMITS.fallback) return `"${texts.map((p) => p.json).join('\\n')}"`;
  // Clipped as `clip` does: the first 2999 characters, then "…".
  let room = LIMITS.fallback - 1;
  const out: string[] = [];
  for (const [i, p] of texts.entries()) {
    if (i > 0) {
      if (room === 0) break;
      out.push('\\n');
      room--;
    }
    if (p.md.length > room) {
      out.push(JSON.stringify(p.md.slice(0, room)).slice(1, -1));
      break;
    }
    out.push(p.json);
    room -= p.md.length;
  }
  return `"${out.join('')}…"`;
}
