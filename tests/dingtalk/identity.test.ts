import { describe, expect, it } from 'vitest';
import { adminEntryMatches, readAdminEntry } from '../../src/core/admins.js';
import { resolveUser } from '../../src/core/resolve-user.js';
import { dingtalkUser, parseUserId, sameUser } from '../../src/core/user-ids.js';
import { loadConfig } from '../../src/config/load-config.js';
import { makeBot, say } from '../support/make-bot.js';

describe('DingTalk users are dingtalk:<staffId>, exact', () => {
  it.each([
    ['0123456789', 'dingtalk:0123456789'],
    [' manager4220 ', 'dingtalk:manager4220'],
    ['Manager4220', 'dingtalk:Manager4220'],
  ])('dingtalkUser(%j) → %s', (staffId, id) => {
    expect(dingtalkUser(staffId)).toBe(id);
  });

  it.each([[''], ['a b'], ['a:b'], ['<@x>']])('refuses %j', (staffId) => {
    expect(() => dingtalkUser(staffId)).toThrow();
  });

  it('reads stored ids, and compares them exactly (the one sameUser rule)', () => {
    expect(parseUserId('dingtalk:0123')).toBe('dingtalk:0123');
    expect(parseUserId('DingTalk:0123')).toBe('dingtalk:0123');
    expect(sameUser('dingtalk:Manager1', 'dingtalk:Manager1')).toBe(true);
    expect(sameUser('dingtalk:Manager1', 'dingtalk:manager1')).toBe(false);
    expect(sameUser('dingtalk:bob', 'web:bob')).toBe(false);
  });

  it('PLANBOT_ADMINS accepts them; a bare name still means web and console only', () => {
    expect(readAdminEntry('dingtalk:0123')).toEqual({ kind: 'user', entry: 'dingtalk:0123', id: 'dingtalk:0123' });
    expect(adminEntryMatches('dingtalk:0123', 'dingtalk:0123')).toBe(true);
    expect(adminEntryMatches('0123', 'dingtalk:0123')).toBe(false);
    expect(loadConfig({ PLANBOT_ADMINS: 'dingtalk:0123, web:alice' }).admins).toEqual(['dingtalk:0123', 'web:alice']);
  });

  it('a plain @name written on DingTalk is a DingTalk staff id; @web:bob is taken as written', () => {
    expect(resolveUser('@0456', dingtalkUser('0123'))).toEqual({ ok: true, id: 'dingtalk:0456' });
    expect(resolveUser('@web:bob', dingtalkUser('0123'))).toEqual({ ok: true, id: 'web:bob' });
  });

  it('an admin on DingTalk may update any item; another DingTalk user may not', async () => {
    const bot = makeBot({ admins: ['dingtalk:boss'] });
    const ok = await say(bot, '/plan 更新 T9 有风险 420/800', 'dingtalk:boss', { channel: 'dingtalk:cidG==' });
    expect(ok.error).toBeUndefined();
    const refused = await say(bot, '/plan 更新 T9 已完成', 'dingtalk:0999', { channel: 'dingtalk:cidG==' });
    expect(refused.error).toBeDefined();
    expect(bot.deps.store.events().filter((e) => e.type === 'update')).toHaveLength(1);
  });
});

describe('DingTalk configuration', () => {
  it('defaults the gateway and OpenAPI to the public ones and the robot code to the client id', () => {
    expect(loadConfig({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 's' }).dingtalk).toEqual({
      clientId: 'dingabc',
      clientSecret: 's',
      robotCode: 'dingabc',
      gatewayUrl: 'https://api.dingtalk.com/v1.0/gateway/connections/open',
      apiUrl: 'https://api.dingtalk.com',
    });
  });

  it('honours DINGTALK_ROBOT_CODE, DINGTALK_GATEWAY_URL and DINGTALK_API_URL (trailing slash dropped)', () => {
    const c = loadConfig({ DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 's', DINGTALK_ROBOT_CODE: 'robot9', DINGTALK_GATEWAY_URL: 'http://127.0.0.1:1/open', DINGTALK_API_URL: 'http://127.0.0.1:2/' }).dingtalk;
    expect(c).toMatchObject({ robotCode: 'robot9', gatewayUrl: 'http://127.0.0.1:1/open', apiUrl: 'http://127.0.0.1:2' });
  });

  it('refuses a gateway that is not a URL, naming the variable', () => {
    expect(() => loadConfig({ DINGTALK_GATEWAY_URL: 'api.dingtalk.com' })).toThrow(/DINGTALK_GATEWAY_URL/);
  });
});
