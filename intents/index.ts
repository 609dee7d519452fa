import type { Intent } from '../src/core/intent.js';
import { askIntent } from './ask.js';
import { chartIntent } from './chart.js';
import { digestPreviewIntent } from './digest-preview.js';
import { exportLedgerIntent } from './export-ledger.js';
import { yearReportIntent } from './year-report.js';
import { assignIntent, unassignIntent } from './assign.js';
import { cancelProposalIntent, confirmProposalIntent } from './confirm-proposal.js';
import { greetingIntent } from './greeting.js';
import { helpIntent } from './help.js';
import { historyIntent } from './history.js';
import { milestoneIntent } from './milestone.js';
import { reopenIntent, signoffIntent } from './signoff.js';
import { inviteIntent } from './invite.js';
import { itemStatusIntent } from './item-status.js';
import { listItemsIntent } from './list-items.js';
import { notReportedIntent } from './not-reported.js';
import { offTopicIntent } from './off-topic.js';
import { planOverviewIntent } from './plan-overview.js';
import { showItemIntent } from './show-item.js';
import { subscribeIntent, subscriptionsIntent, unsubscribeIntent } from './subscribe.js';
import { undoIntent } from './undo.js';
import { updateStatusIntent } from './update-status.js';
import { itemUnitsIntent, leadIntent, memberIntent, unitIntent } from './units.js';
import { itemByUnitIntent, myUnitsIntent, noLeadIntent, unitTasksIntent } from './unit-questions.js';

/**
 * Every intent the bot has, in the order the router tries them on free text: the more specific
 * first (an update before a status question, since "progress" belongs to both), `ask` (search)
 * last as the fallback. A `yes`/`确认`/`好的` answers a pending proposal (and nothing else) before anything else. Registered here explicitly, never by scanning a folder.
 */
export const allIntents: readonly Intent[] = [
  // First: while a proposal waits, "好的"/"ok" answer it (they would otherwise be thanked as chatter).
  confirmProposalIntent,
  cancelProposalIntent,
  helpIntent,
  greetingIntent,
  offTopicIntent,
  notReportedIntent,
  updateStatusIntent,
  // Unit questions before the lists: "周口负责哪些任务" names a unit, not an owner.
  unitTasksIntent,
  itemByUnitIntent,
  noLeadIntent,
  myUnitsIntent,
  undoIntent,
  historyIntent,
  assignIntent,
  unassignIntent,
  milestoneIntent,
  signoffIntent,
  reopenIntent,
  // Before the item questions: "T9.1 chart" asks for a picture, not the target.
  chartIntent,
  itemStatusIntent,
  planOverviewIntent,
  listItemsIntent,
  showItemIntent,
  subscribeIntent,
  unsubscribeIntent,
  subscriptionsIntent,
  digestPreviewIntent,
  exportLedgerIntent,
  // Asked for in chat, the year-end report is pointed to the command line that makes it.
  yearReportIntent,
  inviteIntent,
  unitIntent,
  memberIntent,
  leadIntent,
  itemUnitsIntent,
  askIntent,
] as Intent[];
