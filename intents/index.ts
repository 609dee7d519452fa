import type { Intent } from '../src/core/intent.js';
import { askIntent } from './ask.js';
import { helpIntent } from './help.js';
import { itemStatusIntent } from './item-status.js';
import { listItemsIntent } from './list-items.js';
import { showItemIntent } from './show-item.js';

/**
 * Every intent the bot has, in the order the router tries them on free text: the more specific
 * first, `ask` (search) last as the fallback. Registered here explicitly, never by scanning a folder.
 */
export const allIntents: readonly Intent[] = [helpIntent, itemStatusIntent, listItemsIntent, showItemIntent, askIntent] as Intent[];
