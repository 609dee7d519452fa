import type { Reply } from '../../core/reply.js';
import type { OpenApi } from './openapi.js';
import { slidingWindowPacer, type Pacer } from './pacer.js';
import { targetOf, type DingTalkTarget } from './dingtalk-text.js';
import { toMarkdownMessages, type DingTalkMarkdown } from './to-markdown.js';

/** Posts a reply to a plan-bot DingTalk channel or user; a rejected promise means "not posted". */
export type PostToDingTalk = (target: string, reply: Reply) => Promise<void>;

/** The OpenAPI paths of a robot's proactive messages. */
export const ROBOT_PATHS = { group: '/v1.0/robot/groupMessages/send', oneToOne: '/v1.0/robot/oToMessages/batchSend' } as const;

/** What proactive posting needs: the OpenAPI, the robot, and the robot's pace (shared by every post). */
export interface DingTalkPosterOptions {
  api: OpenApi;
  robotCode: string;
  pacer?: Pacer;
}

/** The posters of digests (`post`: a group `dingtalk:<openConversationId>` or `dingtalk:user:<staffId>`) and reminders (`dm`: a user `dingtalk:<staffId>`). */
export interface DingTalkPosters {
  post: PostToDingTalk;
  dm: PostToDingTalk;
  /** Sends markdown messages to a target (the session webhook's fallback once it has expired). */
  send(target: DingTalkTarget, messages: readonly DingTalkMarkdown[]): Promise<void>;
}

/**
 * Proactive messages through the OpenAPI, as the robot: a group by `groupMessages/send`, one person by
 * `oToMessages/batchSend`, each as `sampleMarkdown` (split like every reply, `toMarkdownMessages`).
 * Every message waits its turn on one pacer per robot (20 a minute); a throttled call is retried by
 * the OpenAPI client; a staff id DingTalk reports invalid or flow-controlled rejects, so the caller does
 * not record the message as sent and the next tick tries again.
 */
export function dingtalkPosters(o: DingTalkPosterOptions): DingTalkPosters {
  const pacer = o.pacer ?? slidingWindowPacer();
  const send = async (target: DingTalkTarget, messages: readonly DingTalkMarkdown[]) => {
    for (const m of messages) {
      await pacer.turn();
      const msgParam = JSON.stringify({ title: m.title, text: m.text });
      if (target.kind === 'group') {
        await o.api.post(ROBOT_PATHS.group, { robotCode: o.robotCode, openConversationId: target.openConversationId, msgKey: 'sampleMarkdown', msgParam });
        continue;
      }
      const r = (await o.api.post(ROBOT_PATHS.oneToOne, { robotCode: o.robotCode, userIds: [target.staffId], msgKey: 'sampleMarkdown', msgParam })) as { invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] };
      if (r.invalidStaffIdList?.includes(target.staffId)) throw new Error(`DingTalk does not know staff id ${target.staffId} (or the robot may not message them)`);
      if (r.flowControlledStaffIdList?.includes(target.staffId)) throw new Error(`DingTalk held back the message to ${target.staffId} (flow control); it will be sent again at the next tick`);
    }
  };
  const poster =
    (asUser: boolean): PostToDingTalk =>
    async (id, reply) => {
      const target = targetOf(id, asUser);
      if (!target) throw new Error(`not a DingTalk ${asUser ? 'user' : 'channel'}: ${JSON.stringify(id)} (expected ${asUser ? 'dingtalk:<staffId>' : 'dingtalk:<openConversationId> or dingtalk:user:<staffId>'})`);
      await send(target, toMarkdownMessages(reply, { group: false }));
    };
  return { post: poster(false), dm: poster(true), send };
}
