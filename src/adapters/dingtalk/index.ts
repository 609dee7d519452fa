/**
 * The DingTalk adapter: Stream mode in (the official `dingtalk-stream` SDK), markdown out through each
 * message's session webhook, and proactive digests and reminders through the OpenAPI. It only
 * translates; everything else is the core's. Only this adapter imports `dingtalk-stream`.
 */
export { dingtalkOneOffPosters, startDingTalk, type DingTalkRuntime, type StartDingTalkOptions } from './start-dingtalk.js';
export { DingTalkStartError, DingTalkApiError, createOpenApi, type OpenApi } from './openapi.js';
export { dingtalkPosters, ROBOT_PATHS, type PostToDingTalk } from './post-to-dingtalk.js';
export { toMarkdownMessages, MAX_MARKDOWN_CHARS, type DingTalkMarkdown } from './to-markdown.js';
export { escapeMarkdown, dingtalkChannelId, targetOf, textFromDingTalk } from './dingtalk-text.js';
export { slidingWindowPacer, ROBOT_MESSAGES_PER_MINUTE, type Pacer } from './pacer.js';
