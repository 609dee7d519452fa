import { describe, expect, it } from 'vitest';
import { MAX_BATCH, turnBatch } from '../../src/core/turn-batch.js';

/** The end of the current turn of the event loop: after the immediates already scheduled. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('turnBatch', () => {
  it('a lone call runs at the end of its own turn, after the promise continuations and ticks of that turn', async () => {
    const log: string[] = [];
    const hand = turnBatch((name: string) => log.push(name), () => {});
    hand('lone');
    await Promise.resolve();
    log.push('microtask');
    process.nextTick(() => log.push('tick'));
    expect(log).toEqual(['microtask']);
    await turn();
    expect(log).toEqual(['microtask', 'tick', 'lone']);
  });

  it('calls made in one turn run together, in the order made, once a turn brings no more', async () => {
    const batches: string[][] = [];
    let current: string[] | null = null;
    const hand = turnBatch(
      (name: string) => {
        if (!current) {
          batches.push((current = []));
          setImmediate(() => (current = null));
        }
        current.push(name);
      },
      () => {},
    );
    hand('a');
    hand('b');
    hand('c');
    await turn();
    // The turn brought b and c after a: the batch waits for a turn that brings nothing.
    expect(batches).toEqual([]);
    hand('d');
    await turn();
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([['a', 'b', 'c', 'd']]);
  });

  it(`runs at once when ${MAX_BATCH} calls are waiting, however many more come`, async () => {
    const ran: number[] = [];
    const hand = turnBatch((n: number) => ran.push(n), () => {});
    for (let i = 0; i < MAX_BATCH; i++) hand(i);
    await turn();
    expect(ran).toHaveLength(MAX_BATCH);
    expect(ran).toEqual([...ran].sort((a, b) => a - b));
  });

  it('sends a call made while a batch runs to the next batch', async () => {
    const ran: string[] = [];
    const hand = turnBatch(
      (name: string) => {
        ran.push(name);
        if (name === 'a') hand('late');
      },
      () => {},
    );
    hand('a');
    await turn();
    expect(ran).toEqual(['a']);
    await turn();
    expect(ran).toEqual(['a', 'late']);
  });

  it('a run that throws does not stop the others; its error comes with its arguments', async () => {
    const ran: number[] = [];
    const errors: [string, number][] = [];
    const hand = turnBatch(
      (n: number) => {
        if (n === 2) throw new Error('boom');
        ran.push(n);
      },
      (error, n) => errors.push([(error as Error).message, n]),
    );
    for (const n of [1, 2, 3]) hand(n);
    for (let i = 0; i < 3; i++) await turn();
    expect(ran).toEqual([1, 3]);
    expect(errors).toEqual([['boom', 2]]);
  });
});
