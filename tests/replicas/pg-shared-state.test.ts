import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackRuntime } from '../../src/adapters/slack/index.js';
import { openPgInbox } from '../../src/adapters/slack/pg-inbox.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/core/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { slackDoor } from '../../src/adapters/slack/slack-door.js';
import { createWebAuth, inviteToken, storeUsedInvites, type WebChat } from '../../src/adapters/web/index.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Reply } from '../../src/core/reply.js';
import { postDueDigests, type DigestTickDeps } from '../../src/digest/scheduler.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { keepClaims } from '../../src/store/claims.js';
import { pgClaims } from '../../src/store/pg-claims.js';
import { pgOnceKeys } from '../../src/store/pg-once-keys.js';
import { migratePgSchema } from '../../src/store/pg-schema.js';
import { storeWith, subscribe } from '../digest/fixtures.js';
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { postSigned, startFakeSlack } from '../slack/fake-slack.js';
import { slashCommand } from '../slack/fixtures.js';
import { startTestChat } from '../web/helpers.js';

const skip = pgSkipReason();
if (skip) console.warn(`skipping the shared-state tests: ${skip}`);

const SECRET = 'shared-state-signing-secret';
const WEB_SECRET = 'test-secret-of-at-least-32-characters!!';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== null)('what replicas share in PostgreSQL', () => {
  let cluster: PgCluster;
  const pools: pg.Pool[] = [];
  const servers: Server[] = [];
  const chats: WebChat[] = [];
  let plan: Plan;

  beforeAll(async () => {
    cluster = await startPgCluster();
    plan = await loadPlan();
  }, 60_000);
  afterAll(async () => {
    for (const c of chats) await c.stop();
    for (const s of servers) await new Promise((r) => (s.closeAllConnections(), s.close(r)));
    for (const p of pools) await p.end();
    await cluster?.stop();
  });

  /** A fresh database with plan-bot's schema, and a pool on it per replica. */
  async function database(replicas: number): Promise<{ url: string; pools: pg.Pool[] }> {
    const url = await cluster.database();
    const made = Array.from({ length: replicas }, () => new pg.Pool({ connectionString: url, max: 3 }));
    pools.push(...made);
    await migratePgSchema(made[0]!);
    return { url, pools: made };
  }

  /** A replica's Slack door on its own port; what it let through. */
  async function door(pool: pg.Pool) {
    const passed: string[] = [];
    const handle = slackDoor({ signingSecret: SECRET, replays: pgOnceKeys(pool) }, (req, res) => {
      passed.push(req.slackRequestKey);
      res.writeHead(200).end('handled');
    });
    const server = createServer(handle);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, passed };
  }

  it('a Slack request replayed to another replica is answered without being carried out again', async () => {
    const db = await database(2);
    const [a, b] = [await door(db.pools[0]!), await door(db.pools[1]!)];
    const timestamp = Math.floor(Date.now() / 1000);
    const command = slashCommand({ text: 'update T9 at-risk', user_id: 'U0123' });
    expect((await postSigned(a.url, SECRET, command, { timestamp })).text).toBe('handled');
    const replay = await postSigned(b.url, SECRET, command, { timestamp });
    expect(replay.status).toBe(200);
    expect(replay.text).toBe('');
    expect((await postSigned(a.url, SECRET, command, { timestamp })).text).toBe('');
    expect([...a.passed, ...b.passed]).toHaveLength(1);
    // Another request (another signature) still goes through on either replica.
    expect((await postSigned(b.url, SECRET, slashCommand({ text: 'status T9', user_id: 'U0123' }), { timestamp })).text).toBe('handled');
    expect(b.passed).toHaveLength(1);
  });

  it('a web sign-in link used on one replica does not work on another', async () => {
    const db = await database(2);
    const replicas = [];
    for (const pool of db.pools) {
      const started = await startTestChat({ auth: createWebAuth({ mode: 'invite', secret: WEB_SECRET, usedInvites: storeUsedInvites(pgOnceKeys(pool)) }) });
      chats.push(started.chat);
      replicas.push(started.chat.url);
    }
    const signIn = (url: string, token: string) => fetch(new URL('/signin', url), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: token });
    const { token } = inviteToken('dan', WEB_SECRET, Date.now());
    // Used on both at once: exactly one sign-in succeeds.
    const both = await Promise.all(replicas.map((u) => signIn(u, token)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 410]);
    const again = await signIn(replicas[0]!, token);
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ id: 'used' });
    const other = inviteToken('erin', WEB_SECRET, Date.now()).token;
    expect((await signIn(replicas[1]!, other)).status).toBe(200);
  });

  it('commands a dead replica left in the inbox are taken over by one live replica at its next sweep', async () => {
    const db = await database(3);
    const entry = (n: number) => ({ key: `slack:cmd:${n}`, msg: { user: 'slack:U0123', text: `/plan status T${n}`, requestKey: `slack:cmd:${n}` }, answerTo: { responseUrl: `https://hooks.slack.test/${n}` }, at: new Date().toISOString() }) as never;
    const a = await openPgInbox(db.pools[0]!, db.url, 'replica-a');
    const b = await openPgInbox(db.pools[1]!, db.url, 'replica-b');
    const c = await openPgInbox(db.pools[2]!, db.url, 'replica-c');
    await a.accept(entry(1));
    await a.accept(entry(2));
    await a.done('slack:cmd:2');
    // Replica a is alive: its commands are its own.
    expect(await b.sweep!()).toEqual([]);
    await a.close(); // its lock is gone, as when its process dies
    const [byB, byC] = await Promise.all([b.sweep!(), c.sweep!()]);
    expect([...byB, ...byC].map((e) => e.key)).toEqual(['slack:cmd:1']);
    expect(await b.sweep!()).toEqual([]);
    expect(await c.sweep!()).toEqual([]);
    const taker = byB.length ? b : c;
    expect(taker.pending().map((e) => e.key)).toEqual(['slack:cmd:1']);
    await b.close();
    await c.close();
  });

  it('a slow command acknowledged by a replica that then dies is answered by another replica at its next sweep', async () => {
    const db = await database(2);
    const fake = await startFakeSlack();
    const store = new MemoryStore(); // stands for the shared event log
    const config = loadConfig({ PLANBOT_ADMINS: 'slack:UADMIN', PORT: '0', HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
    const app = await createApp(config, { store, clock: fixedClock('2021-06-15T10:00:00+08:00'), logger: silentLogger });
    // Replica a never gets to the command (its process is about to die).
    let unblock!: () => void;
    const stuck = new Promise<never>((_r, reject) => (unblock = () => reject(new Error('replica a died'))));
    const inboxA = await openPgInbox(db.pools[0]!, db.url, 'replica-a');
    const a: SlackRuntime = await startSlack({ app: { ...app, bot: { handle: () => stuck } }, config, logger: silentLogger, inbox: inboxA });
    const b: SlackRuntime = await startSlack({ app, config, logger: silentLogger, inbox: await openPgInbox(db.pools[1]!, db.url, 'replica-b'), inboxSweepMs: 200 });
    try {
      const ack = await postSigned(`http://127.0.0.1:${a.address!.port}/slack/events`, SECRET, slashCommand({ text: 'update T9 at-risk 420/800', user_id: 'UADMIN', response_url: fake.responseUrl('swept') }));
      expect(JSON.parse(ack.text)).toMatchObject({ text: expect.stringMatching(/Working on it/) });
      await inboxA.close(); // its lock gone, as when its process dies
      const answer = await fake.waitForResponse('swept', 5000);
      expect(String(answer.body.text)).toContain('T9');
      expect(store.events().filter((e) => e.type === 'update' && e.itemId === 'T9')).toHaveLength(1);
    } finally {
      await b.stop();
      unblock();
      await a.stop().catch(() => {});
      await fake.close();
    }
  });

  it('a claim is renewed while its holder works, and the work is told to stop once it is lost', async () => {
    const db = await database(2);
    const [claimsA, claimsB] = db.pools.map((p) => pgClaims(p));
    const a = { claims: claimsA!, holder: 'replica-a', ttlMs: 300 };
    expect(await a.claims.claim('digest:k', a.holder, a.ttlMs)).toBe('claimed');
    const held = keepClaims(a, ['digest:k']);
    await sleep(900); // three times the ttl: without renewal replica b would take it over
    expect(await claimsB!.claim('digest:k', 'replica-b', 300)).toBe('held');
    expect(held.signal.aborted).toBe(false);
    // Taken over behind its back (as when the database judged it expired): the next renewal notices.
    await db.pools[1]!.query(`UPDATE planbot_claims SET holder = 'replica-b', expires_at = now() + interval '1 hour' WHERE key = 'digest:k'`);
    await new Promise((r) => held.signal.addEventListener('abort', r, { once: true }));
    expect(String(held.signal.reason)).toMatch(/claim on digest:k was lost/);
    held.stop();
  });

  it('a digest post that outlasts the claim ttl is posted once between two replicas', async () => {
    const db = await database(2);
    const store = await storeWith([subscribe({ channel: 'slack:C1' })]);
    const sent: string[] = [];
    const slowPost = async (channel: string, _reply: Reply) => {
      await sleep(1000);
      sent.push(channel);
    };
    const deps = (pool: pg.Pool, holder: string, post: DigestTickDeps['post']): DigestTickDeps => ({ plan, store, clock: fixedClock('2021-06-14T09:00:00+08:00'), timeZone: 'Asia/Shanghai', post, once: { claims: pgClaims(pool), holder, ttlMs: 300 } });
    const first = postDueDigests(deps(db.pools[0]!, 'replica-a', slowPost));
    await sleep(700);
    const second = await postDueDigests(deps(db.pools[1]!, 'replica-b', async (c) => void sent.push(c)));
    expect(second.claimedElsewhere).toEqual(['slack:C1']);
    expect((await first).posted.map((p) => p.channel)).toEqual(['slack:C1']);
    expect(sent).toEqual(['slack:C1']);
    expect((await postDueDigests(deps(db.pools[1]!, 'replica-b', async (c) => void sent.push(c)))).alreadyPosted).toEqual(['slack:C1']);
  });

  it('a post whose claim is lost stops and is not recorded as posted', async () => {
    const db = await database(1);
    const store = await storeWith([subscribe({ channel: 'slack:C1' })]);
    const pool = db.pools[0]!;
    const post: DigestTickDeps['post'] = async (_channel, _reply, options) => {
      await pool.query(`UPDATE planbot_claims SET holder = 'replica-b', expires_at = now() + interval '1 hour'`);
      await new Promise((_r, reject) => options?.signal?.addEventListener('abort', () => reject(options.signal!.reason), { once: true }));
    };
    const result = await postDueDigests({ plan, store, clock: fixedClock('2021-06-14T09:00:00+08:00'), timeZone: 'Asia/Shanghai', post, once: { claims: pgClaims(pool), holder: 'replica-a', ttlMs: 300 } });
    expect(result.failed.map((f) => f.channel)).toEqual(['slack:C1']);
    expect(store.events().filter((e) => e.type === 'digest-posted')).toEqual([]);
    expect((await pool.query('SELECT holder, completed_at FROM planbot_claims')).rows).toEqual([{ holder: 'replica-b', completed_at: null }]);
  });
});
