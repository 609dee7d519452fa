/**
 * The local web chat adapter: a page and a websocket served by Botkit with botbuilder-adapter-web.
 * Botkit is used inside this folder only.
 */
export { startWebChat, chatUrl, webUserId, WS_PATH, MAX_FRAME_BYTES, type WebChat, type WebChatOptions } from './start-web-chat.js';
export { toWebReply, statusButtons, type WebReply } from './web-reply.js';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './token-bucket.js';
export { MAX_TEXT_CHARS } from './client-frame.js';
export { createWebAuth, inviteLink, inviteToken, INVITE_TTL_MS, SESSION_COOKIE, type WebAuth, type WebAuthOptions } from './web-auth.js';
export { loadWebSecret, webSecretFile } from './web-secret.js';
export { fileUsedInvites, memoryUsedInvites, storeUsedInvites, usedInvitesFile, type UsedInvites } from './used-invites.js';
export { webInviteIssuer } from './web-invite-issuer.js';
export { WebFiles, FILE_LINK_TTL_MS, FILES_PATH, type WebFileLink } from './web-files.js';
