import type { BotkitWeb, WebTurnHandler } from './botkit-web.js';

/** A {@link BotkitWeb} that loads Botkit only when first needed. */
export interface DeferredBotkit extends BotkitWeb {
  /** Loads Botkit (once) and installs the handlers registered so far; rejects when it cannot be loaded. */
  load(): Promise<BotkitWeb>;
  /** True once Botkit is loaded and the chat accepts sockets. */
  readonly ready: boolean;
}

/**
 * Botkit with botbuilder takes most of a start to load (about a second of CPU), and its loading blocks
 * the process. Deferred, the server answers HTTP (the page, /healthz) at once: handlers registered now
 * are installed, in order, when Botkit is loaded; the first websocket upgrade loads it and waits for it
 * (a socket whose client left meanwhile, or every socket if Botkit cannot be loaded, is dropped).
 */
export function deferredBotkit(create: () => Promise<BotkitWeb>): DeferredBotkit {
  const handlers: [string, WebTurnHandler][] = [];
  let loading: Promise<BotkitWeb> | null = null;
  let ready = false;
  const load = (): Promise<BotkitWeb> =>
    (loading ??= create().then((botkit) => {
      for (const [event, handler] of handlers) botkit.on(event, handler);
      ready = true;
      return botkit;
    }));
  return {
    get ready() {
      return ready;
    },
    load,
    on(event, handler) {
      handlers.push([event, handler]);
      if (ready) void loading!.then((botkit) => botkit.on(event, handler));
    },
    accept(req, socket, head, onOpen) {
      load().then(
        (botkit) => {
          if (!socket.destroyed) botkit.accept(req, socket, head, onOpen);
        },
        () => socket.destroy(),
      );
    },
    async say(reference, frame) {
      await (await load()).say(reference, frame);
    },
    async close() {
      if (!loading) return;
      const botkit = await loading.catch(() => null);
      await botkit?.close();
    },
  };
}
