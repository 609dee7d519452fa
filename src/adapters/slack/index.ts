/**
 * The Slack adapter: Bolt in, Block Kit out. It only translates Slack events into core messages and
 * core replies into Slack messages; everything else is the core's.
 */
export { checkSlackAuth, SlackStartError, SLACK_API_URL, type SlackIdentity } from './check-auth.js';
export { createSlackApp, SLACK_EVENTS_PATH, type SlackApp, type SlackAppOptions, type SlackClientOptions, type SlackRequestHandler } from './create-slack-app.js';
export { mountOnServer, startSlack, type SlackListen, type SlackRuntime, type StartSlackOptions } from './start-slack.js';
export { postToSlack, type ChatClient, type PostReply } from './post-to-slack.js';
export { directToSlack, slackDirectPoster, type DirectClient, type PostDirectToSlack } from './direct-message.js';
export { fallbackText, itemCardId, toBlocks, toMessages, type SlackBlock, type SlackMessage } from './to-blocks.js';
export { homeView } from './app-home.js';
export { mrkdwn, textFromSlack } from './slack-text.js';
