import type { ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.js';
import type { SlackDeps } from './answer-before-ack.js';
import { logListenerError } from './bolt-logger.js';
import { carryOutCommand, type PlanCommand } from './listeners/commands.js';

/** The slash command the app answers. */
export const PLAN_COMMAND = '/plan';

/**
 * `/plan` over HTTP, straight from the door to the command's listener code, without Bolt's event
 * dispatch. The door has done everything Bolt's receiver would (the signature, as Bolt's
 * `isValidSlackRequest` decides, the body parsed as Bolt parses it) and more (size, time window both ways,
 * shape, workspace, app, replays). What Bolt would add for a slash command is its middleware chain,
 * run for every listener the app registers (seven, each copying the arguments), which cost more than
 * answering most questions: the bench's figure against a bare Bolt app. The acknowledgement is the
 * body Bolt would write ({@link sendAckJson}), and a failure is logged and answered 500, as Bolt does.
 * Socket Mode, and every other payload, still go through Bolt.
 */
export function directCommand(d: SlackDeps, command: PlanCommand, requestKey: string, res: ServerResponse, logger: Logger): void {
  carryOutCommand(d, command, requestKey).then(
    (outcome) => {
      sendAckJson(res, outcome.ack);
      outcome.afterAck();
    },
    (error: unknown) => {
      logListenerError(logger, error);
      if (!res.headersSent) res.writeHead(500).end();
    },
  );
}

/**
 * An acknowledgement as Bolt's `buildContentResponse` writes it (200, the body as JSON), from a body
 * already in JSON: its length in bytes declared, so it goes out whole rather than in chunks, and the
 * text written as it is (Node writes headers and a string body in one write; no buffer is made for it).
 */
export function sendAckJson(res: ServerResponse, json: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
}
