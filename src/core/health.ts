/** How the store is doing, as `GET /healthz` reports it. */
export interface StoreHealth {
  /** Which store: `file` (the lowdb state file), `postgres`, `memory`. */
  kind: string;
  /** Events in the log as this process sees it. */
  events: number;
  /** Whether an update could be recorded now (false: updates are refused, questions still answered). */
  writable: boolean;
  /** Why the store is unusable, when it is. */
  error?: string;
}

/** Whether an adapter is configured by the environment, and whether it is running in this process. */
export interface AdapterHealth {
  configured: boolean;
  started: boolean;
}

/** The body of `GET /healthz`. */
export interface Health {
  ok: boolean;
  store: StoreHealth;
  adapters: Record<string, AdapterHealth>;
}

/** What the health check answers: 200 when healthy, 503 when the store is unusable (unreadable or not writable). */
export interface HealthReport {
  status: 200 | 503;
  body: Health;
}

/** A store that can say how it is doing itself (a store may offer this; otherwise the composition root probes it). */
export interface SelfReportingStore {
  health(): Promise<StoreHealth>;
}

/**
 * Runs the store's probe and reads the adapters' state into a report. A probe that throws is an
 * unusable store (503) whose error is reported, never a failed health check.
 */
export async function healthReport(probe: { store: () => Promise<StoreHealth>; adapters: () => Record<string, AdapterHealth> }): Promise<HealthReport> {
  let store: StoreHealth;
  try {
    store = await probe.store();
  } catch (err) {
    store = { kind: 'unknown', events: 0, writable: false, error: (err as Error).message };
  }
  const ok = store.writable && store.error === undefined;
  return { status: ok ? 200 : 503, body: { ok, store, adapters: probe.adapters() } };
}
