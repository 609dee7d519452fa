import type { App } from '@slack/bolt';
import type { SlackDeps } from '../answer-before-ack.js';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerEvents } from './events.js';
import { registerViews } from './views.js';

/** Registers every Slack listener, one module per kind, explicitly (never by scanning a folder). */
export function registerListeners(bolt: App, d: SlackDeps): void {
  registerCommands(bolt, d);
  registerEvents(bolt, d);
  registerActions(bolt, d);
  registerViews(bolt, d);
}
