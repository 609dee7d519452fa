import { describe, expect, it } from 'vitest';
import { oncePerRequest } from '../../src/core/once-per-request.js';
import type { NewEvent } from '../../src/store/events.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const assign = (owner: string): NewEvent => ({ type: 'assign', itemId: 'T9', owner, at: '2021-06-07T01:00:00.000Z', user: 'web:admin', platform: 'web', planId: 'henan-2021' }) as NewEvent;

describe('oncePerRequest', () => {
  it('keys each append of a request (key, key#2 …) and reads through to the store', async () => {
    const store = new MemoryStore();
    const view = oncePerRequest(store, 'req-1');
    await view.append(assign('web:bob'));
    await view.append(assign('web:carol'));
    expect(store.events().map((e) => e.requestKey)).toEqual(['req-1', 'req-1#2']);
    expect(view.events()).toBe(store.events());
  });

  it('records nothing when the same request is carried out again, and answers with what was recorded', async () => {
    const store = new MemoryStore();
    const first = await oncePerRequest(store, 'req-2').append(assign('web:bob'));
    const again = await oncePerRequest(store, 'req-2').append(assign('web:bob'));
    expect(again).toEqual(first);
    expect(store.events()).toHaveLength(1);
  });

  it('appends once when two copies of a request race', async () => {
    const store = new MemoryStore();
    const [a, b] = await Promise.all([oncePerRequest(store, 'req-3').append(assign('web:bob')), oncePerRequest(store, 'req-3').append(assign('web:bob'))]);
    expect(a).toEqual(b);
    expect(store.events()).toHaveLength(1);
  });

  it('gives every request a view of its own: two requests each record', async () => {
    const store = new MemoryStore();
    await oncePerRequest(store, 'req-4').append(assign('web:bob'));
    await oncePerRequest(store, 'req-5').append(assign('web:bob'));
    expect(store.events().map((e) => e.requestKey)).toEqual(['req-4', 'req-5']);
  });
});
