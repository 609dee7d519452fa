/**
 * The WeCom (企业微信) adapter: the AI bot's long connection (`@wecom/aibot-node-sdk`) in, markdown
 * streams and template cards out. It only translates WeCom callbacks into core messages and core
 * replies into WeCom messages; everything else is the core's. Only this folder imports the SDK.
 */
export { describeFailure, leaseName, startWeCom, WECOM_WS_URL, WeComStartError, type StartWeComOptions, type WeComRuntime, type WeComState } from './start-wecom.js';
export { weComOutbox, WeComSendError, type PostReply, type SendMessage, type WeComOutbox } from './post-to-wecom.js';
export { weComListeners, WORKING, type ReplyClient, type WeComListenerDeps } from './wecom-listeners.js';
export { buttonKey, cardFor, commandOfKey, outcomeCard } from './wecom-cards.js';
export { byteLength, escapeMarkdown, markdownText, packMessages, splitBytes, toMarkdownMessages, WECOM_BYTES } from './wecom-markdown.js';
export { channelOf, conversationOf, senderOf, textFromWeCom } from './wecom-ids.js';
