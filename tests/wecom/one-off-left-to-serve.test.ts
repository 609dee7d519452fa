import { describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/store/file-store.js';
import { freshDb, runCli } from '../support/run-cli.js';

const WECOM = { WECOM_BOT_ID: 'BOT1', WECOM_BOT_SECRET: 'secret-1', WECOM_WS_URL: 'ws://127.0.0.1:9' };

/** Runs the CLI in process over one state file, WeCom configured (its endpoint never reached). */
function cliOver(db: string, env: Record<string, string> = WECOM) {
  return (argv: string[], stdin: string[] = []) => runCli(argv, { env: { PLANBOT_DB: db, ...env }, stdin });
}

/** Appends a subscription of `channel` as if typed there (the record the WeCom adapter writes). */
async function subscribe(db: string, channel: string) {
  const store = await openFileStore(db);
  await store.append({ type: 'subscribe', channel, filters: { group: null, owner: null, status: null }, lang: 'zh', at: '2021-06-01T10:00:00+08:00', user: 'wecom:zhangsan', platform: 'wecom', planId: 'henan-2021' });
  await store.close();
}

describe('one-off digest --post-due and remind --due with WeCom configured', () => {
  it('digest --post-due leaves WeCom groups to serve, says so, exits 0 and records nothing', async () => {
    const db = freshDb();
    const cli = cliOver(db);
    await cli(['chat', '--user', 'alice', '--channel', 'ops', '--now', '2021-06-01T10:00:00+08:00'], ['/plan subscribe']);
    await subscribe(db, 'wecom:wrgroup1');
    const now = '2021-06-14T10:00:00+08:00';
    const text = await cli(['digest', '--post-due', '--now', now]);
    expect(text.code).toBe(0);
    expect(text.stderr).not.toMatch(/configure the wecom adapter/);
    expect(text.stdout).toMatch(/Posted the digest .* to: console:ops\./);
    expect(text.stdout).toMatch(/Left to the running plan-bot serve: wecom:wrgroup1 \(WeCom allows one live connection per bot and serve holds it/);
    const json = JSON.parse((await cli(['digest', '--post-due', '--json', '--now', now])).stdout);
    expect(json.alreadyPosted).toEqual(['console:ops']);
    expect(json.failed).toEqual([]);
    expect(json.leftToServe).toEqual([{ channel: 'wecom:wrgroup1', reason: expect.stringMatching(/serve/) }]);
    const store = await openFileStore(db);
    expect(store.events().filter((e) => e.type === 'digest-posted').map((e) => (e as { channel: string }).channel)).toEqual(['console:ops']);
    await store.close();
  });

  it('remind --due leaves a WeCom owner to serve instead of failing, and records nothing', async () => {
    const db = freshDb();
    const cli = cliOver(db);
    await cli(['chat', '--user', 'local', '--now', '2021-06-07T10:00:00+08:00'], ['/plan assign T9 @wecom:zhangsan']);
    const r = await cli(['remind', '--due', '--json', '--now', '2021-06-10T09:30:00+08:00']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('eve');
    expect(out.failed).toEqual([]);
    expect(out.leftToServe).toEqual([{ user: 'wecom:zhangsan', reason: expect.stringMatching(/one live connection per bot/) }]);
    const text = await cli(['remind', '--due', '--now', '2021-06-10T09:30:00+08:00']);
    expect(text.stdout).toMatch(/Left to the running plan-bot serve: wecom:zhangsan/);
    const store = await openFileStore(db);
    expect(store.events().filter((e) => e.type === 'reminder-sent')).toEqual([]);
    await store.close();
  });

  it('without WeCom configured, a WeCom channel is still a failure naming the missing adapter', async () => {
    const db = freshDb();
    await subscribe(db, 'wecom:wrgroup1');
    const r = await cliOver(db, {})(['digest', '--post-due', '--now', '2021-06-14T10:00:00+08:00']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/wecom:wrgroup1: .*configure the wecom adapter/);
  });
});
