import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/adapters/console/console-chat.js';
import { homeView, toMessages } from '../../src/adapters/slack/index.js';
import { fixedClock } from '../../src/core/clock.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { deriveStates } from '../../src/store/item-state.js';
import { makeBot, say } from '../support/make-bot.js';

/** Every example of issue 10 §3 ("Who is who differs between doors"), through the platform-neutral port with real qualified ids. */

const ids = (r: { matches: { id: string }[] }) => r.matches.map((m) => m.id);
const slackJson = (r: Parameters<typeof toMessages>[0]) => JSON.stringify(toMessages(r));

async function consoleLines(bot: ReturnType<typeof makeBot>, user: string, lines: string[]) {
  const out: { ok: boolean; text: string }[] = [];
  await runConsoleChat((async function* () { yield* lines; })(), { bot, user, json: true, write: (t) => out.push(JSON.parse(t)) });
  return out;
}

describe('web: @bob means the web user bob', () => {
  it('an admin assigns @bob; web:bob sees it in "my tasks" and may update it', async () => {
    const bot = makeBot({ admins: ['admin'] });
    const assigned = await say(bot, '/plan assign T9 @bob', 'web:admin');
    expect(assigned.error).toBeUndefined();
    expect(assigned.text).toContain('bob is now an owner of T9');
    expect(deriveStates(bot.deps.store.events(), 'henan-2021').get('T9')?.owners).toEqual(['web:bob']);
    expect(ids(await say(bot, 'my tasks', 'web:bob'))).toEqual(['T9']);
    expect(ids(await say(bot, '/plan mine', 'web:Bob'))).toEqual(['T9']);
    const update = await say(bot, '/plan update T9 at-risk 420/800 Zhoukou behind', 'web:bob');
    expect(update.error).toBeUndefined();
    expect(update.text).toContain('T9');
    expect(bot.deps.store.events().at(-1)).toMatchObject({ type: 'update', user: 'web:bob', platform: 'web' });
  });

  it('owner lists read the name on the asker’s platform, in English and Chinese', async () => {
    const bot = makeBot({ admins: ['admin'] });
    await say(bot, '/plan assign T9 @bob', 'web:admin');
    await say(bot, '/plan assign T21 @bob', 'console:admin');
    for (const q of ['tasks owned by bob', 'tasks owned by Bob', 'bob负责的任务', '@bob的任务', '/plan list owned by @web:bob']) {
      expect(ids(await say(bot, q, 'web:carol')), q).toEqual(['T9']);
    }
    expect(ids(await say(bot, 'tasks owned by bob', 'console:carol'))).toEqual(['T21']);
    expect(ids(await say(bot, 'tasks owned by @console:bob', 'web:carol'))).toEqual(['T21']);
  });

  it('subscribe @owner stores the qualified owner the digest filters by', async () => {
    const bot = makeBot({ admins: ['admin'] });
    const r = await say(bot, '/plan subscribe @Bob', 'web:carol', { channel: 'web:general' });
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('owner bob');
    expect(bot.deps.store.events().at(-1)).toMatchObject({ type: 'subscribe', filters: { owner: 'web:bob' } });
  });
});

describe('console: names in any case are one person', () => {
  it('@Carol, then user carol may update', async () => {
    const bot = makeBot({ admins: ['admin'] });
    expect((await say(bot, '/plan assign T9 @Carol', 'console:admin')).error).toBeUndefined();
    const lines = await consoleLines(bot, 'carol', ['/plan update T9 on-track 300/800', 'my tasks']);
    expect(lines.map((l) => l.ok)).toEqual([true, true]);
    expect(lines[1]!.text).toContain('T9');
  });

  it('--user Bob may update the item assigned to bob', async () => {
    const bot = makeBot({ admins: ['admin'] });
    await say(bot, '/plan assign T9 @bob', 'console:admin');
    const [line] = await consoleLines(bot, 'Bob', ['/plan update T9 done']);
    expect(line).toMatchObject({ ok: true });
    expect(bot.deps.store.events().at(-1)).toMatchObject({ type: 'update', user: 'console:bob', status: 'done' });
  });

  it('admin WangJun is admin as wangjun (and as ＷａｎｇＪｕｎ)', async () => {
    const bot = makeBot({ admins: ['WangJun'] });
    const lines = await consoleLines(bot, 'wangjun', ['/plan assign T9 @li', '/plan update T10 done']);
    expect(lines.map((l) => l.ok)).toEqual([true, true]);
    expect((await say(bot, '/plan assign T11 @li', 'console:ＷａｎｇＪｕｎ')).error).toBeUndefined();
  });

  it('@console:erin from the web chat, then erin on the console may update', async () => {
    const bot = makeBot({ admins: ['admin'] });
    expect((await say(bot, '/plan assign T9 @console:erin', 'web:admin')).error).toBeUndefined();
    const [line] = await consoleLines(bot, 'erin', ['/plan update T9 on-track']);
    expect(line).toMatchObject({ ok: true });
    expect((await say(bot, '/plan update T9 done', 'web:erin')).error).toEqual({ id: 'permission.update' });
  });
});

describe('Slack: a member id is a Slack user, and refusals read well', () => {
  it('PLANBOT_ADMINS=U0123 matches slack:U0123', async () => {
    const bot = makeBot({ admins: ['U0123'] });
    const r = await say(bot, '/plan assign T9 <@U0456|bob>', 'slack:U0123');
    expect(r.error).toBeUndefined();
    expect(deriveStates(bot.deps.store.events(), 'henan-2021').get('T9')?.owners).toEqual(['slack:U0456']);
    expect(slackJson(r)).toContain('<@U0456> is now an owner of T9');
    expect((await say(bot, '/plan update T10 done', 'slack:U0123')).error).toBeUndefined();
    expect((await say(bot, '/plan update T9 at-risk', 'slack:U0456')).error).toBeUndefined();
  });

  it('a refusal shows the admins readably and suggests the @ form that works, never @<@U…>', async () => {
    const bot = makeBot({ admins: ['U0123', 'web:alice', 'WangJun'] });
    const r = await say(bot, '/plan update T9 done', 'slack:U0999');
    expect(r.error).toEqual({ id: 'permission.update' });
    const slack = slackJson(r);
    expect(slack).toContain('only an admin (<@U0123>, alice, wangjun) may update it');
    expect(slack).toContain('/plan assign T9 <@U0999>');
    expect(slack).not.toContain('@<@');
    expect(r.text).toContain('/plan assign T9 slack:U0999');
    expect(r.text).not.toMatch(/only an admin \(U0123\)/);
    const web = await say(bot, '/plan update T9 done', 'web:bob');
    expect(web.text).toContain('/plan assign T9 @web:bob');
  });

  it('a plain name typed on Slack is refused with the forms that work', async () => {
    const bot = makeBot({ admins: ['U0123'] });
    const r = await say(bot, '/plan assign T9 @bob', 'slack:U0123');
    expect(r.error?.id).toBe('user.slack-name');
    expect(r.text).toMatch(/mention the person/);
  });
});

describe('a note never becomes a mention', () => {
  const note = 'ask slack:U0BOSS and <@U0BOSS> <!channel> & co';

  it('in status replies, history, digests and App Home on Slack, user text is escaped; only owners are mentions', async () => {
    const store = new MemoryStore();
    const early = makeBot({ store, admins: ['U0123'], clock: fixedClock('2021-06-02T09:00:00+08:00') });
    await say(early, '/plan assign T9 <@U0456>', 'slack:U0123');
    await say(early, `/plan update T9 at-risk 420/800 ${note}`, 'slack:U0456');
    const later = makeBot({ store, admins: ['U0123'], clock: fixedClock('2021-06-08T09:00:00+08:00') });
    const replies = {
      status: await say(later, '/plan status T9', 'slack:U0777'),
      history: await say(later, '/plan history T9', 'slack:U0777'),
      digest: await say(later, '/plan digest', 'slack:U0777', { channel: 'slack:C1' }),
    };
    for (const [name, r] of Object.entries(replies)) {
      expect(r.error, name).toBeUndefined();
      const json = slackJson(r);
      expect(json, name).not.toContain('<@U0BOSS>');
      expect(json, name).not.toContain('<!channel>');
      expect(json, name).toContain('&lt;!channel&gt;');
    }
    expect(slackJson(replies.status)).toContain('<@U0456>');
    expect(slackJson(replies.history)).toContain('<@U0123> assigned <@U0456>');
    const home = JSON.stringify(homeView({ plan: later.deps.plan, events: store.events(), userId: 'slack:U0456', now: new Date('2021-06-08T01:00:00Z'), timeZone: 'Asia/Shanghai' }));
    expect(home).toContain('*My items · 我负责的事项* (1)');
    expect(home).not.toContain('U0BOSS');
  });

  it('a note stored with raw Slack markup (an old file) is escaped, not mentioned', async () => {
    const bot = makeBot({ admins: ['U0123'] });
    await bot.deps.store.append({ type: 'update', itemId: 'T9', status: 'at-risk', progress: [], note: '<@U0BOSS> <!here>', user: 'slack:U0123', platform: 'slack', planId: 'henan-2021', at: '2021-06-01T01:00:00Z' });
    for (const q of ['/plan status T9', '/plan history T9']) {
      const json = slackJson(await say(bot, q, 'slack:U0777'));
      expect(json, q).toContain('&lt;@U0BOSS&gt; &lt;!here&gt;');
      expect(json, q).not.toContain('<@U0BOSS>');
    }
  });

  it('history, status and the console strip C1 controls and bidi overrides from stored notes', async () => {
    const bot = makeBot({ admins: ['admin'] });
    await bot.deps.store.append({ type: 'update', itemId: 'T9', status: 'at-risk', progress: [], note: 'late\u202E enod \u2066x\u2069\u0085y\u200F', user: 'web:admin', platform: 'web', planId: 'henan-2021', at: '2021-06-01T01:00:00Z' });
    for (const q of ['/plan history T9', '/plan status T9']) {
      const r = await say(bot, q);
      expect(r.text, q).toContain('late enod xy');
      expect(r.text, q).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    }
  });

  it('controls typed in a message never reach the record', async () => {
    const bot = makeBot({ admins: ['admin'] });
    await say(bot, '/plan update T9 at-risk behind\u202E schedule\u0085', 'web:admin');
    const e = bot.deps.store.events().at(-1);
    expect(e?.type === 'update' && e.note).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
  });
});
