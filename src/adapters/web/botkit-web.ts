import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebAdapter } from 'botbuilder-adapter-web';
import { Botkit, type BotkitConfiguration, type BotkitMessage, type BotWorker } from 'botkit';
import type { Logger } from '../../core/logger.js';

// Botkit lives in this file only: the project is archived upstream, so everything else in the web
// adapter talks to the small `BotkitWeb` interface below and Botkit can be replaced behind it.

/** The parts of a websocket (ws 7, as the web adapter creates it) that the chat uses. */
export interface ChatSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: string, listener: (...args: any[]) => void): unknown;
  listeners(event: string): Function[];
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
}

/** A Botkit message from the web adapter: the frame's fields plus Botkit's own. */
export type WebTurnMessage = BotkitMessage;

/** Where a proactive message goes: the reference Botkit recorded for a socket's conversation. */
export type WebReference = BotkitMessage['reference'];

/** Handles one turn (an incoming frame) and replies through `send`. */
export type WebTurnHandler = (message: WebTurnMessage, send: (frame: Record<string, unknown>) => Promise<void>) => Promise<void>;

/** Botkit with `botbuilder-adapter-web`, reduced to what the web chat needs. */
export interface BotkitWeb {
  /** Runs `handler` for every turn of `event` ('message', 'hello', 'welcome_back'). */
  on(event: string, handler: WebTurnHandler): void;
  /** Completes a websocket upgrade into the adapter's socket server; `onOpen` gets the socket right after the adapter has bound it. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, onOpen: (ws: ChatSocket) => void): void;
  /** Sends a frame outside a turn (a digest) to the conversation of `reference`. */
  say(reference: WebReference, frame: Record<string, unknown>): Promise<void>;
  /** Closes every socket (code 1001, so pages reconnect) and stops the socket server and its timers. */
  close(): Promise<void>;
}

/** Dialog state Botkit would keep per conversation; the bot core keeps its own state, so none is stored. */
const noDialogState: NonNullable<BotkitConfiguration['storage']> = {
  read: async () => ({}),
  write: async () => {},
  delete: async () => {},
};

/**
 * Boots Botkit over the web adapter without Botkit's own web server (which listens on every
 * interface on a fixed port and adds an unauthenticated webhook). The adapter's socket server is
 * created with `noServer`, so the caller decides which upgrade requests reach it.
 */
export function createBotkitWeb(opts: { maxPayload: number; logger: Logger }): BotkitWeb {
  const adapter = new WebAdapter({ noServer: true, maxPayload: opts.maxPayload, clientTracking: true });
  // The adapter logs turn errors with console.error unless the adapter has an error handler.
  adapter.onTurnError = async (_context, err) => {
    opts.logger.error({ err }, 'web chat turn failed');
  };
  // The adapter starts a 30 s heartbeat interval it never clears; keep its handle to stop it.
  const { value: controller, intervals } = capturingIntervals(
    () => new Botkit({ adapter, disable_webserver: true, disable_console: true, storage: noDialogState }),
  );
  for (const t of intervals) t.unref();
  const wss = adapter.wss as {
    clients: Set<ChatSocket>;
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: ChatSocket) => void): void;
    emit(event: 'connection', ws: ChatSocket, req: IncomingMessage): boolean;
    close(cb?: () => void): void;
  };
  if (!wss) throw new Error('botbuilder-adapter-web did not create its socket server during Botkit boot');

  return {
    on(event, handler) {
      controller.on(event, async (bot: BotWorker, message: BotkitMessage) => {
        await handler(message, async (frame) => {
          await bot.reply(message, toActivity(frame));
        });
      });
    },
    accept(req, socket, head, onOpen) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        wss.emit('connection', ws, req);
        onOpen(ws);
      });
    },
    async say(reference, frame) {
      const bot = await controller.spawn();
      await bot.changeContext(reference);
      await bot.say(toActivity(frame));
    },
    async close() {
      // Close politely first (pages see 1001 and reconnect); the server then cuts any socket left.
      const closing = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.on('close', () => resolve());
            setTimeout(resolve, 1000).unref();
            ws.close(1001, 'server stopping');
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const t of intervals) clearInterval(t);
      await controller.shutdown();
    },
  };
}

/**
 * A frame as a Botkit message. Every field but `type` and `text` goes in `channelData`, which the
 * adapter spreads into the frame it sends; fields named like Activity fields (`name`, `id`, …) would
 * otherwise be dropped.
 */
function toActivity(frame: Record<string, unknown>): Partial<BotkitMessage> {
  const { type, text, ...rest } = frame;
  return { type: String(type ?? 'message'), text: typeof text === 'string' ? text : undefined, channelData: rest };
}

/** Runs `fn`, recording the intervals it starts (so they can be stopped later). */
function capturingIntervals<T>(fn: () => T): { value: T; intervals: NodeJS.Timeout[] } {
  const original = globalThis.setInterval;
  const intervals: NodeJS.Timeout[] = [];
  const recording = (...args: Parameters<typeof setInterval>) => {
    const t = original(...args);
    intervals.push(t);
    return t;
  };
  globalThis.setInterval = recording as unknown as typeof setInterval;
  try {
    return { value: fn(), intervals };
  } finally {
    globalThis.setInterval = original;
  }
}
