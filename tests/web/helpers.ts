import WebSocket from 'ws';
import { startWebChat, type WebChat } from '../../src/adapters/web/index.js';
import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { loadConfig } from '../../src/config/load-config.js';
import { MemoryStore } from '../../src/store/memory-store.js';

/** A web chat on a free local port over a fresh in-memory app; `web:alice` and `web:李雷` are admins. */
export async function startTestChat(overrides: Partial<Parameters<typeof startWebChat>[0]> = {}): Promise<{ app: App; chat: WebChat }> {
  const config = loadConfig({ PLANBOT_ADMINS: 'web:alice,web:李雷', LOG_LEVEL: 'silent' });
  const app = await createApp(config, { store: new MemoryStore(), clock: fixedClock('2021-06-15T09:00:00+08:00'), logger: silentLogger });
  const chat = await startWebChat({ app, port: 0, host: '127.0.0.1', logger: silentLogger, ...overrides });
  return { app, chat };
}

/** A frame the server sent. */
export type Frame = Record<string, any> & { type: string };

/** A websocket client that keeps every frame it receives and can wait for the next that matches. */
export class TestClient {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      this.frames.push(frame);
      for (const w of [...this.waiters]) {
        if (w.pred(frame)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(frame);
        }
      }
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  /** Opens a socket to the chat (`url` as returned by startWebChat), with `query` such as `?name=bob`. */
  static async open(url: string, options: WebSocket.ClientOptions = {}, query = ''): Promise<TestClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws').replace(/\/$/, '') + '/ws' + query, options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestClient(ws);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (already received since `from`, or still to come) that matches. */
  next(pred: (f: Frame) => boolean, { from = 0, timeoutMs = 5000 } = {}): Promise<Frame> {
    const seen = this.frames.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(from)).slice(0, 800)}`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Sends a chat message and waits for its reply. */
  async ask(text: string, name = 'alice'): Promise<Frame> {
    const from = this.frames.length;
    this.send({ type: 'message', user: name, channel: 'general', text });
    return this.next((f) => f.type === 'message', { from });
  }

  async closeAndWait(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
