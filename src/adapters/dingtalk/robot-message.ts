import { z } from 'zod';

/** Ids of people a message @-mentions; the robot itself is among them in a group. */
const AtUser = z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() });

/**
 * A robot message as DingTalk's Stream mode delivers it (topic `/v1.0/im/bot/messages/get`, the
 * frame's `data`): only the fields plan-bot reads, checked. `conversationType` is "1" for a
 * one-to-one chat and "2" for a group.
 */
export const RobotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  conversationType: z.string(),
  conversationId: z.string().min(1),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  sessionWebhook: z.string().url(),
  sessionWebhookExpiredTime: z.number().optional(),
  robotCode: z.string().optional(),
  chatbotUserId: z.string().optional(),
  atUsers: z.array(AtUser).optional(),
  text: z.object({ content: z.string() }).optional(),
  content: z
    .object({
      recognition: z.string().optional(),
      richText: z.array(z.object({ text: z.string().optional() }).passthrough()).optional(),
    })
    .passthrough()
    .optional(),
});

/** A checked robot message. */
export type RobotMessage = z.infer<typeof RobotMessageSchema>;

/** The frame's data as a robot message, or null when it is not one. */
export function readRobotMessage(data: string): RobotMessage | null {
  try {
    const r = RobotMessageSchema.safeParse(JSON.parse(data));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * The words of a message: a text's content, the text runs of a rich text, the recognised words of a
 * voice message; null for what has no words (a picture, a file).
 */
export function wordsOf(m: RobotMessage): string | null {
  if (m.msgtype === 'text') return m.text?.content ?? null;
  if (m.msgtype === 'richText') {
    const runs = (m.content?.richText ?? []).map((r) => r.text ?? '').join('');
    return runs.trim() ? runs : null;
  }
  if (m.msgtype === 'audio') return m.content?.recognition?.trim() ? m.content.recognition : null;
  return null;
}

/** The staff ids a message @-mentions besides the robot, in order. */
export function mentionedStaff(m: RobotMessage): string[] {
  return (m.atUsers ?? []).filter((u) => u.staffId && u.dingtalkId !== m.chatbotUserId).map((u) => u.staffId!);
}
