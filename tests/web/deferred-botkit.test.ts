import { describe, expect, it } from 'vitest';
import type { BotkitWeb } from '../../src/adapters/web/botkit-web.js';
import { deferredBotkit } from '../../src/adapters/web/deferred-botkit.js';

/** A Botkit double that records what reaches it, created (loaded) only when the deferred one asks, and settled by the test. */
function loadingBotkit() {
  const calls: string[] = [];
  const botkit: BotkitWeb = {
    on: (event) => void calls.push(`on ${event}`),
    accept: (_req, _socket, _head, onOpen) => {
      calls.push('accept');
      onOpen({} as never);
    },
    say: async () => void calls.push('say'),
    close: async () => void calls.push('close'),
  };
  let settle!: { resolve: (b: BotkitWeb) => void; reject: (err: Error) => void };
  const loading = new Promise<BotkitWeb>((resolve, reject) => (settle = { resolve, reject }));
  let loads = 0;
  const create = () => (loads++, loading);
  return { calls, create, loads: () => loads, ready: () => settle.resolve(botkit), fail: (err: Error) => settle.reject(err) };
}

const socket = (destroyed = false) => ({ destroyed, destroy() {} }) as never;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the web chat loads Botkit when first needed', () => {
  it('loads nothing until a socket comes; then installs the handlers first and accepts the socket that waited', async () => {
    const b = loadingBotkit();
    const deferred = deferredBotkit(b.create);
    deferred.on('hello', async () => {});
    deferred.on('message', async () => {});
    await tick();
    expect(b.loads()).toBe(0);
    expect(deferred.ready).toBe(false);
    const opened: string[] = [];
    deferred.accept({} as never, socket(), Buffer.alloc(0), () => opened.push('page 1'));
    deferred.accept({} as never, socket(), Buffer.alloc(0), () => opened.push('page 2'));
    expect(b.loads()).toBe(1);
    b.ready();
    await tick();
    expect(deferred.ready).toBe(true);
    await deferred.say({} as never, { type: 'digest' });
    expect(b.calls).toEqual(['on hello', 'on message', 'accept', 'accept', 'say']);
    expect(opened).toEqual(['page 1', 'page 2']);
    await deferred.close();
    expect(b.calls.at(-1)).toBe('close');
  });

  it('drops a socket whose client left while waiting, and every socket if Botkit cannot be loaded', async () => {
    const gone = loadingBotkit();
    const d1 = deferredBotkit(gone.create);
    d1.accept({} as never, socket(true), Buffer.alloc(0), () => {});
    gone.ready();
    await tick();
    expect(gone.calls).toEqual([]);

    const broken = loadingBotkit();
    const d2 = deferredBotkit(broken.create);
    let destroyed = false;
    d2.accept({} as never, { destroyed: false, destroy: () => (destroyed = true) } as never, Buffer.alloc(0), () => {});
    broken.fail(new Error('cannot load botkit'));
    await tick();
    expect(destroyed).toBe(true);
    expect(d2.ready).toBe(false);
    await expect(d2.load()).rejects.toThrow('cannot load botkit');
    await expect(d2.close()).resolves.toBeUndefined();
  });

  it('a chat stopped before any socket never loads Botkit', async () => {
    const b = loadingBotkit();
    const deferred = deferredBotkit(b.create);
    deferred.on('hello', async () => {});
    await deferred.close();
    expect(b.loads()).toBe(0);
  });
});
