import { describe, expect, it } from 'vitest';
import { allIntents } from '../../intents/index.js';
import { AnalysedUtterance } from '../../src/core/analysed-utterance.js';
import { createBot } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import { CueIndex } from '../../src/core/cue-index.js';
import { SHORT_TEXT_CHARS, type Intent, type IntentContext } from '../../src/core/intent.js';
import { silentLogger } from '../../src/core/logger.js';
import { createPlanSearch } from '../../src/core/plan-search.js';
import { ProposalBook } from '../../src/core/proposals.js';
import { route } from '../../src/core/router.js';
import { slackUser } from '../../src/core/user-ids.js';
import { SEED } from '../../src/eval/answer-corpus.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { generatedMessages, knownMessages } from '../support/routing-corpus.js';

// Each recogniser declares cues (intent.cues): the router offers it only messages that have one. A cue
// must be necessary: every message the recogniser accepts, or refuses with an error, has one of its
// cues. Checked for every recogniser over the known messages and 41,000 generated ones, in a context
// where a proposal waits (so yes/no are read) and units are set; then the routing of every message
// is compared with the routing of the same intents without cues (no message skipped).

const plan = await loadPlan();
const search = createPlanSearch(plan);
const store = new MemoryStore();
const clock = fixedClock('2021-06-15T10:00:00+08:00');
const proposals = new ProposalBook();
const bot = createBot({ plan, search, store, clock, timeZone: 'Asia/Shanghai', admins: ['slack:UADMIN'], logger: silentLogger, intents: allIntents, proposals });
for (const text of SEED) await bot.handle({ text, command: true, user: { id: slackUser('UADMIN') }, platform: 'slack', channel: 'C1' });
// A report without a report verb is proposed: yes/no now answer it.
const proposed = await bot.handle({ text: 'T11 at risk', user: { id: slackUser('UADMIN') }, platform: 'slack', channel: 'C1' });

function context(lang: 'en' | 'zh'): IntentContext {
  return {
    plan,
    search,
    store,
    clock,
    lang,
    user: { id: slackUser('UADMIN'), name: 'UADMIN', isAdmin: true },
    platform: 'slack',
    channel: 'C1',
    timeZone: 'Asia/Shanghai',
    admins: ['slack:UADMIN'],
    intents: allIntents,
    proposals,
  };
}
const langOf = (text: string) => (/\p{Script=Han}/u.test(text) ? 'zh' : 'en');

const recognising = allIntents.filter((i) => i.recognize);
const index = new CueIndex(recognising.map((i) => i.cues));
const messages = [...knownMessages(), ...generatedMessages(41_000)];

describe('recogniser cues', () => {
  it('a proposal waits in the test context (so the yes/no recognisers accept)', () => {
    expect(proposed.intent).toBe('update-status');
    expect(proposals.hasPending(slackUser('UADMIN'), 'C1')).toBe(true);
  });

  it('every recogniser that accepts a message, or refuses it with an error, finds one of its cues in it', () => {
    const missed: string[] = [];
    const accepting = new Map<string, number>();
    for (const raw of messages) {
      const text = raw.trim();
      const lang = langOf(text);
      const mask = index.scan(new AnalysedUtterance(text, lang));
      recognising.forEach((intent, i) => {
        if (!intent.cues || text.length > (intent.maxChars ?? SHORT_TEXT_CHARS)) return;
        let accepted: boolean;
        try {
          const r = intent.recognize!(new AnalysedUtterance(text, lang), context(lang));
          accepted = r !== null && r !== undefined;
        } catch {
          accepted = true;
        }
        if (accepted) accepting.set(intent.id, (accepting.get(intent.id) ?? 0) + 1);
        if (accepted && (mask & CueIndex.bit(i)) === 0) missed.push(`${intent.id}: ${JSON.stringify(text)}`);
      });
    }
    expect(missed.slice(0, 40)).toEqual([]);
    // Not a vacuous proof: each recogniser accepts (or refuses with an error) many of the messages.
    const few = recognising.filter((i) => i.cues && (accepting.get(i.id) ?? 0) < 10).map((i) => `${i.id} ${accepting.get(i.id) ?? 0}`);
    expect(few).toEqual([]);
  }, 600_000);

  it('routes every message to the same intent with the same arguments (or the same error) as without cues', () => {
    const uncued = allIntents.map((i) => ({ ...i, cues: undefined }) as Intent);
    const outcome = (text: string, intents: readonly Intent[], command: boolean) => {
      try {
        const r = route({ text, lang: langOf(text) }, command, context(langOf(text)), intents);
        return JSON.stringify([r.intent.id, r.args, r.byCommand]);
      } catch (err) {
        return `error ${(err as { id?: string }).id ?? String(err)}`;
      }
    };
    const differ: string[] = [];
    for (const text of messages) {
      for (const command of [false, true]) {
        const a = outcome(text, allIntents, command);
        const b = outcome(text, uncued, command);
        if (a !== b) differ.push(`${JSON.stringify(text)} (${command ? 'command' : 'free text'}): ${a} ≠ ${b}`);
      }
    }
    expect(differ.slice(0, 20)).toEqual([]);
    expect(messages.length).toBeGreaterThan(41_000);
  }, 600_000);

  it('declares cues for every recogniser but ask, which reads anything', () => {
    expect(recognising.filter((i) => !i.cues).map((i) => i.id)).toEqual(['ask']);
  });
});

describe('CueIndex', () => {
  const cues = new CueIndex([{ words: ['stale', '逾期', '@'] }, undefined, { words: [], item: true }, { words: ['Chart', '進度圖'] }]);
  const scan = (text: string) => cues.scan(new AnalysedUtterance(text, 'en'));
  const has = (mask: number, i: number) => (mask & CueIndex.bit(i)) !== 0;

  it.each([
    ['stale tasks', [0, 1]],
    ['restaled', [1]],
    ['re-stale', [0, 1]],
    ['哪些任务逾期', [0, 1]],
    ['tasks of @bob', [0, 1]],
    ['what is task nine', [1, 2]],
    ['T9', [1, 2]],
    ['show the CHART', [1, 3]],
    ['进度图', [1, 3]],
    ['ＳＴＡＬＥ', [0, 1]],
    ['nothing here', [1]],
    ['ſomething', [0, 1, 2, 3]],
  ] as const)('%j may go to recognisers %j', (text, expected) => {
    const mask = scan(text);
    expect([0, 1, 2, 3].filter((i) => has(mask, i))).toEqual(expected);
  });

  it('shares bits past 31 recognisers, which only offers more messages to some', () => {
    expect(CueIndex.bit(0)).toBe(CueIndex.bit(31));
    const many = new CueIndex([...Array.from({ length: 31 }, () => ({ words: ['x'] })), undefined]);
    expect(many.scan(new AnalysedUtterance('y', 'en')) & CueIndex.bit(0)).not.toBe(0);
  });
});
