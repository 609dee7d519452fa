import { isLoopbackHost } from '../../config/load-config.js';

/** Host names that reach a loopback-bound server from this machine. */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request's Host header may reach the chat. On a loopback bind only local names pass, so
 * a web page whose domain is re-pointed at 127.0.0.1 (DNS rebinding) cannot drive the local admin.
 */
export function hostAllowed(hostHeader: string | undefined, bindHost: string): boolean {
  if (!isLoopbackHost(bindHost)) return true;
  if (!hostHeader) return false;
  try {
    const name = new URL(`http://${hostHeader}`).hostname;
    // The bound address itself (127.0.0.2, [::1]) is as local as the usual names.
    return LOCAL_NAMES.has(name) || name === bindHost || name === `[${bindHost}]`;
  } catch {
    return false;
  }
}

/**
 * Whether a websocket upgrade comes from the chat's own page. Browsers always send Origin; other
 * sites' pages must not open a socket to the local chat (websockets are not covered by CORS).
 * Clients that are not browsers send no Origin and pass.
 */
export function sameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return hostHeader !== undefined && new URL(origin).host.toLowerCase() === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}
