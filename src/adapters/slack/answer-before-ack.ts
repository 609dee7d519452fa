import type { webApi } from '@slack/bolt';
import type { Incoming } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import { within } from '../../core/within.js';
import { bareId, platformOf } from '../../core/user-ids.js';
import { askCore, publishHome, responsePayload, type SlackCore } from './answer.js';
import type { Background } from './background.js';
import type { AnswerTo, CommandInbox, InboxEntry } from './command-inbox.js';
import { toMessages, type SlackMessage } from './to-blocks.js';
import { UPLOAD_FAILED, uploadFiles } from './upload-files.js';

/** A reply from the core, and whether it recorded something. */
export type Answer = { reply: Reply; changed: boolean };

/** What the listeners share: the core, the inbox of slow commands and the work after an ack. */
export interface SlackDeps {
  core: SlackCore;
  client: webApi.WebClient;
  inbox: CommandInbox;
  background: Background;
  /** How long the core may take before a command is acknowledged without its answer (Slack allows 3 s). */
  ackWithinMs: number;
  /** Posts JSON to a response_url. */
  postJson(url: string, body: unknown): Promise<void>;
}

/** Slack's limit is 3 s; the core answers in well under a millisecond, a slow disk may take longer. */
export const DEFAULT_ACK_WITHIN_MS = 2000;

/**
 * Carries out a message before it is acknowledged, so whatever it records is on disk before Slack
 * hears "200". Returns the answer when the core gives it within `ackWithinMs`, for the acknowledgement
 * to carry. Otherwise the command is first put in the durable inbox, null is returned (the caller
 * acknowledges with "working on it"), and the answer goes to `answerTo` when ready; a restart in
 * between carries it out again from the inbox, recording nothing twice (its request key).
 */
export async function answerBeforeAck(d: SlackDeps, msg: Incoming & { requestKey: string }, answerTo: AnswerTo): Promise<Answer | null> {
  const pending = askCore(d.core, msg);
  const quick = await within(pending, d.ackWithinMs);
  if (quick) return quick;
  await d.inbox.accept({ key: msg.requestKey, msg, answerTo, at: new Date().toISOString() });
  d.background.run('a slow command', async () => {
    const answer = await pending;
    await deliver(d, answer, answerTo);
    await d.inbox.done(msg.requestKey);
    await refreshHome(d, answer, msg);
  });
  return null;
}

/**
 * Sends an answer's messages (all of them unless told which: those an acknowledgement did not carry)
 * to its response_url, or by direct message, then uploads the files it carries (never part of a
 * message, so never in an acknowledgement) to the conversation, or the user's direct messages. A
 * refused upload is said on the response_url, then rethrown.
 */
export async function deliver(d: SlackDeps, answer: Answer, to: AnswerTo, messages: readonly SlackMessage[] = toMessages(answer.reply)): Promise<void> {
  for (const m of messages) {
    if (to.responseUrl) await d.postJson(to.responseUrl, responsePayload(answer.reply, m));
    else if (to.user) await d.client.chat.postMessage({ channel: to.user, text: m.text, blocks: m.blocks });
  }
  const files = answer.reply.files ?? [];
  if (files.length === 0) return;
  try {
    const conversation = to.channel ?? (to.user ? await directChannel(d.client, to.user) : null);
    if (!conversation) throw new Error('no conversation to upload the files of an answer to');
    await uploadFiles(d.client, conversation, files);
  } catch (err) {
    if (to.responseUrl) await d.postJson(to.responseUrl, { response_type: 'ephemeral', replace_original: false, text: UPLOAD_FAILED }).catch(() => {});
    throw err;
  }
}

/**
 * App Home of the Slack user who sent `msg`, refreshed when the answer recorded something: a slow
 * command's change shows there as a quick one's does ({@link answerAfterAck}).
 */
async function refreshHome(d: SlackDeps, answer: Answer, msg: Incoming): Promise<void> {
  if (answer.changed && platformOf(msg.user.id) === 'slack') await publishHome(d.client, d.core, bareId(msg.user.id));
}

/** The direct-message conversation with a Slack user (`conversations.open`). */
async function directChannel(client: webApi.WebClient, user: string): Promise<string | null> {
  const opened = await client.conversations.open({ users: user });
  return opened.channel?.id ?? null;
}

/**
 * After an acknowledgement: the answer's messages (all unless told which: those the ack did not
 * carry, as already rendered), when the core gave one in time, go to `answerTo`, and App Home is
 * refreshed when something was recorded (a slow answer is the inbox's).
 */
export function answerAfterAck(d: SlackDeps, what: string, answer: Answer | null, answerTo: AnswerTo, user: string, messages?: readonly SlackMessage[]): void {
  if (!answer) return;
  d.background.run(what, async () => {
    await deliver(d, answer, answerTo, messages);
    if (answer.changed) await publishHome(d.client, d.core, user);
  });
}

/** The acknowledgement of a slash command that carries its answer's first message. */
export function ackPayload(reply: Reply, m: SlackMessage) {
  return { response_type: reply.ephemeral ? ('ephemeral' as const) : ('in_channel' as const), text: m.text, blocks: m.blocks };
}

/** The acknowledgement of a command whose answer is not ready yet. */
export const WORKING = { response_type: 'ephemeral' as const, text: 'Working on it; the answer follows in a moment. · 正在处理，稍后回复。' };

/**
 * Carries out the commands a crash left accepted but unanswered, once each (the request key makes a
 * command that was recorded before the crash record nothing again), and answers them.
 */
export async function resumeInbox(d: SlackDeps): Promise<number> {
  return carryOut(d, d.inbox.pending());
}

/** Takes over what dead replicas left in a shared inbox (`CommandInbox.sweep`) and carries it out; how many. */
export async function sweepInbox(d: SlackDeps): Promise<number> {
  return carryOut(d, (await d.inbox.sweep?.()) ?? []);
}

function carryOut(d: SlackDeps, entries: InboxEntry[]): number {
  for (const e of entries) {
    d.background.run(`a command accepted before a restart or by a replica that stopped (${e.key})`, async () => {
      const answer = await askCore(d.core, e.msg);
      await deliver(d, answer, e.answerTo);
      await d.inbox.done(e.key);
      await refreshHome(d, answer, e.msg);
    });
  }
  return entries.length;
}

/** The key of a request for idempotent writes: the door's (signature, timestamp), else Slack's own id. */
export function requestKeyOf(context: Record<string, unknown>, fallback: string | undefined): string {
  if (typeof context.requestKey === 'string') return context.requestKey;
  return `slack:id:${fallback ?? `${Date.now()}.${Math.random()}`}`;
}
