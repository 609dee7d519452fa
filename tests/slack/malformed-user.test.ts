import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned } from './fake-slack.js';
import { blockAction, slashCommand } from './fixtures.js';
import { startHttpSlack, type HttpSlack } from './serve-door.js';

const SECRET = 'malformed-user-secret';
let s: HttpSlack;

beforeAll(async () => {
  s = await startHttpSlack({ secret: SECRET, env: { PLANBOT_ADMINS: 'slack:U0123' } });
});
afterAll(async () => {
  await s.close();
});

describe('a signed Slack request whose user is no Slack member id', () => {
  for (const user of ['u0123', '', 'U0123 U0456', 'web:bob']) {
    it(`/plan from user_id ${JSON.stringify(user)} is refused 400, as any malformed body, not 500`, async () => {
      const res = await postSigned(s.url, SECRET, slashCommand({ text: 'update T9 at-risk', user_id: user }));
      expect(res.status).toBe(400);
      expect(s.store.events()).toEqual([]);
    });
    it(`a button clicked by ${JSON.stringify(user)} is refused 400`, async () => {
      const res = await postSigned(s.url, SECRET, blockAction({ action_id: 'plan_cmd_x', value: '/plan update T9 done', user }));
      expect(res.status).toBe(400);
    });
  }

  it('a real member id still passes (slack:U0123 is the admin)', async () => {
    const res = await postSigned(s.url, SECRET, slashCommand({ text: 'update T9 at-risk', user_id: 'U0123' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).text).toMatch(/^Updated T9/);
  });
});
