import type { BotkitWeb } from './botkit-web.js';

/**
 * A {@link BotkitWeb} usable at once while Botkit still loads (botbuilder makes it most of a start):
 * handlers registered now are installed when it is ready, in order and before any socket is accepted;
 * a websocket upgrade waits for it (and is dropped if Botkit failed to load or the client went away);
 * sending and closing wait for it. Meanwhile the server already answers HTTP (the page, /healthz).
 */
export function deferredBotkit(loading: Promise<BotkitWeb>): BotkitWeb {
  // A failure is reported by whoever awaits `loading` (start-up); here it only must not go unhandled.
  loading.catch(() => {});
  return {
    on(event, handler) {
      void loading.then((botkit) => botkit.on(event, handler), () => {});
    },
    accept(req, socket, head, onOpen) {
      void loading.then(
        (botkit) => {
          if (!socket.destroyed) botkit.accept(req, socket, head, onOpen);
        },
        () => socket.destroy(),
      );
    },
    async say(reference, frame) {
      await (await loading).say(reference, frame);
    },
    async close() {
      const botkit = await loading.catch(() => null);
      await botkit?.close();
    },
  };
}
