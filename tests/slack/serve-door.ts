import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountOnServer } from '../../src/adapters/slack/index.js';

/** A Slack door on a shared loopback server, as `serve` mounts it: the URL of its /slack/events, and how to close it. */
export interface ServedDoor {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a Slack app's handler on a plain HTTP server that answers everything else with `otherwise`
 * (the web chat's server, shared), on a free loopback port.
 */
export async function serveDoor(handler: Parameters<typeof mountOnServer>[1], otherwise: RequestListener): Promise<ServedDoor> {
  const server = createServer(otherwise);
  mountOnServer(server, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
