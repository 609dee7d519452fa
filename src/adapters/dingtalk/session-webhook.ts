import type { DingTalkMarkdown } from './to-markdown.js';

/** The body of one markdown message posted to a session webhook. */
export function webhookBody(m: DingTalkMarkdown): unknown {
  return { msgtype: 'markdown', markdown: { title: m.title, text: m.text }, at: { atUserIds: m.atUserIds, isAtAll: false } };
}

/**
 * Posts messages, in order, to the `sessionWebhook` of the message they answer, exactly as received
 * (DingTalk signs it into the URL; it lives about 90 minutes). A non-zero `errcode` or an HTTP error
 * rejects.
 */
export async function postToSessionWebhook(url: string, messages: readonly DingTalkMarkdown[], doFetch: typeof fetch = fetch): Promise<void> {
  for (const m of messages) {
    const res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(webhookBody(m)), signal: AbortSignal.timeout(10_000) });
    const data = (await res.json().catch(() => ({}))) as { errcode?: unknown; errmsg?: unknown };
    if (!res.ok || (typeof data.errcode === 'number' && data.errcode !== 0)) throw new Error(`the session webhook answered HTTP ${res.status}${typeof data.errcode === 'number' ? ` errcode ${data.errcode}` : ''}${typeof data.errmsg === 'string' ? `: ${data.errmsg}` : ''}`);
  }
}
