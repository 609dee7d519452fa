import { beforeAll, describe, expect, it } from 'vitest';
import { homeView } from '../../src/adapters/slack/index.js';
import { readUpdateForm, updateCommandText, updateFormErrors, updateModalView } from '../../src/adapters/slack/update-modal.js';
import { loadPlan, DEFAULT_PLAN_ID, BUNDLED_PLANS_DIR } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import type { PlanEvent } from '../../src/store/events.js';

describe('update modal', () => {
  it('round-trips the item and origin through private_metadata', () => {
    const view = updateModalView({ itemId: 'T9', channel: 'C1', responseUrl: 'https://hooks.slack.com/x' });
    const values = { status: { value: { selected_option: { value: 'done' } } }, progress: { value: { value: ' 52% ' } }, note: { value: { value: null } } };
    expect(readUpdateForm({ private_metadata: view.private_metadata, state: { values } })).toEqual({
      origin: { itemId: 'T9', channel: 'C1', responseUrl: 'https://hooks.slack.com/x' },
      form: { itemId: 'T9', status: 'done', progress: '52%', note: null },
    });
    expect(readUpdateForm({ private_metadata: 'not json' })).toBeNull();
  });

  it.each([
    [{ status: 'at-risk', progress: null, note: null }, '/plan update T9 at-risk'],
    [{ status: 'done', progress: '800/800', note: 'all villages' }, '/plan update T9 done 800/800 note: “all villages”'],
    [{ status: null, progress: '52%', note: null }, '/plan update T9 52%'],
    [{ status: null, progress: null, note: 'waiting' }, '/plan update T9 note: “waiting”'],
  ])('builds the command a user could type: %o', (form, text) => {
    expect(updateCommandText({ itemId: 'T9', ...form })).toBe(text);
  });

  it.each([
    [{ status: null, progress: null, note: null }, ['status']],
    [{ status: null, progress: 'soon', note: null }, ['progress']],
    [{ status: null, progress: '420/800', note: null }, []],
    [{ status: null, progress: '30 villages', note: null }, []],
    [{ status: null, progress: '30个', note: null }, []],
    [{ status: 'done', progress: null, note: null }, []],
  ])('checks the form %o', (form, blocks) => {
    expect(Object.keys(updateFormErrors({ itemId: 'T9', ...form }))).toEqual(blocks);
  });
});

describe('App Home', () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await loadPlan(DEFAULT_PLAN_ID, BUNDLED_PLANS_DIR);
  });
  const base = { at: '2021-06-01T00:00:00Z', platform: 'slack', planId: 'henan-2021' };
  const ev = (e: object, seq: number) => ({ ...base, seq, id: `e${seq}`, ...e }) as PlanEvent;

  it('counts tasks by status and lists my items and those at risk', () => {
    const events = [
      ev({ type: 'assign', user: 'slack:UADMIN', itemId: 'T9', owner: 'slack:U1' }, 1),
      ev({ type: 'update', user: 'slack:U1', itemId: 'T9', status: 'at-risk', progress: [], note: null }, 2),
      ev({ type: 'update', user: 'slack:U1', itemId: 'T3', status: 'done', progress: [], note: null }, 3),
      // T34's first two quarterly analyses are in: its quarterly milestones (issue 12) are met.
      ev({ type: 'update', at: '2021-06-14T00:00:00Z', user: 'slack:UADMIN', itemId: 'T34', status: null, progress: [{ indicatorId: 'T34.1', value: 2, target: null, unit: null }], note: null }, 4),
    ];
    const view = homeView({ plan, events, userId: 'slack:U1', now: new Date('2021-06-15T02:00:00Z'), timeZone: 'Asia/Shanghai' });
    const json = JSON.stringify(view);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(json).toContain('*38* not started');
    expect(json).toContain('*1* at risk');
    expect(json).toContain('*1* done');
    expect(json).toMatch(/My items[^"]*\(1\)/);
    expect(json).toMatch(/Needs attention[^"]*\(1\)/);
    expect(json).toContain('• 🟡 *T9*');
    expect(json).toContain('<@U1>');
  });

  it('says so when nothing is assigned or at risk', () => {
    // During the plan year: once it has ended, every item not done is overdue. T34's quarterly analyses are in.
    const events = [ev({ type: 'update', at: '2021-06-14T00:00:00Z', user: 'slack:UADMIN', itemId: 'T34', status: null, progress: [{ indicatorId: 'T34.1', value: 2, target: null, unit: null }], note: null }, 1)];
    const json = JSON.stringify(homeView({ plan, events, userId: 'slack:U2', now: new Date('2021-06-15T02:00:00Z'), timeZone: 'UTC' }));
    expect(json).toContain('None assigned to you yet');
    expect(json).toContain('Nothing is at risk, off track, behind pace, overdue');
  });
});

describe('slack/manifest.yml', () => {
  it('declares the command, events, scopes and interactivity the adapter listens to', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../slack/manifest.yml', import.meta.url), 'utf8');
    for (const needed of ['command: /plan', '- app_mention', '- message.im', '- app_home_opened', 'home_tab_enabled: true', 'is_enabled: true', '- commands', '- chat:write', '- im:history', 'should_escape: true']) {
      expect(text).toContain(needed);
    }
    expect(text.match(/\/slack\/events/g)).toHaveLength(3);
  });
});
