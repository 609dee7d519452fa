import { describe, expect, it } from 'vitest';
import { turnBatch } from '../../src/core/turn-batch.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('turnBatch', () => {
  it('runs the calls of one turn together at its end, in the order they were made', async () => {
    const log: string[] = [];
    const hand = turnBatch((name: string) => log.push(`run ${name}`), () => log.push('error'));
    hand('a');
    hand('b');
    log.push('turn goes on');
    hand('c');
    expect(log).toEqual(['turn goes on']);
    await turn();
    expect(log).toEqual(['turn goes on', 'run a', 'run b', 'run c']);
  });

  it('runs after the I/O callbacks and promise continuations of the turn the calls were made in', async () => {
    const log: string[] = [];
    const hand = turnBatch((name: string) => log.push(name), () => {});
    hand('first');
    await Promise.resolve();
    log.push('microtask');
    process.nextTick(() => log.push('tick'));
    await turn();
    expect(log).toEqual(['microtask', 'tick', 'first']);
  });

  it('sends a call made while a batch runs to the next batch', async () => {
    const batches: string[][] = [[]];
    const hand = turnBatch(
      (name: string) => {
        batches.at(-1)!.push(name);
        if (name === 'a') hand('late');
      },
      () => {},
    );
    hand('a');
    hand('b');
    await turn();
    expect(batches).toEqual([['a', 'b']]);
    batches.push([]);
    await turn();
    expect(batches).toEqual([['a', 'b'], ['late']]);
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
    await turn();
    expect(ran).toEqual([1, 3]);
    expect(errors).toEqual([['boom', 2]]);
  });
});
