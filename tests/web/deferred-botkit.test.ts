import { describe, expect, it } from 'vitest';
import type { BotkitWeb } from '../../src/adapters/web/botkit-web.js';
import { deferredBotkit } from '../../src/adapters/web/deferred-botkit.js';

/** A Botkit double that records what reaches it, and a promise of it that the test resolves or rejects. */
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
  let resolve!: (b: BotkitWeb) => void;
  let reject!: (err: Error) => void;
  const loading = new Promise<BotkitWeb>((res, rej) => ((resolve = res), (reject = rej)));
  return { calls, botkit, loading, ready: () => resolve(botkit), fail: (err: Error) => reject(err) };
}

const socket = (destroyed = false) => ({ destroyed, destroy() {} }) as never;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the web chat while Botkit loads', () => {
  it('installs handlers first, then accepts the sockets that waited, and sends once it is ready', async () => {
    const b = loadingBotkit();
    const deferred = deferredBotkit(b.loading);
    deferred.on('hello', async () => {});
    deferred.on('message', async () => {});
    const opened: string[] = [];
    deferred.accept({} as never, socket(), Buffer.alloc(0), () => opened.push('page 1'));
    const said = deferred.say({} as never, { type: 'digest' });
    await settle();
    expect(b.calls).toEqual([]);
    b.ready();
    await said;
    expect(b.calls).toEqual(['on hello', 'on message', 'accept', 'say']);
    expect(opened).toEqual(['page 1']);
  });

  it('drops a socket whose client left while waiting, and every socket if Botkit failed to load', async () => {
    const gone = loadingBotkit();
    const d1 = deferredBotkit(gone.loading);
    d1.accept({} as never, socket(true), Buffer.alloc(0), () => {});
    gone.ready();
    await settle();
    expect(gone.calls).toEqual([]);

    const broken = loadingBotkit();
    const d2 = deferredBotkit(broken.loading);
    let destroyed = false;
    d2.accept({} as never, { destroyed: false, destroy: () => (destroyed = true) } as never, Buffer.alloc(0), () => {});
    broken.fail(new Error('cannot load botkit'));
    await settle();
    expect(destroyed).toBe(true);
    await expect(d2.close()).resolves.toBeUndefined();
  });
});
