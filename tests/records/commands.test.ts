import { describe, expect, it } from 'vitest';
import { recordsBot, talk } from './talk.js';

describe('every command reads item references like questions do (issue 10 §2)', () => {
  it.each([
    ['/plan update task 9 at risk', 'T9'],
    ['/plan update taks 9 late', 'T9'],
    ['/plan 更新 第九项 有风险', 'T9'],
    ['/plan 更新 第九项任务 已完成420个村', 'T9'],
    ['/plan 更新 任务9 120/800', 'T9'],
    ['/plan update T９ on track', 'T9'],
    ['/plan 更新 目標三 正常推进', 'O3'],
    ['/plan update objective three on track', 'O3'],
    ['/plan 更新 任务组三 滞后', 'G3'],
    ['/plan update task 11 52%', 'T11'],
  ])('%s updates %s', async (text, id) => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, text);
    expect(r.error, r.text).toBeUndefined();
    expect(store.events()).toMatchObject([{ type: 'update', itemId: id }]);
  });

  it.each([
    ['/plan 分配 第八项 @x', 'T8'],
    ['/plan assign task 8 @x', 'T8'],
    ['/plan assign 任务八 @x', 'T8'],
    ['/plan assign T８ @x', 'T8'],
  ])('%s assigns %s', async (text, id) => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, text);
    expect(r.error, r.text).toBeUndefined();
    expect(store.events()).toMatchObject([{ type: 'assign', itemId: id }]);
  });

  it.each([
    ['/plan status 第九项任务', 'item-status'],
    ['/plan status task 9', 'item-status'],
    ['/plan 状态 第九項任務', 'item-status'],
    ['/plan history task 9', 'history'],
    ['/plan 历史 第九项', 'history'],
    ['/plan show 第九项任务', 'show-item'],
    ['/plan show T９', 'show-item'],
    ['/plan 查看 任务九', 'show-item'],
  ])('%s answers about T9 (%s)', async (text, intent) => {
    const { bot, store } = recordsBot();
    const r = await talk(bot, text);
    expect(r.error, r.text).toBeUndefined();
    expect(r.intent).toBe(intent);
    expect(r.matches[0]?.id).toBe('T9');
    expect(store.events()).toEqual([]);
  });

  it.each(['/plan undo task 9', '/plan undo 第九项', '/plan 撤销 T９', 'undo T9', '撤销第九项'])('%s undoes the user’s last update of T9', async (text) => {
    const { bot, store } = recordsBot();
    await talk(bot, '/plan update T9 at risk');
    await talk(bot, '/plan update T11 late');
    const r = await talk(bot, text);
    expect(r.error, r.text).toBeUndefined();
    expect(store.events().at(-1)).toMatchObject({ type: 'undo', itemId: 'T9' });
  });

  it('/plan show 目標三 shows objective 3 with its targets', async () => {
    const { bot } = recordsBot();
    const r = await talk(bot, '/plan show 目標三');
    expect(r.text.split('\n')[0]).toContain('O3 土壤和地下水环境');
  });
});
