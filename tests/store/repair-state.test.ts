import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent, PlanEvent } from '../../src/store/events.js';
import { openFileStore } from '../../src/store/file-store.js';
import { repairStateFile } from '../../src/store/repair-state.js';
import { salvageEvents } from '../../src/store/salvage-events.js';
import { StoreLockedError } from '../../src/store/store-errors.js';
import { updateEvent } from './fixtures/events.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'planbot-repair-')), 'state.json');
const base = { at: '2021-06-07T01:00:00.000Z', platform: 'web', planId: 'henan-2021' } as const;

/** A real state file written by the store: 40 events of every kind, English and Chinese, with quotes, braces and brackets in notes. */
async function realFile(): Promise<{ text: string; events: readonly PlanEvent[] }> {
  const file = tempFile();
  const store = await openFileStore(file);
  const kinds: NewEvent[] = [
    updateEvent({ user: 'web:alice', note: 'Zhoukou "behind" {schedule} [see T9]' }),
    { ...base, type: 'assign', itemId: 'T9', owner: 'slack:U0123', user: 'web:alice' },
    updateEvent({ user: 'slack:U0123', status: 'on-track', note: '周口、南阳进度滞后，\\ 反斜杠' }),
    { ...base, type: 'subscribe', channel: 'slack:C1', filters: { group: 'G3', owner: null, status: 'at-risk' }, lang: 'both', user: 'web:alice' },
    { ...base, type: 'digest-posted', channel: 'slack:C1', week: '2021-05-31', user: 'system' },
  ];
  for (let i = 0; i < 40; i++) await store.append(kinds[i % kinds.length]!);
  const events = store.events();
  await store.close();
  await (await openFileStore(file)).close(); // folds the journal into the file
  return { text: readFileSync(file, 'utf8'), events };
}

describe('salvageEvents: every complete event of a torn file', () => {
  let real: { text: string; events: readonly PlanEvent[] };
  beforeAll(async () => {
    real = await realFile();
  });

  it('keeps exactly the events complete before the cut, at every offset of a real file', () => {
    const { text, events } = real;
    // Where each event's text ends: a cut at or after it keeps the event.
    const ends = events.map((e) => text.indexOf(JSON.stringify(e)) + JSON.stringify(e).length);
    expect(ends.every((end, i) => end > (ends[i - 1] ?? 0))).toBe(true);
    for (let cut = 0; cut < text.length; cut++) {
      const s = salvageEvents(text.slice(0, cut));
      if (!s.ok) throw new Error(`cut at ${cut}: ${s.reason}`);
      const complete = ends.filter((end) => end <= cut).length;
      expect(s.events.map((e) => e.id), `cut at ${cut}`).toEqual(events.slice(0, complete).map((e) => e.id));
      expect(s.events, `cut at ${cut}`).toEqual(events.slice(0, complete));
      expect(s.renumbered).toBe(false);
      // Nothing is reported dropped unless part of an event was cut off.
      expect(s.dropped.length, `cut at ${cut}`).toBe(ends.some((end, i) => end > cut && text.indexOf('{"seq"', (ends[i - 1] ?? 0)) < cut) ? 1 : 0);
    }
  });

  it('drops a mangled event in the middle, keeps the rest and numbers them again', () => {
    const { text, events } = real;
    const third = JSON.stringify(events[2]);
    const s = salvageEvents(text.replace(third, third.replace('"on-track"', '"sideways"')).slice(0, -3));
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.events.map((e) => e.id)).toEqual(events.filter((_, i) => i !== 2).map((e) => e.id));
    expect(s.events.map((e) => e.seq)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(s.renumbered).toBe(true);
    expect(s.dropped).toEqual([{ index: 3, offset: text.indexOf(third), reason: expect.stringMatching(/does not fit the schema \(field status\)/) }]);
  });

  it.each([
    ['a block of zeros over events 11–12 (a crash of the file system)', (t: string) => '\0'.repeat(t.length), [10, 11]],
    ['a lost quote in event 11', (t: string) => t.replace('"', ''), [10]],
    ['a lost closing brace of event 12', (t: string) => t.slice(0, -1), [11]],
  ])('skips %s and keeps every other event', (_name, mangle, lost) => {
    const { text, events } = real;
    const from = text.indexOf(JSON.stringify(events[10]));
    const to = text.indexOf(JSON.stringify(events[11])) + JSON.stringify(events[11]).length;
    const s = salvageEvents(text.slice(0, from) + mangle(text.slice(from, to)) + text.slice(to));
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.events.map((e) => e.id)).toEqual(events.filter((_, i) => !lost.includes(i)).map((e) => e.id));
    expect(s.dropped.map((d) => d.offset)).toEqual(lost.map((i) => text.indexOf(JSON.stringify(events[i]))).slice(0, s.dropped.length));
    expect(s.dropped.length).toBeGreaterThanOrEqual(1);
  });

  it('reads a torn v0 (prototype) file and migrates what it keeps', () => {
    const v0 = '{\n  "events": [\n    {"type":"assign","itemId":"T9","owner":"bob","at":"2021-06-01T01:00:00.000Z","user":"alice","platform":"console","planId":"henan-2021"},\n    {"type":"upd';
    const s = salvageEvents(v0);
    expect(s).toMatchObject({ ok: true, version: 0, events: [{ seq: 1, id: 'v0-1', type: 'assign', owner: 'console:bob', user: 'console:alice' }], dropped: [{ index: 2, reason: /cut off mid-way/ }] });
  });

  it.each([
    ['plain text', 'root:x:0:0:root:/root:/bin/bash\n'],
    ['another JSON document', '{"name": "plan-bot", "version": "0.1.0"}'],
    ['a JSON array', '[1, 2, 3]'],
  ])('refuses %s: not a state file, nothing to salvage', (_name, text) => {
    expect(salvageEvents(text)).toEqual({ ok: false, reason: expect.stringMatching(/not a plan-bot state file/) });
  });

  it('an empty file holds no events', () => {
    expect(salvageEvents('')).toMatchObject({ ok: true, events: [], dropped: [] });
  });
});

describe('repairStateFile: a copy first, a durable write, a file that loads', () => {
  it('repairs a torn file in place, keeping the original and the .bak untouched', async () => {
    const { text, events } = await realFile();
    const file = tempFile();
    const cut = text.indexOf(JSON.stringify(events[30])) + 40;
    writeFileSync(file, text.slice(0, cut));
    writeFileSync(`${file}.bak`, 'the backup, as it was');
    const r = await repairStateFile(file, { now: new Date('2021-06-07T01:02:03.004Z') });
    expect(r).toMatchObject({ ok: true, unchanged: false, kept: 30, last: { seq: 30 }, renumbered: false, copy: `${file}.damaged-2021-06-07T01-02-03-004Z` });
    expect(r.dropped).toEqual([{ index: 31, offset: cut - 40, reason: expect.stringMatching(/cut off/) }]);
    expect(readFileSync(r.copy!, 'utf8')).toBe(text.slice(0, cut));
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('the backup, as it was');
    const store = await openFileStore(file);
    expect(store.events()).toEqual(events.slice(0, 30));
    await store.append(updateEvent());
    expect(store.events().at(-1)!.seq).toBe(31);
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('never overwrites an earlier copy', async () => {
    const file = tempFile();
    writeFileSync(file, '{"version":1,"events":[');
    const now = new Date('2021-06-07T01:02:03.004Z');
    writeFileSync(`${file}.damaged-2021-06-07T01-02-03-004Z`, 'an earlier copy');
    await expect(repairStateFile(file, { now })).rejects.toThrow(/EEXIST/);
    expect(readFileSync(`${file}.damaged-2021-06-07T01-02-03-004Z`, 'utf8')).toBe('an earlier copy');
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"events":[');
  });

  it('leaves a file that loads, and one that is not a state file, exactly as they are', async () => {
    const file = tempFile();
    const store = await openFileStore(file);
    await store.append(updateEvent());
    await store.close();
    const good = readFileSync(file, 'utf8');
    expect(await repairStateFile(file)).toMatchObject({ ok: true, unchanged: true, kept: 1, copy: null });
    expect(readFileSync(file, 'utf8')).toBe(good);

    writeFileSync(file, 'hello, not JSON');
    expect(await repairStateFile(file)).toMatchObject({ ok: false, unchanged: true, copy: null, reason: expect.stringMatching(/not a plan-bot state file/) });
    expect(readFileSync(file, 'utf8')).toBe('hello, not JSON');
    expect(readdirSync(join(file, '..')).filter((f) => f.includes('damaged'))).toEqual([]);
  });

  it('refuses while another process holds the state file', async () => {
    const file = tempFile();
    const store = await openFileStore(file);
    await store.append(updateEvent());
    await expect(repairStateFile(file)).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
  });
});
