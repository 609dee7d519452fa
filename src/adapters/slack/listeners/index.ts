import type { App } from '@slack/bolt';
import type { SlackCore } from '../answer.js';
import { registerActions } from './actions.js';
import { registerCommands, type CommandOptions } from './commands.js';
import { registerEvents } from './events.js';
import { registerViews } from './views.js';

/** Registers every Slack listener, one module per kind, explicitly (never by scanning a folder). */
export function registerListeners(bolt: App, core: SlackCore, options: CommandOptions = {}): void {
  registerCommands(bolt, core, options);
  registerEvents(bolt, core);
  registerActions(bolt, core);
  registerViews(bolt, core);
}
