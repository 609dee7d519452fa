import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEventsOf, type EventStore } from '../../src/store/event-store.js';
import { openFileStore } from '../../src/store/file-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { openPgStore, type PgStore } from '../../src/store/pg-store.js';
import { currentStates } from '../../src/store/item-state.js';
import { currentUnits } from '../../src/store/unit-state.js';
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { updateEvent } from './fixtures/events.js';

/** A place a store lives: `open` opens it (again), `fresh` makes a new empty one. */
interface Backend {
  name: string;
  skip: string | null;
  fresh(): Promise<{ open(): Promise<EventStore> }>;
}

let cluster: PgCluster | null = null;
const pgSkip = pgSkipReason();
if (pgSkip) console.warn(`the pg backend of the store contract is skipped: ${pgSkip}`);

const BACKENDS: Backend[] = [
  {
    name: 'memory',
    skip: null,
    fresh: async () => {
      const one = new MemoryStore();
      return { open: async () => one };
    },
  },
  {
    name: 'file',
    skip: null,
    fresh: async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'planbot-contract-')), 'state.json');
      return { open: () => openFileStore(file) };
    },
  },
  {
    name: 'pg',
    skip: pgSkip,
    fresh: async () => {
      cluster ??= await startPgCluster();
      const url = await cluster.database();
      return { open: () => openPgStore(url, { pollMs: 200 }) };
    },
  },
];

const opened: EventStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
afterAll(async () => {
  await cluster?.stop();
});

describe.each(BACKENDS)('EventStore contract: $name', (backend) => {
  beforeAll(() => {
    if (backend.skip) console.warn(`skipped: ${backend.skip}`);
  });
  const track = async (place: { open(): Promise<EventStore> }) => {
    const s = await place.open();
    opened.push(s);
    return s;
  };

  it.skipIf(backend.skip !== null)('keeps all of 1,000 concurrent appends, numbered 1..1000 in log order, after reopening', async () => {
    const place = await backend.fresh();
    const store = await place.open();
    const done = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.append(updateEvent({ note: `n${i}` }))));
    expect(done.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    if (backend.name !== 'memory') await store.close();
    const again = await track(place);
    expect(again.events().map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(new Set(again.events().map((e) => (e.type === 'update' ? e.note : '')))).toEqual(new Set(Array.from({ length: 1000 }, (_, i) => `n${i}`)));
  });

  it.skipIf(backend.skip !== null)('an append resolves with the stored event (seq and id given by the store), and events() shows it at once', async () => {
    const store = await track(await backend.fresh());
    const e = await store.append(updateEvent());
    expect(e).toMatchObject({ seq: 1, type: 'update', itemId: 'T9', user: 'alice' });
    expect(e.id).toMatch(/\S/);
    expect(store.events()).toEqual([e]);
    const f = await store.append(updateEvent({ note: 'second' }));
    expect(f.seq).toBe(2);
    expect(store.events()).toEqual([e, f]);
  });

  it.skipIf(backend.skip !== null)('state derived from events() is derived once per version of the log and follows every append at once', async () => {
    const place = await backend.fresh();
    const store = await track(place);
    const plan = { id: 'henan-2021', units: [] };
    await store.append(updateEvent({ status: 'on-track' }));
    const states = currentStates(store.events(), 'henan-2021');
    const units = currentUnits(store.events(), plan);
    expect(states.get('T9')!.status).toBe('on-track');
    // No append: the same derived objects, not a second fold of the log.
    expect(currentStates(store.events(), 'henan-2021')).toBe(states);
    expect(currentUnits(store.events(), plan)).toBe(units);
    await store.append(updateEvent({ status: 'off-track' }));
    expect(currentStates(store.events(), 'henan-2021').get('T9')!.status).toBe('off-track');
    await store.append({ type: 'unit-add', unit: { id: 'soil', zh: '土壤处', en: 'Soil Division', aliases: [] }, at: '2021-06-07T02:00:00.000Z', user: 'alice', platform: 'test', planId: 'henan-2021' });
    expect(currentUnits(store.events(), plan).units.has('soil')).toBe(true);
    expect(currentStates(store.events(), 'henan-2021').get('T9')!.status).toBe('off-track');
    if (backend.name === 'pg') {
      // Another replica's append reaches this one's log when it refreshes, and the derived state with it.
      const other = await track(place);
      await other.append(updateEvent({ status: 'done' }));
      await (store as PgStore).refresh();
      expect(currentStates(store.events(), 'henan-2021').get('T9')!.status).toBe('done');
    }
  });

  it.skipIf(backend.skip !== null)('acceptedEvents() is events() followed by the appends accepted but not yet written, in the order accepted', async () => {
    const store = await track(await backend.fresh());
    const first = await store.append(updateEvent({ note: 'written' }));
    const accepted = () => acceptedEventsOf(store);
    expect(accepted()).toEqual([first]);
    const pending = [store.append(updateEvent({ note: 'a' })), store.append(updateEvent({ note: 'b' })), store.append(updateEvent({ note: 'c' }))];
    // Before the writes settle: the written log, then a, b, c as accepted (those not written have no seq yet).
    const seen = accepted();
    expect(seen.slice(0, store.events().length)).toEqual(store.events());
    expect(seen.map((e) => (e.type === 'update' ? e.note : ''))).toEqual(['written', 'a', 'b', 'c']);
    const done = await Promise.all(pending);
    expect(accepted()).toEqual([first, ...done]);
    expect(store.events()).toEqual([first, ...done]);
  });

  it.skipIf(backend.skip !== null)('rejects an invalid event and records nothing', async () => {
    const place = await backend.fresh();
    const store = await track(place);
    await expect(store.append(updateEvent({ progress: [{ indicatorId: 'T9.1', value: -1, target: null, unit: null }] }))).rejects.toThrow();
    expect(store.events()).toHaveLength(0);
    await store.append(updateEvent());
    expect(store.events().map((e) => e.seq)).toEqual([1]);
  });

  it.skipIf(backend.skip !== null)('keeps every field of every kind of event as appended', async () => {
    const place = await backend.fresh();
    const store = await place.open();
    const base = { at: '2021-06-07T01:00:00.000+08:00', user: 'slack:U0123', platform: 'slack', planId: 'henan-2021' };
    const written = [
      await store.append(updateEvent({ unit: 'zhoukou', requestKey: 'slack:1:abc' })),
      await store.append({ ...base, type: 'subscribe', channel: 'slack:C1', filters: { group: 'G3', owner: null, status: 'at-risk' }, lang: 'both' }),
      await store.append({ ...base, type: 'milestone', itemId: 'T9', indicatorId: 'T9.1', date: '2021-06-30', value: 400, op: 'set' }),
      await store.append({ ...base, type: 'unit-add', unit: { id: 'soil', zh: '土壤处', en: 'Soil Division', aliases: ['土壤'] } }),
    ];
    if (backend.name !== 'memory') await store.close();
    const again = await track(place);
    expect(again.events()).toEqual(written);
  });
});
