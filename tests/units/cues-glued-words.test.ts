import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { makeBot, say } from '../support/make-bot.js';

// Found by QA of the router's cues (src/core/cue-index.ts): a recogniser's pattern read words that its
// declared cues did not, so the router skipped it and the message fell to search. Base (3aa91a0) routed
// each of these to its intent; each is asked through the web chat as a new user would type it.
const at = () => ({ clock: fixedClock(new Date('2021-06-16T10:00:00+08:00')) });

describe('a word glued to a cue word reaches the recogniser whose pattern reads it', () => {
  it.each(['tasks with nolead unit', 'which tasks have nolead unit', 'items without alead unit', 'tasks having anylead unit'])('"%s" lists the tasks with no lead unit', async (text) => {
    const r = await say(await makeBot(at()), text, 'web:bob');
    expect(r.intent).toBe('no-lead-unit');
    expect(r.text).toMatch(/^40 tasks have no lead unit/);
  });
});
