import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsGate, dedupeEvents } from '../../src/adapters/slack/event-dedupe.js';
import { openPgInbox } from '../../src/adapters/slack/pg-inbox.js';
import type { InboxEntry } from '../../src/adapters/slack/command-inbox.js';
import { openPgStore, type PgStore } from '../../src/store/pg-store.js';
import { pgClaims } from '../../src/store/pg-claims.js';
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';

const skip = pgSkipReason();
if (skip) console.warn(`skipping the Slack-over-PostgreSQL tests: ${skip}`);

const entry = (key: string): InboxEntry => ({
  key,
  msg: { user: 'slack:U1', text: 'update T9 done', command: true, channel: 'slack:C1', requestKey: key } as unknown as InboxEntry["msg"],
  answerTo: { responseUrl: 'https://hooks.slack.com/commands/1' },
  at: '2021-06-07T01:00:00.000Z',
});

describe.skipIf(skip !== null)('Slack once across replicas', () => {
  let cluster: PgCluster;
  const stores: PgStore[] = [];
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    for (const s of stores) await s.close();
    await cluster?.stop();
  });
  const store = async (url: string) => {
    const s = await openPgStore(url, { pollMs: 60_000 });
    stores.push(s);
    return s;
  };

  it('a command accepted by a replica is left to it while it lives, and carried out by the next replica to start after it died', async () => {
    const url = await cluster.database();
    const s = await store(url);
    const a = await openPgInbox(s.pool, url, 'replica-a');
    await a.accept(entry('slack:1:aaa'));
    await a.accept(entry('slack:1:bbb'));
    await a.done('slack:1:bbb');
    const b = await openPgInbox(s.pool, url, 'replica-b');
    expect(b.pending()).toEqual([]);
    await a.close(); // its connection gone, as when the process dies
    const c = await openPgInbox(s.pool, url, 'replica-c');
    expect(c.pending().map((e) => e.key)).toEqual(['slack:1:aaa']);
    const d = await openPgInbox(s.pool, url, 'replica-d');
    expect(d.pending()).toEqual([]);
    await Promise.all([b.close(), c.close(), d.close()]);
  });

  it('an Events API delivery retried to the other replica is handled once; a failed handling lets the retry through', async () => {
    const url = await cluster.database();
    const claims = pgClaims((await store(url)).pool);
    const handled: string[] = [];
    const replica = (holder: string) => dedupeEvents(claimsGate({ claims, holder, ttlMs: 60_000 }));
    const deliver = (mw: ReturnType<typeof replica>, id: string, fail = false) =>
      mw({ body: { event_id: id }, logger: { debug: () => {} }, next: async () => (fail ? Promise.reject(new Error('handler failed')) : void handled.push(id)) } as never);
    const [a, b] = [replica('replica-a'), replica('replica-b')];
    await Promise.all([deliver(a, 'Ev1'), deliver(b, 'Ev1')]);
    expect(handled).toEqual(['Ev1']);
    await expect(deliver(a, 'Ev2', true)).rejects.toThrow('handler failed');
    await deliver(b, 'Ev2');
    expect(handled).toEqual(['Ev1', 'Ev2']);
  });
});
